package dev.signalbox.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.backends.PrometheusServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Remote write in → batch → remote write out into a real Prometheus (2.42, remote-write receiver),
 * twice side by side: one Signalbox forwards the series as they came (nothing in its pipeline reads
 * them), the other translates them into OTLP and back (its pipeline also feeds the debug
 * exporter, which needs OTLP). Prometheus' query API must show the same series with the same
 * values from both, with the exporter's external and scope labels.
 */
class RemoteWriteForwardingIT {
  static final PrometheusServer PROM = PrometheusServer.get();
  final HttpClient http = HttpClient.newHttpClient();

  static String config(int port, String path, boolean alsoDebug) {
    return """
        receivers:
          prometheusremotewrite:
            endpoint: "127.0.0.1:%d"
        processors:
          batch: {timeout: 100ms}
        exporters:
          prometheusremotewrite:
            endpoint: "%s"
            external_labels: {path: %s, cluster: c1}
          debug: {}
        service:
          telemetry: {metrics: {level: none}}
          pipelines:
            metrics: {receivers: [prometheusremotewrite], processors: [batch], exporters: [%s]}
        """.formatted(port, PROM.remoteWriteUrl(), path, alsoDebug ? "prometheusremotewrite, debug"
        : "prometheusremotewrite");
  }

  static TimeSeries series(double value, long t, String... labels) {
    List<Label> ls = new ArrayList<>();
    for (int i = 0; i < labels.length; i += 2) {
      ls.add(new Label(labels[i], labels[i + 1]));
    }
    return new TimeSeries(ls, List.of(new Sample(value, t)), List.of());
  }

  /** One scrape of a node_exporter-like target: a counter, a gauge, a histogram and a summary. */
  static WriteRequest scrape(String run, long t, int n) {
    List<TimeSeries> s = new ArrayList<>();
    String[] target = {"instance", "h1:9100", "job", "node"};
    s.add(series(100 + n, t, cat(new String[] {"__name__", run + "_cpu_seconds_total", "cpu", "0"}, target,
        new String[] {"mode", "idle"})));
    s.add(series(5e8 - n, t, cat(new String[] {"__name__", run + "_memory_free_bytes"}, target)));
    String[][] buckets = {{"0.1", "2"}, {"0.5", "6"}, {"1", "9"}, {"+Inf", "10"}};
    for (String[] b : buckets) {
      s.add(series(Double.parseDouble(b[1]) * (n + 1), t, cat(new String[] {"__name__", run + "_latency_seconds_bucket"},
          target, new String[] {"le", b[0]})));
    }
    s.add(series(3.5 * (n + 1), t, cat(new String[] {"__name__", run + "_latency_seconds_sum"}, target)));
    s.add(series(10.0 * (n + 1), t, cat(new String[] {"__name__", run + "_latency_seconds_count"}, target)));
    for (String q : new String[] {"0.5", "0.99"}) {
      s.add(series(Double.parseDouble(q) / 10, t, cat(new String[] {"__name__", run + "_gc_seconds"}, target,
          new String[] {"quantile", q})));
    }
    s.add(series(0.7, t, cat(new String[] {"__name__", run + "_gc_seconds_sum"}, target)));
    s.add(series(12 + n, t, cat(new String[] {"__name__", run + "_gc_seconds_count"}, target)));
    return new WriteRequest(s, List.of());
  }

  static String[] cat(String[]... parts) {
    List<String> out = new ArrayList<>();
    for (String[] p : parts) {
      out.addAll(List.of(p));
    }
    // labels sorted by name, as senders send them
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < out.size(); i += 2) {
      sorted.put(out.get(i), out.get(i + 1));
    }
    List<String> flat = new ArrayList<>();
    sorted.forEach((k, v) -> {
      flat.add(k);
      flat.add(v);
    });
    return flat.toArray(String[]::new);
  }

  void post(int port, WriteRequest req) throws Exception {
    var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/write"))
        .header("Content-Type", RemoteWriteCodec.CONTENT_TYPE).header("Content-Encoding", "snappy")
        .POST(HttpRequest.BodyPublishers.ofByteArray(RemoteWriteCodec.encodeCompressed(req))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  /** Each series of the run written by {@code path}: labels (without path) → value. */
  static Map<String, String> written(String run, String path) {
    Map<String, String> out = new TreeMap<>();
    for (PrometheusServer.Sample s : PROM.query("{__name__=~\"" + run + "_.*\", path=\"" + path + "\"}")) {
      Map<String, String> labels = new TreeMap<>(s.labels());
      labels.remove("path");
      out.put(labels.toString(), s.value());
    }
    return out;
  }

  /** The labels (without path) a series of the scrape is expected to have in Prometheus, as text. */
  static String expected(String name, String... more) {
    Map<String, String> l = new TreeMap<>(Map.of("__name__", name, "cluster", "c1", "instance", "h1:9100", "job",
        "node", "otel_scope_name", "dev.signalbox/receiver/prometheusremotewrite", "otel_scope_version",
        Main.BUILD_INFO.version()));
    for (int i = 0; i < more.length; i += 2) {
      l.put(more[i], more[i + 1]);
    }
    return l.toString();
  }

  @Test
  void forwardedAndTranslatedSeriesArriveTheSameInPrometheus() throws Exception {
    String run = "fwd" + Long.toString(System.nanoTime(), 36);
    int forwardPort = Ports.free();
    int translatePort = Ports.free();
    try (var forwarding = InProcessSignalbox.start(config(forwardPort, "forwarded", false));
        var translating = InProcessSignalbox.start(config(translatePort, "translated", true))) {
      long now = System.currentTimeMillis();
      for (int n = 0; n < 3; n++) {
        WriteRequest req = scrape(run, now - 20_000 + n * 5_000L, n);
        post(forwardPort, req);
        post(translatePort, req);
      }
      int perScrape = scrape(run, now, 0).timeseries().size();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
          () -> written(run, "forwarded").size() == perScrape && written(run, "translated").size() == perScrape);
    }
    Map<String, String> forwarded = written(run, "forwarded");
    assertThat(forwarded).isEqualTo(written(run, "translated"));
    // what Prometheus has, read with its own query language
    assertThat(forwarded).containsEntry(expected(run + "_cpu_seconds_total", "cpu", "0", "mode", "idle"), "102");
    assertThat(forwarded).containsEntry(expected(run + "_latency_seconds_bucket", "le", "+Inf"), "30");
    assertThat(forwarded).containsEntry(expected(run + "_memory_free_bytes"), "499999998");
    assertThat(PROM.query("histogram_quantile(0.5, " + run + "_latency_seconds_bucket{path=\"forwarded\"})"))
        .singleElement().satisfies(s -> assertThat(s.doubleValue()).isCloseTo(0.4, org.assertj.core.data.Offset
            .offset(1e-9)));
    assertThat(PROM.query(run + "_gc_seconds{path=\"forwarded\", quantile=\"0.99\"}")).singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo("0.099"));
  }
}
