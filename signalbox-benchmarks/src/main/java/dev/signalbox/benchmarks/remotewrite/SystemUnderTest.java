package dev.signalbox.benchmarks.remotewrite;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A forwarding process under measurement, started as its users start it, with its output in a log
 * file: Signalbox through the launcher script {@code bin/signalbox} (which {@code exec}s java with
 * its JVM options on the shaded jar, so the PID is the JVM's), or {@code vmagent} from the Debian
 * package. Both listen for remote write on 127.0.0.1 and forward to {@code sinkUrl}.
 */
final class SystemUnderTest implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final String writeUrl;

  private SystemUnderTest(String name, Process process, Path log, String writeUrl) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.writeUrl = writeUrl;
  }

  /**
   * Signalbox: {@code prometheusremotewrite} receiver → {@code batch} → {@code prometheusremotewrite}
   * exporter, with the Collector's defaults except what a remote-write forwarder sets: no
   * {@code target_info} and no scope labels (they would be series the sender never sent).
   *
   * @param launcher {@code bin/signalbox} of the checkout to measure
   * @param javaOpts extra JVM options ({@code SIGNALBOX_JAVA_OPTS}, e.g. a JFR recording), or empty
   * @param extraExporterYaml more exporter keys (indented for the exporter block), or empty
   */
  static SystemUnderTest signalbox(Path launcher, Path dir, String sinkUrl, String javaHome, String javaOpts,
      String extraExporterYaml) throws IOException {
    int port = Ports.free();
    int admin = Ports.free();
    String config = """
        receivers:
          prometheusremotewrite:
            endpoint: 127.0.0.1:%d
        processors:
          batch:
        exporters:
          prometheusremotewrite:
            endpoint: %s
            target_info:
              enabled: false
            disable_scope_info: true
        %s
        service:
          telemetry:
            metrics:
              address: 127.0.0.1:%d
          pipelines:
            metrics:
              receivers: [prometheusremotewrite]
              processors: [batch]
              exporters: [prometheusremotewrite]
        """.formatted(port, sinkUrl, extraExporterYaml, admin);
    Files.createDirectories(dir);
    Path file = Files.writeString(dir.resolve("signalbox.yaml"), config);
    Path log = dir.resolve("signalbox.log");
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "run", "--config", file.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    if (javaHome != null && !javaHome.isBlank()) {
      env.put("JAVA_HOME", javaHome);
    }
    if (javaOpts != null && !javaOpts.isBlank()) {
      env.put("SIGNALBOX_JAVA_OPTS", javaOpts);
    }
    SystemUnderTest s = new SystemUnderTest("signalbox", pb.start(), log,
        "http://127.0.0.1:" + port + "/api/v1/write");
    try {
      s.awaitLog("everything is ready", Duration.ofSeconds(120));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** vmagent, as {@code shared/BACKENDS.md} §4 runs it, accepting remote write on its own port. */
  static SystemUnderTest vmagent(String binary, Path dir, String sinkUrl) throws IOException {
    int port = Ports.free();
    Files.createDirectories(dir);
    Path log = dir.resolve("vmagent.log");
    List<String> cmd = new ArrayList<>(List.of(binary, "-httpListenAddr=127.0.0.1:" + port,
        "-remoteWrite.url=" + sinkUrl, "-remoteWrite.tmpDataPath=" + dir.resolve("buf"),
        "-remoteWrite.flushInterval=1s", "-loggerLevel=WARN"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SystemUnderTest s = new SystemUnderTest("vmagent", p, log, "http://127.0.0.1:" + port + "/api/v1/write");
    try {
      s.awaitHealth("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  String name() {
    return name;
  }

  /** Where the load generator sends remote write. */
  String writeUrl() {
    return writeUrl;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  ProcessStats stats() throws IOException {
    return ProcessStats.of(process.pid());
  }

  /**
   * CPU-seconds so far per kind of thread, from /proc/PID/task/TID/stat, by thread name with its
   * digits replaced by {@code N} (the JVM names its threads: "C2 CompilerThreadN", "VM Thread" (the
   * serial collector runs there), "ForkJoinPool-N-worker-N" (virtual threads' carriers), ...).
   * Threads that ended are not counted.
   */
  java.util.Map<String, Double> threadCpu() {
    java.util.Map<String, Double> out = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          out.merge(name, cpu, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    return out;
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitLog(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - end < 0) {
      if (log().contains(text)) {
        return;
      }
      checkAlive();
      pause();
    }
    throw new IllegalStateException(name + " did not log '" + text + "' within " + timeout + ":\n" + log());
  }

  private void awaitHealth(String url, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    try (HttpClient c = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
      while (System.nanoTime() - end < 0) {
        checkAlive();
        try {
          if (c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        pause();
      }
    }
    throw new IllegalStateException(name + " was not healthy within " + timeout + ":\n" + log());
  }

  private void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
    }
  }

  private void pause() {
    try {
      process.waitFor(50, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM and a graceful exit (SIGKILL after 30 s). */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

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
