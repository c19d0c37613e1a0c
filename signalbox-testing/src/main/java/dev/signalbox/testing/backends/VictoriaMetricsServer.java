package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import dev.signalbox.testing.backends.PrometheusServer.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real VictoriaMetrics 1.79 single node (Debian package {@code victoria-metrics}) for tests,
 * started once per test JVM on 127.0.0.1 with a free port and a temporary data directory, with
 * {@code -search.latencyOffset=0s} so fresh samples are visible at once; stopped by its PID when the
 * JVM exits. Used as an InfluxDB 2 line-protocol endpoint ({@code /api/v2/write}; InfluxDB 1.6 has
 * none) and read back through its own API: {@link #export} ({@code /api/v1/export}), after
 * {@link #forceFlush}. A line's field {@code f} of measurement {@code m} becomes the metric
 * {@code m_f}, its tags labels; 1.79 keeps neither {@code org} nor {@code bucket}. Thread-safe.
 */
public final class VictoriaMetricsServer {
  private static VictoriaMetricsServer instance;

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private VictoriaMetricsServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The server of this JVM, started on first use (about 0.1 s). */
  public static synchronized VictoriaMetricsServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static VictoriaMetricsServer start() {
    String binary = BackendProcesses.binary("victoria-metrics", "victoria-metrics");
    try {
      Path dir = Files.createTempDirectory("signalbox-victoriametrics-");
      int port = Ports.free();
      Process p = BackendProcesses.launch(List.of(binary, "-httpListenAddr=127.0.0.1:" + port,
          "-storageDataPath=" + dir.resolve("data"), "-retentionPeriod=1d", "-search.latencyOffset=0s",
          "-loggerLevel=WARN"), dir.resolve("victoria-metrics.log"));
      VictoriaMetricsServer s = new VictoriaMetricsServer(p, port);
      BackendProcesses.stopAtExit("victoria-metrics", p, dir);
      BackendProcesses.awaitHttp(p, s.baseUrl() + "/health", 200, Duration.ofSeconds(30), dir.resolve("victoria-metrics.log"));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start victoria-metrics", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@code GET /internal/force_flush}: makes recent writes searchable. */
  public void forceFlush() {
    BackendProcesses.httpGet(http, baseUrl() + "/internal/force_flush");
  }

  /** One exported series: labels ({@code __name__} included), values and their times (ms). */
  public record Series(Map<String, String> labels, List<Double> values, List<Long> timestampsMillis) {}

  /** {@code /api/v1/export?match[]=<selector>}: every raw sample of the matching series. */
  @SuppressWarnings("unchecked")
  public List<Series> export(String selector) {
    String body = BackendProcesses.httpGet(http, baseUrl() + "/api/v1/export?match[]=" + PrometheusServer.enc(selector));
    List<Series> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> m = (Map<String, Object>) Json.parse(line);
      List<Double> values = new ArrayList<>();
      for (Object v : (List<Object>) m.get("values")) {
        values.add(v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v)));
      }
      List<Long> ts = new ArrayList<>();
      for (Object t : (List<Object>) m.get("timestamps")) {
        ts.add(((Number) t).longValue());
      }
      out.add(new Series(new TreeMap<>((Map<String, String>) m.get("metric")), values, ts));
    }
    return out;
  }
}
