package dev.signalbox.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Sum;
import dev.signalbox.testing.TestHost;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {
  static final long T = 1_700_000_000_123_000_000L;

  /** A clock tests move by hand. */
  static final class TestClock extends Clock {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final TestClock clock = new TestClock();
  PrometheusExporter exporter;

  PrometheusExporter start(PrometheusExporterConfig cfg) throws Exception {
    exporter = new PrometheusExporter(ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheus")), cfg,
        clock);
    exporter.start(new TestHost());
    return exporter;
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(2)));
    }
  }

  static Metrics batch() {
    Metrics m = new Metrics();
    var rm = m.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", "api");
    rm.resource().attributes().put("service.instance.id", "i-1");
    rm.resource().attributes().put("host.name", "h");
    ScopeMetrics sm = rm.scopeMetrics().addNew();
    sm.scope().setName("lib").setVersion("1");
    sm.metrics().addNew().setName("temp").setUnit("Cel").setDescription("Temperature\nnow \\").setEmptyGauge()
        .dataPoints().addNew().setTimeUnixNano(T).setDoubleValue(21.5);
    NumberDataPoint c = sm.metrics().addNew().setName("requests").setUnit("{request}").setDescription("Requests")
        .setEmptySum().setMonotonic(true).setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints()
        .addNew().setTimeUnixNano(T).setIntValue(7);
    c.attributes().put("path", "/a\"b");
    c.exemplars().addNew().setIntValue(1).setTimeUnixNano(T).setTraceId(1, 2).setSpanId(3);
    HistogramDataPoint h = sm.metrics().addNew().setName("latency").setUnit("s").setDescription("Latency")
        .setEmptyHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints().addNew()
        .setTimeUnixNano(T).setExplicitBounds(0.1, 0.5, 1).setBucketCounts(2, 3, 0, 1).setCount(6).setSum(2.25);
    h.exemplars().addNew().setDoubleValue(0.5).setTimeUnixNano(T).setTraceId(1, 2).setSpanId(3);
    h.exemplars().addNew().setDoubleValue(0.3).setTimeUnixNano(T);
    h.exemplars().addNew().setDoubleValue(7).setTimeUnixNano(T);
    return m;
  }

  static final String L = "instance=\"i-1\",job=\"api\"";
  static final String S = "otel_scope_name=\"lib\",otel_scope_version=\"1\"";

  @Test
  void textFormat004() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    exporter.consume(Context.empty(), batch());
    assertThat(new String(exporter.collect().text(false), StandardCharsets.UTF_8)).isEqualTo("""
        # HELP latency_seconds Latency
        # TYPE latency_seconds histogram
        latency_seconds_sum{%1$s,%2$s} 2.25
        latency_seconds_count{%1$s,%2$s} 6
        latency_seconds_bucket{%1$s,le="0.1",%2$s} 2
        latency_seconds_bucket{%1$s,le="0.5",%2$s} 5
        latency_seconds_bucket{%1$s,le="1",%2$s} 5
        latency_seconds_bucket{%1$s,le="+Inf",%2$s} 6
        # HELP requests_total Requests
        # TYPE requests_total counter
        requests_total{%1$s,%2$s,path="/a\\"b"} 7
        # HELP target_info Target metadata
        # TYPE target_info gauge
        target_info{host_name="h",%1$s} 1
        # HELP temp_celsius Temperature\\nnow \\\\
        # TYPE temp_celsius gauge
        temp_celsius{%1$s,%2$s} 21.5
        """.formatted(L, S));
  }

  @Test
  void openMetrics10WithExemplarsUnitsAndTimestamps() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withEnableOpenMetrics(true).withSendTimestamps(true));
    exporter.consume(Context.empty(), batch());
    String ex = "# {trace_id=\"00000000000000010000000000000002\",span_id=\"0000000000000003\"}";
    String ts = "1700000000.123";
    assertThat(new String(exporter.collect().openMetrics(true), StandardCharsets.UTF_8)).isEqualTo("""
        # TYPE latency_seconds histogram
        # UNIT latency_seconds seconds
        # HELP latency_seconds Latency
        latency_seconds_sum{%1$s,%2$s} 2.25 %4$s
        latency_seconds_count{%1$s,%2$s} 6 %4$s
        latency_seconds_bucket{%1$s,le="0.1",%2$s} 2 %4$s
        latency_seconds_bucket{%1$s,le="0.5",%2$s} 5 %4$s %3$s 0.5 %4$s
        latency_seconds_bucket{%1$s,le="1",%2$s} 5 %4$s %3$s 0.5 %4$s
        latency_seconds_bucket{%1$s,le="+Inf",%2$s} 6 %4$s # {} 7 %4$s
        # TYPE requests counter
        # HELP requests Requests
        requests_total{%1$s,%2$s,path="/a\\"b"} 7 %4$s %3$s 1 %4$s
        # TYPE target info
        # HELP target Target metadata
        target_info{host_name="h",%1$s} 1 %4$s
        # TYPE temp_celsius gauge
        # UNIT temp_celsius celsius
        # HELP temp_celsius Temperature\\nnow \\\\
        temp_celsius{%1$s,%2$s} 21.5 %4$s
        # EOF
        """.formatted(L, S, ex, ts));
  }

  static HttpResponse<byte[]> get(int port, String accept, boolean gzip) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    try (HttpClient c = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
      return c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
      + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  @Test
  void negotiatesOpenMetricsOnlyWhenEnabledAndAskedFor() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withEnableOpenMetrics(true));
    exporter.consume(Context.empty(), batch());
    HttpResponse<byte[]> om = get(exporter.port(), PROMETHEUS_ACCEPT, false);
    assertThat(om.headers().firstValue("content-type")).hasValue(Exposition.OPENMETRICS_TYPE);
    assertThat(new String(om.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    HttpResponse<byte[]> text = get(exporter.port(), "text/plain", false);
    assertThat(text.headers().firstValue("content-type")).hasValue(Exposition.TEXT_TYPE);
    assertThat(new String(text.body(), StandardCharsets.UTF_8)).doesNotContain("# EOF");
  }

  @Test
  void withoutOpenMetricsAlwaysTheTextFormatAndGzipWhenAccepted() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    Metrics m = batch();
    var g = m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().addNew().setName("many").setEmptyGauge();
    for (int i = 0; i < 100; i++) {
      g.dataPoints().addNew().setTimeUnixNano(T).setIntValue(i).attributes().put("i", (long) i);
    }
    exporter.consume(Context.empty(), m);
    HttpResponse<byte[]> r = get(exporter.port(), PROMETHEUS_ACCEPT, true);
    assertThat(r.headers().firstValue("content-type")).hasValue(Exposition.TEXT_TYPE);
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    String body = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(body).isEqualTo(new String(exporter.collect().text(false), StandardCharsets.UTF_8));
    assertThat(body).contains("many{i=\"99\"," + L + "," + S + "} 99\n");
  }

  String text() {
    return new String(exporter.collect().text(false), StandardCharsets.UTF_8);
  }

  static Metrics gauge(String name, long time, double v) {
    Metrics m = new Metrics();
    var rm = m.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", "api");
    rm.scopeMetrics().addNew().metrics().addNew().setName(name).setEmptyGauge().dataPoints().addNew()
        .setTimeUnixNano(time).setDoubleValue(v);
    return m;
  }

  static Metrics delta(String name, long start, long time, long v) {
    Metrics m = new Metrics();
    var rm = m.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", "api");
    Sum s = rm.scopeMetrics().addNew().metrics().addNew().setName(name).setEmptySum().setMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.DELTA);
    s.dataPoints().addNew().setStartTimeUnixNano(start).setTimeUnixNano(time).setIntValue(v);
    return m;
  }

  @Test
  void keepsTheLatestPointAndForgetsSeriesAfterMetricExpiration() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0").withMetricExpiration(Duration.ofMinutes(5)));
    exporter.consume(Context.empty(), gauge("g", T + 10, 2));
    exporter.consume(Context.empty(), gauge("g", T, 1)); // older: ignored
    assertThat(text()).contains("g{job=\"api\"} 2\n");
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    exporter.consume(Context.empty(), gauge("other", T, 5));
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(text()).doesNotContain("g{job").contains("other{job=\"api\"} 5\n");
  }

  @Test
  void noRecordedValueRemovesTheSeries() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    exporter.consume(Context.empty(), gauge("g", T, 2));
    exporter.consume(Context.empty(), gauge("kept", T, 1));
    Metrics ended = gauge("g", T + 1, 0);
    ((dev.signalbox.pdata.Gauge) ended.resourceMetrics().get(0).scopeMetrics().get(0).metrics().get(0).data())
        .dataPoints().get(0).setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    exporter.consume(Context.empty(), ended);
    assertThat(text()).doesNotContain("g{job").contains("kept{job=\"api\"} 1\n");
  }

  @Test
  void deltaCountersAccumulateResetAndDropOverlaps() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    exporter.consume(Context.empty(), delta("d", T, T + 10, 3));
    exporter.consume(Context.empty(), delta("d", T + 10, T + 20, 4));
    assertThat(text()).contains("d_total{job=\"api\"} 7\n");
    exporter.consume(Context.empty(), delta("d", T + 5, T + 30, 100)); // overlaps: dropped
    assertThat(text()).contains("d_total{job=\"api\"} 7\n");
    exporter.consume(Context.empty(), delta("d", T + 40, T + 50, 2)); // a gap: a reset
    assertThat(text()).contains("d_total{job=\"api\"} 2\n");
  }

  @Test
  void deltaHistogramsAccumulateBucketByBucket() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    for (int i = 0; i < 2; i++) {
      Metrics m = new Metrics();
      var rm = m.resourceMetrics().addNew();
      rm.resource().attributes().put("service.name", "api");
      rm.scopeMetrics().addNew().metrics().addNew().setName("h").setEmptyHistogram()
          .setAggregationTemporality(AggregationTemporality.DELTA).dataPoints().addNew()
          .setStartTimeUnixNano(T + i * 10L).setTimeUnixNano(T + (i + 1) * 10L).setExplicitBounds(1)
          .setBucketCounts(1, 2).setCount(3).setSum(4);
      exporter.consume(Context.empty(), m);
    }
    assertThat(text()).contains("h_bucket{job=\"api\",le=\"1\"} 2\n", "h_bucket{job=\"api\",le=\"+Inf\"} 6\n",
        "h_sum{job=\"api\"} 8\n", "h_count{job=\"api\"} 6\n");
  }

  @Test
  void aFamilyNameWithTwoTypesKeepsOneType() throws Exception {
    start(PrometheusExporterConfig.defaults("127.0.0.1:0"));
    Metrics m = gauge("x_total", T, 1);
    Metric counter = m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().addNew().setName("x");
    counter.setEmptySum().setMonotonic(true).setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints()
        .addNew().setTimeUnixNano(T).setIntValue(5).attributes().put("k", "v");
    exporter.consume(Context.empty(), m);
    String t = text();
    assertThat(t.split("# TYPE x_total ", -1)).hasSize(2);
    assertThat(exporter.collect().conflicts()).hasSize(1);
  }
}
