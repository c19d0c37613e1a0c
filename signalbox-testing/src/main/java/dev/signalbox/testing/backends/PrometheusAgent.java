package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus 2.42 in <b>agent mode</b> (Debian package {@code prometheus}): a remote-write
 * sender for tests of remote-write receivers, and a Prometheus whose own {@code /metrics} can be
 * scraped. Started once per test JVM on 127.0.0.1 with a free port and a temporary WAL directory,
 * stopped by its PID at JVM exit. See {@code shared/BACKENDS.md} §1.
 *
 * <p>It scrapes, every second, the {@link NodeExporter} (job {@code node}) and itself (job
 * {@code prometheus}, which has histograms and summaries), and remote-writes everything to
 * {@code http://127.0.0.1:<remoteWritePort()>/api/v1/write} with a 1 s batch deadline, retry
 * backoff capped at 1 s and metadata sent every 2 s. The port is reserved before the agent starts:
 * start the receiver under test on {@link #remoteWritePort()}, then call {@link #get()}.
 * Thread-safe.
 */
public final class PrometheusAgent extends RemoteWriteSenderProcess {
  private static int remoteWritePort;
  private static PrometheusAgent instance;


  private PrometheusAgent(Process process, int port, int sinkPort) {
    super(process, port, sinkPort);
  }

  /** The port the agent remote-writes to, chosen (free) on first call and fixed for the JVM. */
  public static synchronized int remoteWritePort() {
    if (remoteWritePort == 0) {
      remoteWritePort = Ports.free();
    }
    return remoteWritePort;
  }

  /** The agent of this JVM, started on first use (also starts the {@link NodeExporter}). */
  public static synchronized PrometheusAgent get() {
    if (instance == null) {
      instance = start(remoteWritePort());
    }
    return instance;
  }

  private static PrometheusAgent start(int sinkPort) {
    String binary = BackendProcesses.binary("prometheus", "prometheus");
    String node = NodeExporter.get().address();
    try {
      Path dir = Files.createTempDirectory("signalbox-prometheus-agent-");
      int port = Ports.free();
      Files.writeString(dir.resolve("agent.yml"), """
          global: {scrape_interval: 1s, scrape_timeout: 1s}
          scrape_configs:
            - job_name: node
              static_configs: [{targets: ['%s']}]
            - job_name: prometheus
              static_configs: [{targets: ['127.0.0.1:%d']}]
          remote_write:
            - url: http://127.0.0.1:%d/api/v1/write
              queue_config: {batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s}
              metadata_config: {send: true, send_interval: 2s}
          """.formatted(node, port, sinkPort));
      Path log = dir.resolve("prometheus-agent.log");
      Process p = BackendProcesses.launch(List.of(binary, "--enable-feature=agent",
          "--config.file=" + dir.resolve("agent.yml"), "--storage.agent.path=" + dir.resolve("wal"),
          "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), log);
      BackendProcesses.stopAtExit("prometheus-agent", p, dir);
      PrometheusAgent a = new PrometheusAgent(p, port, sinkPort);
      BackendProcesses.awaitHttp(p, a.baseUrl() + "/-/ready", Duration.ofSeconds(30), log);
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prometheus --enable-feature=agent", e);
    }
  }
}
