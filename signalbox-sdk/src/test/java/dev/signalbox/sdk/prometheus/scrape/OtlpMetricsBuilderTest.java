package dev.signalbox.sdk.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.MetricType;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.TraceId;
import dev.signalbox.pdata.ValueAtQuantile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpMetricsBuilderTest {
  static final long T = 1_700_000_000_000L;

  static ResourceMetrics build(String body, ExpositionFormat format, OtlpMetricsBuilder.IncompleteGroups incomplete)
      throws Exception {
    Exposition e = ExpositionParser.parse(body, format);
    var b = new OtlpMetricsBuilder(e.metadata()::get, "scope", "1.0", incomplete);
    for (Sample s : e.samples()) {
      b.add(s.labels(), s.hasTimestamp() ? s.timestampMillis() : T, s.value(), s.exemplar());
    }
    ResourceMetrics rm = new ResourceMetrics();
    b.appendTo(rm);
    return rm;
  }

  static ResourceMetrics text(String body) throws Exception {
    return build(body, ExpositionFormat.TEXT, OtlpMetricsBuilder.IncompleteGroups.DROP);
  }

  static Metric metric(ResourceMetrics rm, String name) {
    return rm.scopeMetrics().stream().flatMap(sm -> sm.metrics().stream()).filter(m -> m.name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no metric " + name + " in " + rm));
  }

  static Map<String, AnyValue> attrs(dev.signalbox.pdata.DataPoint<?> p) {
    return p.attributes().asMap();
  }

  @Test
  void countersGaugesAndUntypedWithHelpAndTypeMetadata() throws Exception {
    ResourceMetrics rm = text("""
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle",job="j",instance="i"} 2236.31
        # TYPE node_load1 gauge
        node_load1 0.5
        node_untyped 3
        """);
    Metric c = metric(rm, "node_cpu_seconds_total");
    assertThat(c.type()).isEqualTo(MetricType.SUM);
    assertThat(c.sum().isMonotonic()).isTrue();
    assertThat(c.sum().aggregationTemporality()).isEqualTo(dev.signalbox.pdata.AggregationTemporality.CUMULATIVE);
    assertThat(c.description()).isEqualTo("Seconds the CPUs spent in each mode.");
    assertThat(c.metadata().getString("prometheus.type")).isEqualTo("counter");
    NumberDataPoint p = c.sum().dataPoints().get(0);
    assertThat(p.doubleValue()).isEqualTo(2236.31);
    assertThat(p.timeUnixNano()).isEqualTo(T * 1_000_000);
    assertThat(p.startTimeUnixNano()).as("left to the StartTimeAdjuster").isZero();
    assertThat(attrs(p)).as("job and instance belong to the resource")
        .containsExactly(Map.entry("cpu", AnyValue.of("0")), Map.entry("mode", AnyValue.of("idle")));
    assertThat(metric(rm, "node_load1").type()).isEqualTo(MetricType.GAUGE);
    Metric u = metric(rm, "node_untyped");
    assertThat(u.type()).isEqualTo(MetricType.GAUGE);
    assertThat(u.metadata().getString("prometheus.type")).isEqualTo("unknown");
    assertThat(rm.scopeMetrics()).hasSize(1);
    assertThat(rm.scopeMetrics().get(0).scope().name()).isEqualTo("scope");
    assertThat(rm.scopeMetrics().get(0).scope().version()).isEqualTo("1.0");
  }

  @Test
  void histogramFromBucketsCountAndSum() throws Exception {
    ResourceMetrics rm = text("""
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{path="/",le="0.1"} 2
        http_request_duration_seconds_bucket{path="/",le="+Inf"} 5
        http_request_duration_seconds_bucket{path="/",le="0.5"} 4
        http_request_duration_seconds_sum{path="/"} 3.5
        http_request_duration_seconds_count{path="/"} 5
        http_request_duration_seconds_bucket{path="/x",le="0.1"} 0
        http_request_duration_seconds_bucket{path="/x",le="0.5"} 0
        http_request_duration_seconds_bucket{path="/x",le="+Inf"} 0
        http_request_duration_seconds_sum{path="/x"} 0
        http_request_duration_seconds_count{path="/x"} 0
        """);
    Metric m = metric(rm, "http_request_duration_seconds");
    assertThat(m.type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(m.metadata().getString("prometheus.type")).isEqualTo("histogram");
    HistogramDataPoint p = m.histogram().dataPoints().get(0);
    assertThat(p.explicitBounds()).containsExactly(0.1, 0.5);
    assertThat(p.bucketCounts()).containsExactly(2, 2, 1);
    assertThat(p.count()).isEqualTo(5);
    assertThat(p.sum()).isEqualTo(3.5);
    assertThat(attrs(p)).containsExactly(Map.entry("path", AnyValue.of("/")));
    assertThat(m.histogram().dataPoints()).hasSize(2);
  }

  @Test
  void summaryFromQuantilesCountAndSum() throws Exception {
    ResourceMetrics rm = text("""
        # TYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0.5"} 0.002
        go_gc_duration_seconds{quantile="0"} 0.001
        go_gc_duration_seconds{quantile="1"} 0.01
        go_gc_duration_seconds_sum 0.5
        go_gc_duration_seconds_count 100
        """);
    SummaryDataPoint p = metric(rm, "go_gc_duration_seconds").summary().dataPoints().get(0);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.sum()).isEqualTo(0.5);
    assertThat(p.quantileValues()).containsExactly(new ValueAtQuantile(0, 0.001), new ValueAtQuantile(0.5, 0.002),
        new ValueAtQuantile(1, 0.01));
    assertThat(p.attributes().isEmpty()).isTrue();
  }

  @Test
  void openMetricsCounterUnitCreatedAndExemplar() throws Exception {
    ResourceMetrics rm = build("""
        # TYPE foo_seconds counter
        # UNIT foo_seconds seconds
        # HELP foo_seconds Time in foo.
        foo_seconds_total{a="b"} 17 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7",user="x"} 0.67 1700000000.5
        foo_seconds_created{a="b"} 1600000000.25
        # TYPE bytes_per_second gauge
        # UNIT bytes_per_second bytes_per_second
        bytes_per_second 1
        # EOF
        """, ExpositionFormat.OPENMETRICS, OtlpMetricsBuilder.IncompleteGroups.DROP);
    Metric m = metric(rm, "foo_seconds_total");
    assertThat(m.unit()).isEqualTo("s");
    assertThat(m.description()).isEqualTo("Time in foo.");
    NumberDataPoint p = m.sum().dataPoints().get(0);
    assertThat(p.startTimeUnixNano()).isEqualTo(1_600_000_000_250_000_000L);
    assertThat(p.exemplars().size()).isEqualTo(1);
    var ex = p.exemplars().get(0);
    assertThat(ex.traceId()).isEqualTo(TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"));
    assertThat(ex.spanId()).isEqualTo(0x00f067aa0ba902b7L);
    assertThat(ex.doubleValue()).isEqualTo(0.67);
    assertThat(ex.timeUnixNano()).isEqualTo(1_700_000_000_500_000_000L);
    assertThat(ex.filteredAttributes().asMap()).containsExactly(Map.entry("user", AnyValue.of("x")));
    assertThat(metric(rm, "bytes_per_second").unit()).isEqualTo("By/s");
    assertThat(rm.scopeMetrics().get(0).metrics().size()).as("no foo_seconds_created metric").isEqualTo(2);
  }

  @Test
  void infoStatesetAndGaugeHistogram() throws Exception {
    ResourceMetrics rm = build("""
        # TYPE build info
        build_info{version="1.2"} 1
        # TYPE state stateset
        state{state="a"} 1
        state{state="b"} 0
        # TYPE gh gaugehistogram
        gh_bucket{le="+Inf"} 1
        gh_gcount 1
        gh_gsum 1
        # EOF
        """, ExpositionFormat.OPENMETRICS, OtlpMetricsBuilder.IncompleteGroups.DROP);
    Metric info = metric(rm, "build");
    assertThat(info.type()).isEqualTo(MetricType.SUM);
    assertThat(info.sum().isMonotonic()).isFalse();
    assertThat(info.metadata().getString("prometheus.type")).isEqualTo("info");
    Metric st = metric(rm, "state");
    assertThat(st.sum().dataPoints().size()).isEqualTo(2);
    assertThat(rm.scopeMetrics().get(0).metrics().size()).as("gauge histograms are dropped, as the Collector does")
        .isEqualTo(2);
  }

  @Test
  void staleMarkersBecomeNoRecordedValuePoints() throws Exception {
    var md = Map.of("h", new FamilyMetadata("h", PromType.HISTOGRAM, "", ""),
        "s", new FamilyMetadata("s", PromType.SUMMARY, "", ""));
    var b = new OtlpMetricsBuilder(md::get, "scope", "", OtlpMetricsBuilder.IncompleteGroups.DROP);
    double stale = Sample.STALE_NAN;
    b.add(Labels.of("__name__", "g", "x", "1"), T, stale, null);
    b.add(Labels.of("__name__", "h_bucket", "le", "1"), T, stale, null);
    b.add(Labels.of("__name__", "h_bucket", "le", "+Inf"), T, stale, null);
    b.add(Labels.of("__name__", "h_sum"), T, stale, null);
    b.add(Labels.of("__name__", "h_count"), T, stale, null);
    b.add(Labels.of("__name__", "s", "quantile", "0.5"), T, stale, null);
    b.add(Labels.of("__name__", "s_count"), T, stale, null);
    ResourceMetrics rm = new ResourceMetrics();
    assertThat(b.appendTo(rm)).isEqualTo(3);
    NumberDataPoint g = metric(rm, "g").gauge().dataPoints().get(0);
    assertThat(g.noRecordedValue()).isTrue();
    assertThat(g.valueKind()).isEqualTo(dev.signalbox.pdata.NumberKind.NONE);
    HistogramDataPoint h = metric(rm, "h").histogram().dataPoints().get(0);
    assertThat(h.noRecordedValue()).isTrue();
    assertThat(h.explicitBounds()).containsExactly(1.0);
    assertThat(h.bucketCounts()).containsExactly(0, 0);
    SummaryDataPoint s = metric(rm, "s").summary().dataPoints().get(0);
    assertThat(s.noRecordedValue()).isTrue();
    assertThat(s.quantileValues()).containsExactly(new ValueAtQuantile(0.5, 0));
    assertThat(Double.isNaN(Sample.STALE_NAN)).isTrue();
    assertThat(Sample.isStaleNaN(Double.NaN)).as("an ordinary NaN is a value").isFalse();
  }

  @Test
  void incompleteHistogramsAreDroppedOrFlattened() throws Exception {
    String body = """
        # TYPE h histogram
        h_bucket{le="1"} 1
        h_bucket{le="+Inf"} 2
        h_sum 3
        """;
    ResourceMetrics dropped = text(body);
    assertThat(dropped.scopeMetrics()).isEmpty();
    ResourceMetrics flat = build(body, ExpositionFormat.TEXT, OtlpMetricsBuilder.IncompleteGroups.FLATTEN);
    Metric bucket = metric(flat, "h_bucket");
    assertThat(bucket.type()).isEqualTo(MetricType.GAUGE);
    assertThat(bucket.metadata().getString("prometheus.type")).isEqualTo("histogram");
    assertThat(bucket.gauge().dataPoints().asList()).extracting(p -> p.attributes().getString("le"))
        .containsExactly("1", "+Inf");
    assertThat(metric(flat, "h_sum").gauge().dataPoints().get(0).doubleValue()).isEqualTo(3);
  }

  @Test
  void invalidHistogramsAreDropped() throws Exception {
    ResourceMetrics rm = text("""
        # TYPE h histogram
        h_bucket{le="1"} 5
        h_bucket{le="2"} 3
        h_bucket{le="+Inf"} 5
        h_count 5
        # TYPE k histogram
        k_bucket{le="x"} 1
        k_bucket{le="+Inf"} 1
        k_count 1
        """);
    assertThat(rm.scopeMetrics().get(0).metrics().asList()).extracting(Metric::name).containsExactly("k");
    assertThat(metric(rm, "k").histogram().dataPoints().get(0).bucketCounts()).as("the bad bucket is left out")
        .containsExactly(1);
  }

  @Test
  void scopeLabelsChooseTheScope() throws Exception {
    ResourceMetrics rm = text("""
        a{otel_scope_name="lib",otel_scope_version="2",x="1"} 1
        b 2
        """);
    assertThat(rm.scopeMetrics().asList()).extracting(sm -> sm.scope().name() + "@" + sm.scope().version())
        .containsExactly("lib@2", "scope@1.0");
    assertThat(attrs(metric(rm, "a").gauge().dataPoints().get(0))).containsOnlyKeys("x");
  }

  @Test
  void pointsOfOneSeriesAtSeveralTimesStaySeparate() {
    var b = new OtlpMetricsBuilder(name -> null, "s", "", OtlpMetricsBuilder.IncompleteGroups.DROP);
    b.add(Labels.of("__name__", "x_total"), 1000, 1, null);
    b.add(Labels.of("__name__", "x_total"), 2000, 2, null);
    ResourceMetrics rm = new ResourceMetrics();
    b.appendTo(rm);
    assertThat(metric(rm, "x_total").gauge().dataPoints().asList()).extracting(NumberDataPoint::timeUnixNano)
        .containsExactly(1_000_000_000L, 2_000_000_000L);
  }

  @Test
  void unitWords() {
    assertThat(List.of("seconds", "bytes", "ratio", "bytes_per_second", "widgets", "")).map(UnitWords::toUcum)
        .containsExactly("s", "By", "1", "By/s", "widgets", "");
  }
}
