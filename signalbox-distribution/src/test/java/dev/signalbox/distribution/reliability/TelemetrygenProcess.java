package dev.signalbox.distribution.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code signalbox telemetrygen} as its own process, from the test classpath, writing a report
 * file. The load generator is a separate process so that killing or overloading Signalbox never
 * touches it, and its own accounting (sent, failed, retries) is independent of the test's.
 */
final class TelemetrygenProcess implements AutoCloseable {
  private final Process process;
  private final Path report;
  private final Path log;

  private TelemetrygenProcess(Process process, Path report, Path log) {
    this.process = process;
    this.report = report;
    this.log = log;
  }

  /** Starts {@code telemetrygen <args>} with {@code --report-file} in {@code dir}. */
  static TelemetrygenProcess start(Path dir, String... args) throws IOException {
    Files.createDirectories(dir);
    Path report = dir.resolve("telemetrygen-" + System.nanoTime() + ".json");
    Path log = dir.resolve("telemetrygen-" + System.nanoTime() + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.signalbox.distribution.Main", "telemetrygen"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--report-file", report.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new TelemetrygenProcess(p, report, log);
  }

  /** Waits for the run to end and returns its report. */
  Report await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("telemetrygen did not finish within " + timeout + ":\n" + log());
    }
    if (!Files.exists(report)) {
      throw new IllegalStateException("telemetrygen exited with " + process.exitValue() + " and no report:\n" + log());
    }
    try {
      return Report.parse(Files.readString(report));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The fields of telemetrygen's report file that the tests use. */
  record Report(long sent, long failed, long retries, long requests, long firstSeq, long lastSeq, String lastError) {
    static Report parse(String json) {
      return new Report(num(json, "sent"), num(json, "failed"), num(json, "retries"), num(json, "requests"),
          num(json, "first_seq"), num(json, "last_seq"), str(json, "last_error"));
    }

    long generated() {
      return lastSeq - firstSeq + 1;
    }

    private static long num(String json, String field) {
      Matcher m = Pattern.compile("\"" + field + "\": (-?[0-9]+)").matcher(json);
      if (!m.find()) {
        throw new IllegalArgumentException("no " + field + " in " + json);
      }
      return Long.parseLong(m.group(1));
    }

    private static String str(String json, String field) {
      Matcher m = Pattern.compile("\"" + field + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
      return m.find() ? m.group(1) : "";
    }
  }
}
