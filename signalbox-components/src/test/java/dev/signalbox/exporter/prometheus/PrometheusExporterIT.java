package dev.signalbox.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.exporter.prometheusremotewrite.MetricsFixture;
import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Sum;
import dev.signalbox.testing.TestHost;
import dev.signalbox.testing.backends.PrometheusServer;
import dev.signalbox.testing.backends.PrometheusServer.ExemplarRecord;
import dev.signalbox.testing.backends.PrometheusServer.Sample;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus 2.42 scrapes the exporter every second (OpenMetrics with exemplars, or the
 * text format) and the series are read back with Prometheus' own query API.
 */
class PrometheusExporterIT {
  static final PrometheusServer PROM = PrometheusServer.get();
  /**
   * One scrape target for the whole class: each test's exporter listens on this port in turn.
   * Prometheus applies new targets only every 5 seconds; a target that stays is scraped every second.
   */
  static final int PORT = dev.signalbox.testing.Ports.free();

  static {
    PROM.addScrapeTarget("127.0.0.1:" + PORT);
  }

  final String run = "t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  PrometheusExporter exporter;
  String target;

  PrometheusExporter start(PrometheusExporterConfig cfg) throws Exception {
    exporter = new PrometheusExporter(ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheus")),
        cfg.withServer(cfg.server().withEndpoint("127.0.0.1:" + PORT)), Clock.systemUTC());
    exporter.start(new TestHost());
    target = "127.0.0.1:" + exporter.port();
    return exporter;
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  /** The fixture with this run's own instance, so targets of different tests never share a series. */
  MetricsFixture fixture(long t) {
    MetricsFixture f = MetricsFixture.everyType(run + ".", t);
    f.metrics().resourceMetrics().get(0).resource().attributes().put("service.instance.id", run);
    return f;
  }

  static Map<String, String> labels(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  String[] common(String name, String... more) {
    String[] base = {"__name__", name, "job", "shop/checkout", "instance", run, "otel_scope_name", "io.test.meter",
        "otel_scope_version", "1.2.3"};
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  List<Sample> awaitQuery(String promql, int results) {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> PROM.query(promql), r -> r.size() == results);
  }

  static Map<Map<String, String>, String> byLabels(List<Sample> samples) {
    Map<Map<String, String>, String> m = new LinkedHashMap<>();
    for (Sample s : samples) {
      m.put(s.labels(), s.value());
    }
    return m;
  }

  @Test
  void prometheusScrapesEveryMetricTypeAsTheSpecificationSays() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withEnableOpenMetrics(true));
    long t = System.currentTimeMillis() * 1_000_000L;
    exporter.consume(Context.empty(), fixture(t).metrics());

    // 13 series as remote write gives, plus the two accumulated delta counters
    awaitQuery("{__name__=~\"" + run + "_.*\"}", 15);
    assertThat(PROM.targetHealth().get("http://" + target + "/metrics")).startsWith("up");
    assertThat(byLabels(PROM.query(run + "_memory_utilization_ratio"))).containsExactly(
        Map.entry(labels(common(run + "_memory_utilization_ratio", "state", "used")), "0.42"));
    assertThat(byLabels(PROM.query(run + "_http_server_requests_total"))).containsExactly(Map.entry(
        labels(common(run + "_http_server_requests_total", "http_method", "GET", "http_status_code", "200")), "17"));
    assertThat(byLabels(PROM.query(run + "_queue_size"))).containsExactly(
        Map.entry(labels(common(run + "_queue_size")), "3"));
    String h = run + "_http_server_duration_milliseconds";
    assertThat(byLabels(PROM.query(h + "_bucket"))).containsOnly(
        Map.entry(labels(common(h + "_bucket", "le", "5")), "1"),
        Map.entry(labels(common(h + "_bucket", "le", "10")), "3"),
        Map.entry(labels(common(h + "_bucket", "le", "25")), "6"),
        Map.entry(labels(common(h + "_bucket", "le", "+Inf")), "10"));
    assertThat(byLabels(PROM.query(h + "_sum"))).containsExactly(Map.entry(labels(common(h + "_sum")), "123.5"));
    assertThat(byLabels(PROM.query(h + "_count"))).containsExactly(Map.entry(labels(common(h + "_count")), "10"));
    String q = run + "_rpc_latency_seconds";
    assertThat(byLabels(PROM.query(q))).containsOnly(
        Map.entry(labels(common(q, "quantile", "0.5")), "0.1"),
        Map.entry(labels(common(q, "quantile", "0.99")), "0.9"));
    assertThat(byLabels(PROM.query(q + "_count"))).containsExactly(Map.entry(labels(common(q + "_count")), "40"));
    // delta monotonic sums are exposed as counters
    assertThat(byLabels(PROM.query(run + "_deltas_total"))).containsOnly(
        Map.entry(labels(common(run + "_deltas_total")), "1"),
        Map.entry(labels(common(run + "_deltas_total", "k", "v")), "2"));
    // target_info, one per job/instance
    assertThat(byLabels(PROM.query("target_info{instance=\"" + run + "\"}"))).containsExactly(Map.entry(labels(
        "__name__", "target_info", "job", "shop/checkout", "instance", run, "host_name", "h1",
        "deployment_environment", "prod"), "1"));
  }

  @Test
  void exemplarsAreScrapedThroughOpenMetrics() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withEnableOpenMetrics(true));
    long t = System.currentTimeMillis() * 1_000_000L;
    exporter.consume(Context.empty(), fixture(t).metrics());

    List<ExemplarRecord> counter = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> PROM.exemplars(run + "_http_server_requests_total"), l -> !l.isEmpty());
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    assertThat(counter).first().satisfies(e -> {
      assertThat(e.labels()).isEqualTo(labels("trace_id", traceId, "span_id", "00f067aa0ba902b7"));
      assertThat(e.value()).isEqualTo(1.5);
      assertThat(e.timestampSeconds()).isEqualTo(((t - 1_000_000) / 1_000_000) / 1000.0);
    });
    // one exemplar per bucket: its own in le=10, carried up to le=25 and +Inf
    List<ExemplarRecord> buckets = await().atMost(Duration.ofSeconds(20))
        .until(() -> PROM.exemplars(run + "_http_server_duration_milliseconds_bucket"), l -> l.size() >= 3);
    assertThat(buckets).extracting(e -> e.seriesLabels().get("le")).containsOnly("10", "25", "+Inf");
    assertThat(buckets).allSatisfy(e -> {
      assertThat(e.value()).isEqualTo(7.0);
      assertThat(e.labels()).containsEntry("user", "u1").containsEntry("trace_id", traceId);
    });
  }

  @Test
  void textFormatWithTimestampsConstLabelsAndNamespace() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withSendTimestamps(true).withNamespace(run)
        .withConstLabels(Map.of("cluster", "eu-1")));
    long t = System.currentTimeMillis() * 1_000_000L - 2_000_000_000L;
    MetricsFixture f = new MetricsFixture("");
    f.metrics().resourceMetrics().get(0).resource().attributes().put("service.instance.id", run);
    f.gauge("g", "By", 5, t);
    exporter.consume(Context.empty(), f.metrics());

    List<Sample> s = awaitQuery(run + "_g_bytes", 1);
    assertThat(byLabels(s)).containsExactly(Map.entry(labels(common(run + "_g_bytes", "cluster", "eu-1")), "5"));
    // the point's own time, not the scrape's
    assertThat(PROM.query("timestamp(" + run + "_g_bytes)")).singleElement()
        .satisfies(x -> assertThat(x.doubleValue()).isEqualTo((t / 1_000_000) / 1000.0));
  }

  @Test
  void seriesThatEndAreMarkedStaleByPrometheus() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withEnableOpenMetrics(true));
    long t = System.currentTimeMillis() * 1_000_000L;
    MetricsFixture f = new MetricsFixture(run + ".");
    f.metrics().resourceMetrics().get(0).resource().attributes().put("service.instance.id", run);
    f.gauge("g", "", 5, t);
    f.gauge("kept", "", 1, t);
    exporter.consume(Context.empty(), f.metrics());
    awaitQuery("{__name__=~\"" + run + "_.*\"}", 2);

    MetricsFixture ended = new MetricsFixture(run + ".");
    ended.metrics().resourceMetrics().get(0).resource().attributes().put("service.instance.id", run);
    ended.gauge("g", "", 0, t + 1_000_000_000L).setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    exporter.consume(Context.empty(), ended.metrics());

    // gone from instant queries at once (a staleness marker), not after the 5 minute lookback
    List<Sample> left = awaitQuery("{__name__=~\"" + run + "_.*\"}", 1);
    assertThat(left.get(0).labels()).containsEntry("__name__", run + "_kept");
  }

  @Test
  void deltaSumsAccumulateAcrossBatches() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    long t0 = System.currentTimeMillis() * 1_000_000L - 10_000_000_000L;
    for (int i = 0; i < 3; i++) {
      MetricsFixture f = new MetricsFixture(run + ".");
      f.metrics().resourceMetrics().get(0).resource().attributes().put("service.instance.id", run);
      Sum s = f.metric("sent", "By", "").setEmptySum().setMonotonic(true)
          .setAggregationTemporality(AggregationTemporality.DELTA);
      s.dataPoints().addNew().setStartTimeUnixNano(t0 + i * 1_000_000_000L)
          .setTimeUnixNano(t0 + (i + 1) * 1_000_000_000L).setIntValue(10 + i);
      exporter.consume(Context.empty(), f.metrics());
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> PROM.query(run + "_sent_bytes_total"),
        r -> r.size() == 1 && r.get(0).value().equals("33"));
  }

}
