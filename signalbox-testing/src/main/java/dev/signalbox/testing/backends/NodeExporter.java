package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
    String binary = BackendProcesses.binary("prometheus-node-exporter", "prometheus-node-exporter");
    try {
      Path dir = Files.createTempDirectory("signalbox-node-exporter-");
      int port = Ports.free();
      Path log = dir.resolve("node-exporter.log");
      Process p = BackendProcesses.launch(List.of(binary, "--web.listen-address=127.0.0.1:" + port, "--no-collector.systemd",
          "--log.level=warn"), log);
      BackendProcesses.stopAtExit("node-exporter", p, dir);
      NodeExporter n = new NodeExporter(p, port);
      BackendProcesses.awaitHttp(p, n.metricsUrl(), Duration.ofSeconds(30), log);
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
}
