package dev.signalbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signalbox as a child process, started from the test's own classpath (so no packaged jar is
 * needed) with {@code run --config <file>}. Output goes to a log file; readiness is the
 * "everything is ready" log line. {@link #stop()} sends SIGTERM (graceful), {@link #kill()} SIGKILL.
 */
public final class SignalboxProcess implements AutoCloseable {
  private static final String MAIN = "dev.signalbox.distribution.Main";

  private final Process process;
  private final Path log;
  private final int adminPort;

  private SignalboxProcess(Process process, Path log, int adminPort) {
    this.process = process;
    this.log = log;
    this.adminPort = adminPort;
  }

  /**
   * Starts {@code run} with {@code configYaml} written to {@code dir}; the admin endpoint gets a free
   * port unless the config sets one. Waits up to 60 s for readiness.
   */
  public static SignalboxProcess start(Path dir, String configYaml, List<String> jvmOptions) throws IOException {
    return start(dir, configYaml, jvmOptions, List.of());
  }

  /**
   * As {@link #start(Path, String, List)}, with more arguments for {@code run} (such as
   * {@code --shutdown-timeout 5s}).
   */
  public static SignalboxProcess start(Path dir, String configYaml, List<String> jvmOptions, List<String> runArgs)
      throws IOException {
    List<String> java = new ArrayList<>();
    java.add(ProcessHandle.current().info().command().orElse("java"));
    java.addAll(jvmOptions);
    if (Runtime.version().feature() >= 24) {
      java.add("--sun-misc-unsafe-memory-access=allow");
      java.add("--enable-native-access=ALL-UNNAMED");
    }
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.add(MAIN);
    return launch(java, dir, configYaml, runArgs);
  }

  /**
   * Starts {@code <javaCommand> run --config <file> <runArgs>}, where {@code javaCommand} is
   * everything up to Signalbox's own arguments (e.g. {@code java <options> -jar signalbox.jar}, as
   * the benchmarks run the packaged jar), with {@code configYaml} written to {@code dir} and the log
   * beside it; the admin endpoint gets a free loopback port unless the config sets one. Waits up to
   * 60 s for readiness.
   */
  public static SignalboxProcess launch(List<String> javaCommand, Path dir, String configYaml, List<String> runArgs)
      throws IOException {
    Files.createDirectories(dir);
    int admin = Ports.free();
    String stamp = Long.toString(System.nanoTime());
    Path config = Files.writeString(dir.resolve("signalbox-" + stamp + ".yaml"), configYaml);
    Path log = dir.resolve("signalbox-" + stamp + ".log");
    List<String> cmd = new ArrayList<>(javaCommand);
    cmd.add("run");
    cmd.add("--config");
    cmd.add(config.toString());
    cmd.addAll(runArgs);
    if (!configYaml.contains("telemetry:")) {
      cmd.add("--config");
      cmd.add("yaml:service::telemetry::metrics::address: 127.0.0.1:" + admin);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SignalboxProcess sp = new SignalboxProcess(p, log, admin);
    try {
      sp.awaitLog("everything is ready", Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      sp.process.destroyForcibly();
      throw e;
    }
    return sp;
  }

  /** Waits until the log contains {@code text}; fails if the process exits first. */
  public void awaitLog(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (log().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("signalbox exited with " + process.exitValue() + " before logging '" + text
            + "':\n" + log());
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("signalbox did not log '" + text + "' within " + timeout + ":\n" + log());
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  /** The self-metrics text from the admin endpoint. */
  public String metrics() throws IOException, InterruptedException {
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  /** A counter or gauge value from the self-metrics, matched by its full sample prefix, or -1. */
  public double metric(String sampleNameAndLabels) throws IOException, InterruptedException {
    for (String line : metrics().split("\n")) {
      if (line.startsWith(sampleNameAndLabels + " ")) {
        return Double.parseDouble(line.substring(sampleNameAndLabels.length() + 1).trim());
      }
    }
    return -1;
  }

  /** SIGTERM and wait for a graceful exit; returns the exit code. */
  public int stop() throws InterruptedException {
    return stop(Duration.ofSeconds(60));
  }

  /** SIGTERM, then waits for the graceful exit (SIGKILL after {@code timeout}); the exit code. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  /** Sends SIGTERM without waiting (a second one, later than 300ms, makes Signalbox exit at once). */
  public void signalTerm() {
    process.destroy();
  }

  /** Waits up to {@code timeout} for the process to exit; its exit code, or null if still running. */
  public Integer awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) ? process.exitValue() : null;
  }

  /** The log file (standard output and error). */
  public Path logFile() {
    return log;
  }

  /** SIGKILL: no shutdown at all. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
