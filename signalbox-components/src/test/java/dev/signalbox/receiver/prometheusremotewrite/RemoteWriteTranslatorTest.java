package dev.signalbox.receiver.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.MetricType;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.TraceId;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteWriteTranslatorTest {
  static final long T = 1_700_000_000_000L;
  final RemoteWriteTranslator translator = new RemoteWriteTranslator("scope", "1.0");

  static TimeSeries series(double value, String... labels) {
    return series(List.of(new Sample(value, T)), labels);
  }

  static TimeSeries series(List<Sample> samples, String... labels) {
    List<Label> ls = new ArrayList<>();
    for (int i = 0; i < labels.length; i += 2) {
      ls.add(new Label(labels[i], labels[i + 1]));
    }
    return new TimeSeries(ls, samples, List.of());
  }

  static WriteRequest request(TimeSeries... ts) {
    return new WriteRequest(List.of(ts), List.of());
  }

  RemoteWriteTranslator.Translation translate(WriteRequest r) throws Exception {
    return translator.translate(r, Long.MIN_VALUE);
  }

  static Metric metric(Metrics m, String name) {
    return m.resourceMetrics().stream().flatMap(rm -> rm.scopeMetrics().stream())
        .flatMap(sm -> sm.metrics().stream()).filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + m));
  }

  @Test
  void countersByTotalSuffixGaugesOtherwiseAndResourceFromJobAndInstance() throws Exception {
    var t = translate(request(
        series(5, "__name__", "http_requests_total", "job", "api", "instance", "10.0.0.1:8080", "code", "200"),
        series(0.5, "__name__", "load", "job", "api", "instance", "10.0.0.1:8080")));
    assertThat(t.points()).isEqualTo(2);
    assertThat(t.metrics().resourceMetrics().size()).isEqualTo(1);
    ResourceMetrics rm = t.metrics().resourceMetrics().get(0);
    assertThat(rm.resource().attributes().asMap()).containsExactly(Map.entry("service.name", AnyValue.of("api")),
        Map.entry("service.instance.id", AnyValue.of("10.0.0.1:8080")));
    assertThat(rm.scopeMetrics().get(0).scope().name()).isEqualTo("scope");
    Metric c = metric(t.metrics(), "http_requests_total");
    assertThat(c.type()).isEqualTo(MetricType.SUM);
    assertThat(c.sum().isMonotonic()).isTrue();
    NumberDataPoint p = c.sum().dataPoints().get(0);
    assertThat(p.doubleValue()).isEqualTo(5);
    assertThat(p.timeUnixNano()).isEqualTo(T * 1_000_000);
    assertThat(p.startTimeUnixNano()).as("remote write 1.0 carries no start time").isZero();
    assertThat(p.attributes().asMap()).containsExactly(Map.entry("code", AnyValue.of("200")));
    assertThat(metric(t.metrics(), "load").type()).isEqualTo(MetricType.GAUGE);
    assertThat(metric(t.metrics(), "load").metadata().getString("prometheus.type")).isEqualTo("unknown");
  }

  @Test
  void metadataFromAnEarlierRequestTypesLaterOnes() throws Exception {
    var md = new WriteRequest(List.of(), List.of(
        new MetricMetadata(WriteRequest.MetricType.GAUGE, "queue_total", "Items queued.", "items"),
        new MetricMetadata(WriteRequest.MetricType.COUNTER, "processed", "Processed.", "")));
    assertThat(translate(md).points()).isZero();
    var t = translate(request(series(3, "__name__", "queue_total"), series(7, "__name__", "processed_total")));
    Metric q = metric(t.metrics(), "queue_total");
    assertThat(q.type()).as("metadata wins over the suffix").isEqualTo(MetricType.GAUGE);
    assertThat(q.description()).isEqualTo("Items queued.");
    assertThat(q.unit()).isEqualTo("items");
    Metric p = metric(t.metrics(), "processed_total");
    assertThat(p.type()).isEqualTo(MetricType.SUM);
    assertThat(p.description()).isEqualTo("Processed.");
  }

  /** The metadata type whose wire number is {@code n} (prompb: 3 histogram, 5 summary). */
  static WriteRequest.MetricType wireType(int n) {
    return WriteRequest.MetricType.values()[n];
  }

  @Test
  void metadataTypesAreReadByTheirWireNumbers() throws Exception {
    var md = new WriteRequest(List.of(), List.of(
        new MetricMetadata(wireType(3), "lat", "Latency.", "seconds"),
        new MetricMetadata(wireType(5), "gc", "GC.", "")));
    translate(md);
    var t = translate(request(
        series(1, "__name__", "lat_count"), series(1, "__name__", "lat_bucket", "le", "+Inf"),
        series(1, "__name__", "gc_count"), series(0.9, "__name__", "gc_sum"), series(0.5, "__name__", "gc", "quantile", "0.5")));
    assertThat(metric(t.metrics(), "lat").type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(metric(t.metrics(), "lat").unit()).isEqualTo("s");
    assertThat(metric(t.metrics(), "gc").type()).isEqualTo(MetricType.SUMMARY);
    assertThat(RemoteWriteTranslator.type(wireType(4))).isEqualTo(
        dev.signalbox.sdk.prometheus.scrape.PromType.GAUGEHISTOGRAM);
  }

  @Test
  void classicHistogramsAndSummariesAreReassembledWithoutMetadata() throws Exception {
    var t = translate(request(
        series(1, "__name__", "rpc_seconds_bucket", "le", "0.1", "job", "j"),
        series(3, "__name__", "rpc_seconds_bucket", "le", "1", "job", "j"),
        series(4, "__name__", "rpc_seconds_bucket", "le", "+Inf", "job", "j"),
        series(2.5, "__name__", "rpc_seconds_sum", "job", "j"),
        series(4, "__name__", "rpc_seconds_count", "job", "j"),
        series(0.01, "__name__", "gc_seconds", "quantile", "0.5", "job", "j"),
        series(10, "__name__", "gc_seconds_count", "job", "j"),
        series(0.2, "__name__", "gc_seconds_sum", "job", "j")));
    Metric h = metric(t.metrics(), "rpc_seconds");
    HistogramDataPoint hp = h.histogram().dataPoints().get(0);
    assertThat(hp.explicitBounds()).containsExactly(0.1, 1.0);
    assertThat(hp.bucketCounts()).containsExactly(1, 2, 1);
    assertThat(hp.count()).isEqualTo(4);
    assertThat(hp.sum()).isEqualTo(2.5);
    var s = metric(t.metrics(), "gc_seconds").summary().dataPoints().get(0);
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.quantileValues()).hasSize(1);
    assertThat(t.points()).isEqualTo(2);
  }

  @Test
  void aHistogramSplitAcrossRequestsArrivesAsGaugesOfItsSeries() throws Exception {
    var t = translate(request(series(1, "__name__", "h_bucket", "le", "1"), series(2, "__name__", "h_bucket", "le",
        "+Inf")));
    Metric b = metric(t.metrics(), "h_bucket");
    assertThat(b.type()).isEqualTo(MetricType.GAUGE);
    assertThat(b.metadata().getString("prometheus.type")).isEqualTo("histogram");
    assertThat(b.gauge().dataPoints().size()).isEqualTo(2);
    assertThat(b.gauge().dataPoints().get(0).attributes().getString("le")).isEqualTo("1");
    var rest = translate(request(series(2, "__name__", "h_count"), series(3, "__name__", "h_sum")));
    assertThat(metric(rest.metrics(), "h_count").type()).as("alone, _count says nothing").isEqualTo(MetricType.GAUGE);
  }

  @Test
  void severalSamplesPerSeriesAndStaleMarkers() throws Exception {
    var t = translate(request(series(List.of(new Sample(1, T), new Sample(2, T + 15_000),
        Sample.stale(T + 30_000)), "__name__", "x_total")));
    var points = metric(t.metrics(), "x_total").sum().dataPoints().asList();
    assertThat(points).extracting(NumberDataPoint::doubleValue).containsExactly(1.0, 2.0, 0.0);
    assertThat(points.get(2).noRecordedValue()).isTrue();
  }

  @Test
  void targetInfoAndScopeLabels() throws Exception {
    var t = translate(request(
        series(1, "__name__", "target_info", "job", "shop/cart", "instance", "i-1", "env", "prod"),
        series(1, "__name__", "up", "job", "shop/cart", "instance", "i-1", "otel_scope_name", "lib",
            "otel_scope_version", "2")));
    ResourceMetrics rm = t.metrics().resourceMetrics().get(0);
    assertThat(rm.resource().attributes().asMap()).containsExactly(
        Map.entry("service.namespace", AnyValue.of("shop")), Map.entry("service.name", AnyValue.of("cart")),
        Map.entry("service.instance.id", AnyValue.of("i-1")), Map.entry("env", AnyValue.of("prod")));
    assertThat(rm.scopeMetrics().get(0).scope().name()).isEqualTo("lib");
    assertThat(rm.scopeMetrics().get(0).scope().version()).isEqualTo("2");
    var later = translate(request(series(1, "__name__", "up", "job", "shop/cart", "instance", "i-1")));
    assertThat(later.metrics().resourceMetrics().get(0).resource().attributes().getString("env"))
        .as("remembered for later requests").isEqualTo("prod");
  }

  @Test
  void exemplarsGoToTheSeriesLastSample() throws Exception {
    var ts = new TimeSeries(List.of(new Label("__name__", "req_total")), List.of(new Sample(1, T), new Sample(2, T + 1)),
        List.of(new Exemplar(List.of(new Label("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")), 0.3, T)));
    var t = translate(new WriteRequest(List.of(ts), List.of()));
    var points = metric(t.metrics(), "req_total").sum().dataPoints();
    assertThat(points.get(0).hasExemplars()).isFalse();
    assertThat(points.get(1).exemplars().get(0).traceId()).isEqualTo(TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"));
  }

  @Test
  void seriesWithoutANameOrWithRepeatedLabelsMakeTheRequestInvalid() {
    assertThatThrownBy(() -> translate(request(series(1, "__name__", "ok"), series(1, "job", "x"))))
        .isInstanceOf(RemoteWriteTranslator.InvalidRequestException.class)
        .hasMessage("timeseries[1]: missing metric name (label __name__) in {job=x}");
    assertThatThrownBy(() -> translate(request(series(1, "__name__", "a", "x", "1", "x", "2"))))
        .hasMessage("timeseries[0]: label name \"x\" is not unique");
  }

  @Test
  void samplesOlderThanTheThresholdAreDropped() throws Exception {
    var t = translator.translate(request(series(List.of(new Sample(1, T - 1), new Sample(2, T)), "__name__", "g")), T);
    assertThat(t.points()).isEqualTo(1);
    assertThat(t.droppedSamples()).isEqualTo(1);
  }
}
