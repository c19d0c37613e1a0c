package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus node exporter 1.5 (Debian package {@code prometheus-node-exporter}) for tests:
 * started once per test JVM on 127.0.0.1 with a free port, {@code --no-collector.systemd} (there
 * is no systemd here; see {@code shared/BACKENDS.md} §2), and stopped by its PID when the JVM
 * exits. Ready when {@code /metrics} answers (about 0.1 s). Thread-safe.
 */
public final class NodeExporter {
  private static NodeExporter instance;

  private final Process process;
  private final int port;

  private NodeExporter(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The exporter of this JVM, started on first use. */
  public static synchronized NodeExporter get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static NodeExporter start() {
    String binary = binary("prometheus-node-exporter", "prometheus-node-exporter");
    try {
      Path dir = Files.createTempDirectory("signalbox-node-exporter-");
      int port = Ports.free();
      Path log = dir.resolve("node-exporter.log");
      Process p = launch(List.of(binary, "--web.listen-address=127.0.0.1:" + port, "--no-collector.systemd",
          "--log.level=warn"), log);
      stopAtExit("node-exporter", p, dir);
      NodeExporter n = new NodeExporter(p, port);
      awaitHttp(p, n.metricsUrl(), Duration.ofSeconds(30), log);
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prometheus-node-exporter", e);
    }
  }

  /** {@code 127.0.0.1:<port>}: a scrape target. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>/metrics}. */
  public String metricsUrl() {
    return "http://" + address() + "/metrics";
  }

  public long pid() {
    return process.pid();
  }

  // ---- process helpers shared by this package's Prometheus-family launchers ----

  /** The path of {@code name} on PATH (or in /usr/bin, /usr/sbin), or an error saying how to install it. */
  static String binary(String name, String debianPackage) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/bin");
    dirs.add("/usr/sbin");
    for (String d : dirs) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    throw new IllegalStateException(name + " is not installed: run bin/setup-test-env (Debian package "
        + debianPackage + ")");
  }

  static Process launch(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Stops {@code p} by its PID (SIGTERM, then SIGKILL after 10 s) and deletes {@code dir} at JVM exit. */
  static void stopAtExit(String name, Process p, Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
      deleteTree(dir);
    }, "stop-" + name));
  }

  /** Polls {@code url} until it answers 200; fails with the process log when it exits or times out. */
  static void awaitHttp(Process p, String url, Duration timeout, Path log) {
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(url + ": the process exited with " + p.exitValue() + "; log:\n" + tail(log));
      }
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + url, e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + url, e);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(url + " was not ready within " + timeout + "; log:\n" + tail(log));
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
