package dev.signalbox.benchmarks.e2e;

import dev.signalbox.testing.ProcessStats;
import dev.signalbox.testing.SignalboxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signalbox as the process under measurement: {@code java <jvmOptions> -jar signalbox.jar run
 * --config <file>} (the shaded jar users run, with {@link LauncherOptions} by default), output in a
 * log file in {@code workDir}, ready when it logs "everything is ready". The admin endpoint gets a
 * free loopback port unless the config sets {@code service.telemetry}. Launching, logs and
 * self-metrics are {@link SignalboxProcess}'s; this adds the packaged jar and the clock.
 */
public final class SignalboxUnderTest implements AutoCloseable {
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

  private final SignalboxProcess process;
  private final long startNanos;

  private SignalboxUnderTest(SignalboxProcess process, long startNanos) {
    this.process = process;
    this.startNanos = startNanos;
  }

  /** Starts it and waits up to 60 s for readiness; fails with the log if it exits first. */
  public static SignalboxUnderTest start(Spec spec) throws IOException {
    if (!Files.isRegularFile(spec.jar())) {
      throw new IOException("no " + spec.jar() + ": build it first (bin/bench builds it)");
    }
    List<String> java = new ArrayList<>();
    java.add(spec.java().toString());
    java.addAll(spec.jvmOptions());
    java.add("-jar");
    java.add(spec.jar().toString());
    long t0 = System.nanoTime();
    return new SignalboxUnderTest(SignalboxProcess.launch(java, spec.workDir(), spec.configYaml(), List.of()), t0);
  }

  /** Waits until the log contains {@code text}; fails if the process exits first. */
  public void awaitLog(String text, Duration timeout) {
    process.awaitLog(text, timeout);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.process().isAlive();
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
    return process.logFile();
  }

  public String log() {
    return process.log();
  }

  /** The self-metrics text (Prometheus exposition) from the admin endpoint. */
  public String metrics() throws IOException, InterruptedException {
    return process.metrics();
  }

  /** A sample's value from the self-metrics, matched by its full name-and-labels prefix, or -1. */
  public double metric(String sampleNameAndLabels) throws IOException, InterruptedException {
    return process.metric(sampleNameAndLabels);
  }

  /** SIGTERM, then waits for the graceful exit (SIGKILL after {@code timeout}); the exit code. */
  public int stop(Duration timeout) throws InterruptedException {
    return process.stop(timeout);
  }

  /** SIGKILL if still running. */
  @Override
  public void close() {
    try {
      process.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
