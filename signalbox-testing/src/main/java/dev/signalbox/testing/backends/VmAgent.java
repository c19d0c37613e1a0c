package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real VictoriaMetrics {@code vmagent} 1.79 (Debian package {@code victoria-metrics}): a
 * remote-write sender for tests of remote-write receivers. Started once per test JVM on 127.0.0.1
 * with a free port and a temporary buffer directory, stopped by its PID at JVM exit. See
 * {@code shared/BACKENDS.md} §4.
 *
 * <p>It scrapes the {@link NodeExporter} every second (job {@code node}) and remote-writes to
 * {@code http://127.0.0.1:<remoteWritePort()>/api/v1/write}, flushing every second. vmagent 1.79
 * sends no metric metadata and backs off up to a minute when its remote storage is down, so start
 * the receiver under test on {@link #remoteWritePort()} <em>before</em> calling {@link #get()}.
 * Thread-safe.
 */
public final class VmAgent extends RemoteWriteSenderProcess {
  private static int remoteWritePort;
  private static VmAgent instance;


  private VmAgent(Process process, int port, int sinkPort) {
    super(process, port, sinkPort);
  }

  /** The port vmagent remote-writes to, chosen (free) on first call and fixed for the JVM. */
  public static synchronized int remoteWritePort() {
    if (remoteWritePort == 0) {
      remoteWritePort = Ports.free();
    }
    return remoteWritePort;
  }

  /** The vmagent of this JVM, started on first use (also starts the {@link NodeExporter}). */
  public static synchronized VmAgent get() {
    if (instance == null) {
      instance = start(remoteWritePort());
    }
    return instance;
  }

  private static VmAgent start(int sinkPort) {
    String binary = BackendProcesses.binary("vmagent", "victoria-metrics");
    String node = NodeExporter.get().address();
    try {
      Path dir = Files.createTempDirectory("signalbox-vmagent-");
      int port = Ports.free();
      Files.writeString(dir.resolve("scrape.yml"), """
          global: {scrape_interval: 1s, scrape_timeout: 1s}
          scrape_configs:
            - job_name: node
              static_configs: [{targets: ['%s']}]
          """.formatted(node));
      Path log = dir.resolve("vmagent.log");
      Process p = BackendProcesses.launch(List.of(binary, "-httpListenAddr=127.0.0.1:" + port,
          "-promscrape.config=" + dir.resolve("scrape.yml"),
          "-remoteWrite.url=http://127.0.0.1:" + sinkPort + "/api/v1/write",
          "-remoteWrite.tmpDataPath=" + dir.resolve("buf"), "-remoteWrite.flushInterval=1s",
          "-loggerLevel=WARN"), log);
      BackendProcesses.stopAtExit("vmagent", p, dir);
      VmAgent a = new VmAgent(p, port, sinkPort);
      BackendProcesses.awaitHttp(p, a.baseUrl() + "/health", Duration.ofSeconds(30), log);
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start vmagent", e);
    }
  }
}
