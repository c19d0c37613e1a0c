package dev.signalbox.benchmarks.e2e;

import dev.signalbox.testing.ProcessStats;
import java.io.IOException;
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
 * The load: {@code signalbox telemetrygen ...} as a separate process, started from the same jar and
 * with the same JVM options as Signalbox (it is what {@code bin/signalbox telemetrygen} runs), with
 * a JSON report file whose counts decide whether the run delivered everything.
 */
public final class TelemetrygenRun implements AutoCloseable {
  private final Process process;
  private final Path report;
  private final Path log;

  private TelemetrygenRun(Process process, Path report, Path log) {
    this.process = process;
    this.report = report;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmOptions> -jar <jar> telemetrygen <args> --report-file <file>}; output goes
   * to a log file in {@code workDir}.
   */
  public static TelemetrygenRun start(Path java, Path jar, List<String> jvmOptions, List<String> args, Path workDir)
      throws IOException {
    Files.createDirectories(workDir);
    String stamp = Long.toString(System.nanoTime());
    Path report = workDir.resolve("telemetrygen-" + stamp + ".json");
    Path log = workDir.resolve("telemetrygen-" + stamp + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("telemetrygen");
    cmd.addAll(args);
    cmd.add("--report-file");
    cmd.add(report.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new TelemetrygenRun(p, report, log);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** CPU and memory of the generator now. */
  public ProcessStats stats() throws IOException {
    return ProcessStats.of(process.pid());
  }

  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Waits for it to exit and reads its report; fails if it does not exit in time or wrote none. */
  public Report await(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      throw new IOException("telemetrygen did not finish within " + timeout + "; log:\n" + tail(log()));
    }
    if (!Files.exists(report)) {
      throw new IOException("telemetrygen exited with " + process.exitValue() + " without a report; log:\n"
          + tail(log()));
    }
    return Report.parse(Files.readString(report), process.exitValue());
  }

  /** SIGTERM (telemetrygen stops generating and writes its report), then SIGKILL if needed. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
  }

  /** What telemetrygen reported (see its {@code Summary}). */
  public record Report(long sent, long failed, long retries, long requests, double seconds, double itemsPerSecond,
      String lastError, int exitCode) {

    static Report parse(String json, int exitCode) {
      return new Report(num(json, "sent"), num(json, "failed"), num(json, "retries"), num(json, "requests"),
          dbl(json, "duration_seconds"), dbl(json, "items_per_second"), str(json, "last_error"), exitCode);
    }

    private static long num(String json, String key) {
      return (long) dbl(json, key);
    }

    private static double dbl(String json, String key) {
      Matcher m = Pattern.compile("\"" + key + "\":\\s*(-?[0-9.]+)").matcher(json);
      if (!m.find()) {
        throw new IllegalArgumentException("no '" + key + "' in telemetrygen report: " + json);
      }
      return Double.parseDouble(m.group(1));
    }

    private static String str(String json, String key) {
      Matcher m = Pattern.compile("\"" + key + "\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
      return m.find() ? m.group(1) : "";
    }
  }
}
