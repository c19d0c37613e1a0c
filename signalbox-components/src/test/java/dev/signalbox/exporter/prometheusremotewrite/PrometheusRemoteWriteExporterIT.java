package dev.signalbox.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.testing.TestHost;
import dev.signalbox.testing.backends.PrometheusServer;
import dev.signalbox.testing.backends.PrometheusServer.ExemplarRecord;
import dev.signalbox.testing.backends.PrometheusServer.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OTLP metrics of every type written through the exporter into a real Prometheus 2.42 (remote-write
 * receiver) and read back with Prometheus' own query API.
 */
class PrometheusRemoteWriteExporterIT {
  static final PrometheusServer PROM = PrometheusServer.get();

  final String run = "t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  Exporter exporter;
  Consumer<Metrics> consumer;

  @BeforeEach
  void start() throws Exception {
    exporter = create(PrometheusRemoteWriteExporterConfig.defaults(PROM.remoteWriteUrl())
        .withRemoteWriteQueue(new PrometheusRemoteWriteExporterConfig.RemoteWriteQueue(false, 0, 1))
        .withRetryOnFailure(RetryConfig.disabled()));
  }

  Exporter create(PrometheusRemoteWriteExporterConfig cfg) throws Exception {
    Exporter e = new PrometheusRemoteWriteExporterFactory().create(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")), cfg, Set.of(Signal.METRICS));
    e.start(new TestHost());
    consumer = e.consumer(Signal.METRICS);
    return e;
  }

  @AfterEach
  void stop() throws Exception {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  static Map<String, String> labels(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * The fixture with this run's own instance: series of different tests (target_info above all)
   * never meet, so none of them is ever written out of order.
   */
  MetricsFixture own(MetricsFixture f) {
    f.metrics().resourceMetrics().get(0).resource().attributes().put("service.instance.id", run);
    return f;
  }

  /** The labels every series of the fixture has besides its own. */
  String[] common(String name, String... more) {
    String[] base = {"__name__", name, "job", "shop/checkout", "instance", run, "otel_scope_name", "io.test.meter",
        "otel_scope_version", "1.2.3"};
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  List<Sample> awaitQuery(String promql, int results) {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .until(() -> PROM.query(promql), r -> r.size() == results);
  }

  static Map<Map<String, String>, String> byLabels(List<Sample> samples) {
    Map<Map<String, String>, String> m = new java.util.LinkedHashMap<>();
    for (Sample s : samples) {
      m.put(s.labels(), s.value());
    }
    return m;
  }

  @Test
  void everyMetricTypeReadsBackFromPrometheusAsTheSpecificationSays() throws Exception {
    long t = nowNanos() - 1_000_000_000L;
    double tSec = (t / 1_000_000) / 1000.0;
    MetricsFixture f = own(MetricsFixture.everyType(run + ".", t));

    // the two delta points are dropped and counted as such; everything else is written
    assertThatThrownBy(() -> consumer.consume(Context.empty(), f.metrics()))
        .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.rejectedItems()).isEqualTo(2))
        .hasMessageContaining("2 delta_temporality (first: " + run + ".deltas)");

    assertThat(awaitQuery("{__name__=~\"" + run + "_.*\"}", 13)).allSatisfy(s -> assertThat(s.timestampSeconds())
        .isGreaterThanOrEqualTo(tSec));
    // gauge with unit 1: _ratio
    assertThat(byLabels(PROM.query(run + "_memory_utilization_ratio"))).containsExactly(
        Map.entry(labels(common(run + "_memory_utilization_ratio", "state", "used")), "0.42"));
    // monotonic cumulative sum: counter with _total; int attribute as its decimal string
    assertThat(byLabels(PROM.query(run + "_http_server_requests_total"))).containsExactly(Map.entry(
        labels(common(run + "_http_server_requests_total", "http_method", "GET", "http_status_code", "200")), "17"));
    // non-monotonic sum: gauge, no suffix ({item} is an annotation)
    assertThat(byLabels(PROM.query(run + "_queue_size"))).containsExactly(
        Map.entry(labels(common(run + "_queue_size")), "3"));
    // histogram: cumulative buckets ending with +Inf = count, _sum, _count; unit ms → milliseconds
    String h = run + "_http_server_duration_milliseconds";
    assertThat(byLabels(PROM.query(h + "_bucket"))).containsOnly(
        Map.entry(labels(common(h + "_bucket", "le", "5")), "1"),
        Map.entry(labels(common(h + "_bucket", "le", "10")), "3"),
        Map.entry(labels(common(h + "_bucket", "le", "25")), "6"),
        Map.entry(labels(common(h + "_bucket", "le", "+Inf")), "10"));
    assertThat(byLabels(PROM.query(h + "_sum"))).containsExactly(Map.entry(labels(common(h + "_sum")), "123.5"));
    assertThat(byLabels(PROM.query(h + "_count"))).containsExactly(Map.entry(labels(common(h + "_count")), "10"));
    assertThat(PROM.query("histogram_quantile(0.5, " + h + "_bucket)")).singleElement()
        .satisfies(s -> assertThat(s.doubleValue()).isCloseTo(10 + 15 * (5 - 3) / 3.0, org.assertj.core.data.Offset.offset(1e-9)));
    // summary: quantile series, _sum, _count
    String q = run + "_rpc_latency_seconds";
    assertThat(byLabels(PROM.query(q))).containsOnly(
        Map.entry(labels(common(q, "quantile", "0.5")), "0.1"),
        Map.entry(labels(common(q, "quantile", "0.99")), "0.9"));
    assertThat(byLabels(PROM.query(q + "_sum"))).containsExactly(Map.entry(labels(common(q + "_sum")), "12"));
    assertThat(byLabels(PROM.query(q + "_count"))).containsExactly(Map.entry(labels(common(q + "_count")), "40"));
    // no series at all for the delta sum
    assertThat(PROM.series("{__name__=~\"" + run + "_deltas.*\"}")).isEmpty();
  }

  @Test
  void targetInfoCarriesTheOtherResourceAttributesAndJoinsOnJobAndInstance() throws Exception {
    long t = nowNanos() - 1_000_000_000L;
    MetricsFixture f = own(new MetricsFixture(run + "."));
    f.metrics().resourceMetrics().get(0).resource().attributes().put("run", run);
    f.gauge("g", "", 1, t);
    consumer.consume(Context.empty(), f.metrics());

    List<Sample> info = awaitQuery("target_info{run=\"" + run + "\"}", 1);
    assertThat(byLabels(info)).containsExactly(Map.entry(labels("__name__", "target_info", "job", "shop/checkout",
        "instance", run, "host_name", "h1", "deployment_environment", "prod", "run", run), "1"));
    assertThat(PROM.query(run + "_g * on(job, instance) group_left(host_name) target_info{run=\"" + run + "\"}"))
        .singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("host_name", "h1"));
  }

  @Test
  void seriesApiListsExactlyTheSeriesWritten() throws Exception {
    long t = nowNanos() - 1_000_000_000L;
    Metrics m = own(MetricsFixture.everyType(run + ".", t)).metrics();
    dropDeltas(m);
    consumer.consume(Context.empty(), m);
    await().atMost(Duration.ofSeconds(10)).until(() -> PROM.series("{__name__=~\"" + run + "_.*\"}").size() == 13);
    assertThat(PROM.series("{__name__=~\"" + run + "_.*\"}")).extracting(x -> x.get("__name__")).containsExactlyInAnyOrder(
        run + "_memory_utilization_ratio", run + "_http_server_requests_total", run + "_queue_size",
        run + "_http_server_duration_milliseconds_bucket", run + "_http_server_duration_milliseconds_bucket",
        run + "_http_server_duration_milliseconds_bucket", run + "_http_server_duration_milliseconds_bucket",
        run + "_http_server_duration_milliseconds_sum", run + "_http_server_duration_milliseconds_count",
        run + "_rpc_latency_seconds", run + "_rpc_latency_seconds", run + "_rpc_latency_seconds_sum",
        run + "_rpc_latency_seconds_count");
  }

  static void dropDeltas(Metrics m) {
    m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().removeIf(x -> x.name().endsWith(".deltas"));
  }

  @Test
  void exemplarsOfCountersAndHistogramBucketsAreStored() throws Exception {
    long t = nowNanos() - 1_000_000_000L;
    Metrics m = own(MetricsFixture.everyType(run + ".", t)).metrics();
    dropDeltas(m);
    consumer.consume(Context.empty(), m);
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    List<ExemplarRecord> counter = await().atMost(Duration.ofSeconds(10))
        .until(() -> PROM.exemplars(run + "_http_server_requests_total"), l -> !l.isEmpty());
    assertThat(counter).singleElement().satisfies(e -> {
      assertThat(e.labels()).isEqualTo(labels("trace_id", traceId, "span_id", "00f067aa0ba902b7"));
      assertThat(e.value()).isEqualTo(1.5);
      assertThat(e.timestampSeconds()).isEqualTo(((t - 1_000_000) / 1_000_000) / 1000.0);
    });
    List<ExemplarRecord> buckets = PROM.exemplars(run + "_http_server_duration_milliseconds_bucket");
    assertThat(buckets).singleElement().satisfies(e -> {
      assertThat(e.seriesLabels()).containsEntry("le", "10");
      assertThat(e.labels()).isEqualTo(labels("trace_id", traceId, "span_id", "00f067aa0ba902b7", "user", "u1"));
      assertThat(e.value()).isEqualTo(7.0);
    });
  }

  @Test
  void noRecordedValueEndsEverySeriesOfThePointWithAStalenessMarker() throws Exception {
    long t0 = nowNanos() - 3_000_000_000L;
    long t1 = t0 + 1_000_000_000L;
    MetricsFixture first = own(new MetricsFixture(run + "."));
    first.gauge("g", "", 5, t0);
    first.histogram("h", "", new double[] {1}, new long[] {1, 1}, 3, t0 - 1, t0);
    consumer.consume(Context.empty(), first.metrics());
    awaitQuery("{__name__=~\"" + run + "_.*\"}", 5);

    MetricsFixture ended = own(new MetricsFixture(run + "."));
    ended.gauge("g", "", 0, t1).setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    ended.histogram("h", "", new double[] {1}, new long[] {0, 0}, 0, t0 - 1, t1).setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    consumer.consume(Context.empty(), ended.metrics());

    // after the marker the series are gone from instant queries (not looked back for 5 minutes) ...
    awaitQuery("{__name__=~\"" + run + "_.*\"}", 0);
    // ... and before it they still have their values
    double before = (t0 / 1_000_000) / 1000.0;
    assertThat(byLabels(PROM.query(run + "_g", before))).containsExactly(Map.entry(labels(common(run + "_g")), "5"));
    assertThat(PROM.query("{__name__=~\"" + run + "_h.*\"}", before)).hasSize(4);
  }

  @Test
  void namespaceExternalLabelsSuffixesAndResourceAttributesAsLabels() throws Exception {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    exporter = create(PrometheusRemoteWriteExporterConfig.defaults(PROM.remoteWriteUrl())
        .withNamespace(run)
        .withExternalLabels(Map.of("cluster", "eu-1", "state", "external-loses"))
        .withAddMetricSuffixes(false)
        .withResourceToTelemetryConversion(new PrometheusRemoteWriteExporterConfig.ResourceToTelemetry(true, true))
        .withRemoteWriteQueue(new PrometheusRemoteWriteExporterConfig.RemoteWriteQueue(false, 0, 1)));
    long t = nowNanos() - 1_000_000_000L;
    MetricsFixture f = own(new MetricsFixture(""));
    f.gauge("memory.utilization", "1", 0.5, t).attributes().put("state", "free");
    f.sum("requests", "s", true, AggregationTemporality.CUMULATIVE, 4, t - 1, t);
    consumer.consume(Context.empty(), f.metrics());

    awaitQuery("{__name__=~\"" + run + "_.*\"}", 2);
    assertThat(byLabels(PROM.query(run + "_memory_utilization"))).containsExactly(Map.entry(labels(common(
        run + "_memory_utilization", "state", "free", "cluster", "eu-1", "host_name", "h1",
        "deployment_environment", "prod")), "0.5"));
    assertThat(byLabels(PROM.query(run + "_requests"))).containsExactly(Map.entry(labels(common(
        run + "_requests", "cluster", "eu-1", "state", "external-loses", "host_name", "h1",
        "deployment_environment", "prod")), "4"));
  }

  @Test
  void otlpHttpThroughTheOtlpReceiverAndTheQueueIntoPrometheus() throws Exception {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    exporter = create(PrometheusRemoteWriteExporterConfig.defaults(PROM.remoteWriteUrl()));
    int port = dev.signalbox.testing.Ports.free();
    var receiverConfig = new dev.signalbox.receiver.otlp.OtlpReceiverConfig(
        new dev.signalbox.receiver.otlp.OtlpReceiverConfig.Protocols(null,
            new dev.signalbox.receiver.otlp.OtlpReceiverConfig.Http(
                dev.signalbox.sdk.http.HttpServerConfig.defaults("127.0.0.1:" + port),
                "/v1/traces", "/v1/metrics", "/v1/logs", "/v1development/profiles")));
    var receiver = new dev.signalbox.receiver.otlp.OtlpReceiverFactory().create(
        ComponentSettings.forTest(Kind.RECEIVER, ComponentId.of("otlp")), receiverConfig,
        dev.signalbox.component.Consumers.of(Signal.METRICS, consumer));
    receiver.start(new TestHost());
    try {
      long t = nowNanos() - 1_000_000_000L;
      Metrics m = own(MetricsFixture.everyType(run + ".", t)).metrics();
      dropDeltas(m);
      byte[] body = dev.signalbox.sdk.otlp.OtlpProtoCodec.INSTANCE.encode(m);
      try (var http = java.net.http.HttpClient.newBuilder().proxy(java.net.http.HttpClient.Builder.NO_PROXY).build()) {
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
            + "/v1/metrics")).header("Content-Type", "application/x-protobuf")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
      }
      awaitQuery("{__name__=~\"" + run + "_.*\"}", 13);
      assertThat(byLabels(PROM.query(run + "_http_server_requests_total"))).containsExactly(Map.entry(
          labels(common(run + "_http_server_requests_total", "http_method", "GET", "http_status_code", "200")), "17"));
    } finally {
      receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  @Test
  void batchesSplitByMaxBatchSizeBytesAllArrive() throws Exception {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    exporter = create(PrometheusRemoteWriteExporterConfig.defaults(PROM.remoteWriteUrl())
        .withMaxBatchSizeBytes(2000)
        .withRemoteWriteQueue(new PrometheusRemoteWriteExporterConfig.RemoteWriteQueue(true, 100, 3)));
    long t = nowNanos() - 1_000_000_000L;
    MetricsFixture f = own(new MetricsFixture(run + "."));
    var g = f.metric("split", "", "").setEmptyGauge();
    for (int i = 0; i < 300; i++) {
      g.dataPoints().addNew().setTimeUnixNano(t).setDoubleValue(i).attributes().put("i", (long) i);
    }
    assertThat(((PrometheusRemoteWriteExporter) exporter).requestBodies(f.metrics()).length).isGreaterThan(10);
    consumer.consume(Context.empty(), f.metrics());
    List<Sample> all = awaitQuery(run + "_split", 300);
    assertThat(all).allSatisfy(s -> assertThat(s.value()).isEqualTo(s.labels().get("i")));
  }
}
