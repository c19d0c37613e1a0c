package dev.signalbox.kafka;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Signalbox pipeline as a child process ({@link PipelineMain} from the test classpath), like the
 * test kit's {@code SignalboxProcess}, which runs the distribution's main: {@link #kill()} is
 * SIGKILL, {@link #stop()} SIGTERM.
 */
public final class PipelineProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int adminPort;

  private PipelineProcess(Process process, Path log, int adminPort) {
    this.process = process;
    this.log = log;
    this.adminPort = adminPort;
  }

  /** Starts a pipeline from {@code yaml} and waits until it is ready (60 s at most). */
  public static PipelineProcess start(Path dir, String name, String yaml, List<String> jvmOptions) throws IOException {
    Files.createDirectories(dir);
    Path config = Files.writeString(dir.resolve(name + "-" + System.nanoTime() + ".yaml"), yaml);
    Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmOptions);
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.addAll(List.of("-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
        PipelineMain.class.getName(), config.toString()));
    int admin = Ports.free();
    if (!yaml.contains("telemetry:")) {
      cmd.add("yaml:service::telemetry::metrics::address: 127.0.0.1:" + admin);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PipelineProcess pp = new PipelineProcess(p, log, admin);
    pp.awaitLog("everything is ready", Duration.ofSeconds(60));
    return pp;
  }

  public void awaitLog(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (log().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the pipeline exited with " + process.exitValue() + " before logging '"
            + text + "':\n" + log());
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the pipeline did not log '" + text + "' within " + timeout + ":\n" + log());
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A counter or gauge from the self-metrics, by its full sample name and labels; -1 if absent. */
  public double metric(String sampleNameAndLabels) throws IOException, InterruptedException {
    String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    for (String line : text.split("\n")) {
      if (line.startsWith(sampleNameAndLabels + " ")) {
        return Double.parseDouble(line.substring(sampleNameAndLabels.length() + 1).trim());
      }
    }
    return -1;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown at all. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM and a graceful exit. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
