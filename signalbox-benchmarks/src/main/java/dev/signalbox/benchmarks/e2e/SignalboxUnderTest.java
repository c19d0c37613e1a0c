package dev.signalbox.benchmarks.e2e;

import dev.signalbox.testing.Ports;
import dev.signalbox.testing.ProcessStats;
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
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Signalbox as the process under measurement: {@code java <jvmOptions> -jar signalbox.jar run
 * --config <file>} (the shaded jar users run, with {@link LauncherOptions} by default), output in a
 * log file in {@code workDir}, ready when it logs "everything is ready". The admin endpoint gets a
 * free loopback port unless the config sets {@code service.telemetry}.
 */
public final class SignalboxUnderTest implements AutoCloseable {
  private static final String READY = "everything is ready";

  /**
   * How to start it.
   *
   * @param java the java executable
   * @param jar the distribution's shaded jar
   * @param jvmOptions options before {@code -jar}
   * @param configYaml the configuration
   * @param workDir where the config file and the log go (created)
   */
  public record Spec(Path java, Path jar, List<String> jvmOptions, String configYaml, Path workDir) {
    public Spec {
      Objects.requireNonNull(java, "java");
      Objects.requireNonNull(jar, "jar");
      jvmOptions = List.copyOf(jvmOptions);
      Objects.requireNonNull(configYaml, "configYaml");
      Objects.requireNonNull(workDir, "workDir");
    }
  }

  private final Process process;
  private final Path log;
  private final int adminPort;
  private final long startNanos;

  private SignalboxUnderTest(Process process, Path log, int adminPort, long startNanos) {
    this.process = process;
    this.log = log;
    this.adminPort = adminPort;
    this.startNanos = startNanos;
  }

  /** Starts it and waits up to 60 s for readiness; fails with the log if it exits first. */
  public static SignalboxUnderTest start(Spec spec) throws IOException {
    if (!Files.isRegularFile(spec.jar())) {
      throw new IOException("no " + spec.jar() + ": build it first (bin/bench builds it)");
    }
    Files.createDirectories(spec.workDir());
    String stamp = Long.toString(System.nanoTime());
    Path config = Files.writeString(spec.workDir().resolve("signalbox-" + stamp + ".yaml"), spec.configYaml());
    Path log = spec.workDir().resolve("signalbox-" + stamp + ".log");
    int admin = Ports.free();
    List<String> cmd = new ArrayList<>();
    cmd.add(spec.java().toString());
    cmd.addAll(spec.jvmOptions());
    cmd.add("-jar");
    cmd.add(spec.jar().toString());
    cmd.add("run");
    cmd.add("--config");
    cmd.add(config.toString());
    if (!spec.configYaml().contains("telemetry:")) {
      cmd.add("--config");
      cmd.add("yaml:service::telemetry::metrics::address: 127.0.0.1:" + admin);
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SignalboxUnderTest s = new SignalboxUnderTest(p, log, admin, t0);
    try {
      s.awaitLog(READY, Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Waits until the log contains {@code text}; fails if the process exits first. */
  public void awaitLog(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - end < 0) {
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

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Seconds from launch to now. */
  public double uptimeSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** CPU-seconds, RSS and peak RSS of the process now. */
  public ProcessStats stats() throws IOException {
    return ProcessStats.of(process.pid());
  }

  public Path logFile() {
    return log;
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The self-metrics text (Prometheus exposition) from the admin endpoint. */
  public String metrics() throws IOException, InterruptedException {
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  /** A sample's value from the self-metrics, matched by its full name-and-labels prefix, or -1. */
  public double metric(String sampleNameAndLabels) throws IOException, InterruptedException {
    for (String line : metrics().split("\n")) {
      if (line.startsWith(sampleNameAndLabels + " ")) {
        return Double.parseDouble(line.substring(sampleNameAndLabels.length() + 1).trim());
      }
    }
    return -1;
  }

  /** SIGTERM, then waits for the graceful exit (SIGKILL after {@code timeout}); the exit code. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  /** SIGKILL if still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
