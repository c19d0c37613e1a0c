package dev.signalbox.sdk.prometheus.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.ValueAtQuantile;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.translate.TranslationStats.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpToPrometheusTest {
  static final long T = 1_700_000_000_123_456_789L;
  static final long T_MS = 1_700_000_000_123L;

  Metrics metrics;
  ResourceMetrics rm;
  ScopeMetrics scope;
  List<String> out;
  List<Family> families;
  List<List<Exemplar>> exemplars;
  TranslationStats stats;

  @BeforeEach
  void setUp() {
    metrics = new Metrics();
    rm = metrics.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", "api");
    scope = rm.scopeMetrics().addNew();
    out = new ArrayList<>();
    families = new ArrayList<>();
    exemplars = new ArrayList<>();
    stats = new TranslationStats();
  }

  /** Translates with scope labels and target_info off unless given, each sample as name{labels} value @ms. */
  List<String> translate(TranslationSettings s) {
    new OtlpToPrometheus(s).translate(metrics, (family, labels, value, ts, ex) -> {
      families.add(family);
      exemplars.add(ex);
      out.add(render(labels, value, ts));
    }, stats);
    return out;
  }

  List<String> translate() {
    return translate(TranslationSettings.defaults().withScopeLabels(false).withTargetInfo(false));
  }

  static String render(List<Label> labels, double value, long ts) {
    StringBuilder b = new StringBuilder();
    String name = "";
    List<String> rest = new ArrayList<>();
    String previous = "";
    for (Label l : labels) {
      assertThat(l.name()).as("labels sorted").isGreaterThan(previous);
      previous = l.name();
      if (l.name().equals("__name__")) {
        name = l.value();
      } else {
        rest.add(l.name() + "=\"" + l.value() + "\"");
      }
    }
    b.append(name).append('{').append(String.join(",", rest)).append("} ");
    b.append(Double.doubleToRawLongBits(value) == Sample.STALE_NAN_BITS ? "STALE" : Double.toString(value));
    return b.append(" @").append(ts).toString();
  }

  Metric metric(String name, String unit) {
    return scope.metrics().addNew().setName(name).setUnit(unit).setDescription("d " + name);
  }

  @Test
  void gaugesAndSumsAsTheSpecificationSays() {
    metric("temp", "Cel").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setDoubleValue(21.5)
        .attributes().put("room", "a");
    metric("requests", "{request}").setEmptySum().setMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints().addNew().setTimeUnixNano(T)
        .setIntValue(7);
    metric("inflight", "{request}").setEmptySum().setMonotonic(false)
        .setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints().addNew().setTimeUnixNano(T)
        .setIntValue(-2);

    assertThat(translate()).containsExactly(
        "temp_celsius{job=\"api\",room=\"a\"} 21.5 @" + T_MS,
        "requests_total{job=\"api\"} 7.0 @" + T_MS,
        "inflight{job=\"api\"} -2.0 @" + T_MS);
    assertThat(families).extracting(Family::type).containsExactly(FamilyType.GAUGE, FamilyType.COUNTER,
        FamilyType.GAUGE);
    assertThat(families.get(0)).isEqualTo(new Family("temp_celsius", FamilyType.GAUGE, "d temp", "celsius"));
    assertThat(stats.translatedPoints()).isEqualTo(3);
    assertThat(stats.droppedTotal()).isZero();
  }

  @Test
  void histogramsHaveCumulativeBucketsEndingWithInfAndExemplarsInTheirBucket() {
    HistogramDataPoint p = metric("latency", "s").setEmptyHistogram()
        .setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints().addNew().setTimeUnixNano(T)
        .setExplicitBounds(0.1, 0.5, 1).setBucketCounts(2, 3, 0, 1).setCount(6).setSum(2.25);
    p.exemplars().addNew().setDoubleValue(0.5).setTimeUnixNano(T).setTraceId(1, 2).setSpanId(3);
    p.exemplars().addNew().setDoubleValue(7).setTimeUnixNano(T);

    assertThat(translate()).containsExactly(
        "latency_seconds_sum{job=\"api\"} 2.25 @" + T_MS,
        "latency_seconds_count{job=\"api\"} 6.0 @" + T_MS,
        "latency_seconds_bucket{job=\"api\",le=\"0.1\"} 2.0 @" + T_MS,
        "latency_seconds_bucket{job=\"api\",le=\"0.5\"} 5.0 @" + T_MS,
        "latency_seconds_bucket{job=\"api\",le=\"1\"} 5.0 @" + T_MS,
        "latency_seconds_bucket{job=\"api\",le=\"+Inf\"} 6.0 @" + T_MS);
    // 0.5 is in le=0.5 (bounds are inclusive), 7 in +Inf
    assertThat(exemplars.get(3)).singleElement().isEqualTo(new Exemplar(List.of(
        new Label("trace_id", "00000000000000010000000000000002"), new Label("span_id", "0000000000000003")), 0.5,
        T_MS));
    assertThat(exemplars.get(5)).singleElement().extracting(Exemplar::value).isEqualTo(7.0);
    assertThat(exemplars.get(2)).isEmpty();
    assertThat(families.get(0)).isEqualTo(new Family("latency_seconds", FamilyType.HISTOGRAM, "d latency", "seconds"));
  }

  @Test
  void histogramWithoutSumOrBucketsStillHasCountAndInf() {
    metric("h", "").setEmptyHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints()
        .addNew().setTimeUnixNano(T).setCount(4);
    assertThat(translate()).containsExactly(
        "h_count{job=\"api\"} 4.0 @" + T_MS,
        "h_bucket{job=\"api\",le=\"+Inf\"} 4.0 @" + T_MS);
  }

  @Test
  void summariesHaveQuantilesSumAndCount() {
    metric("rpc", "ms").setEmptySummary().dataPoints().addNew().setTimeUnixNano(T).setCount(10).setSum(55)
        .setQuantileValues(List.of(new ValueAtQuantile(0.5, 4), new ValueAtQuantile(0.99, 9.5)));
    assertThat(translate()).containsExactly(
        "rpc_milliseconds_sum{job=\"api\"} 55.0 @" + T_MS,
        "rpc_milliseconds_count{job=\"api\"} 10.0 @" + T_MS,
        "rpc_milliseconds{job=\"api\",quantile=\"0.5\"} 4.0 @" + T_MS,
        "rpc_milliseconds{job=\"api\",quantile=\"0.99\"} 9.5 @" + T_MS);
    assertThat(families.get(0).type()).isEqualTo(FamilyType.SUMMARY);
  }

  @Test
  void deltaUnspecifiedAndExponentialAreDroppedAndCounted() {
    Sum d = metric("d", "").setEmptySum().setMonotonic(true).setAggregationTemporality(AggregationTemporality.DELTA);
    d.dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    d.dataPoints().addNew().setTimeUnixNano(T).setIntValue(2);
    Histogram h = metric("dh", "").setEmptyHistogram().setAggregationTemporality(AggregationTemporality.DELTA);
    h.dataPoints().addNew().setTimeUnixNano(T).setCount(1);
    metric("u", "").setEmptySum().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    metric("e", "").setEmptyExponentialHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE)
        .dataPoints().addNew().setTimeUnixNano(T).setCount(1);
    metric("ok", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);

    assertThat(translate()).containsExactly("ok{job=\"api\"} 1.0 @" + T_MS);
    assertThat(stats.dropped(Reason.DELTA_TEMPORALITY)).isEqualTo(3);
    assertThat(stats.firstMetric(Reason.DELTA_TEMPORALITY)).isEqualTo("d");
    assertThat(stats.dropped(Reason.UNSPECIFIED_TEMPORALITY)).isEqualTo(1);
    assertThat(stats.dropped(Reason.EXPONENTIAL_HISTOGRAM)).isEqualTo(1);
    assertThat(stats.droppedTotal()).isEqualTo(5);
    assertThat(stats.describeDropped()).isEqualTo(
        "3 delta_temporality (first: d), 1 unspecified_temporality (first: u), 1 exponential_histogram (first: e)");
  }

  @Test
  void noRecordedValueMarksEverySeriesOfThePointStale() {
    metric("g", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setDoubleValue(3)
        .setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    metric("h", "").setEmptyHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints()
        .addNew().setTimeUnixNano(T).setExplicitBounds(1).setBucketCounts(1, 1).setCount(2).setSum(3)
        .setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    metric("s", "").setEmptySummary().dataPoints().addNew().setTimeUnixNano(T).setCount(1).setSum(1)
        .setQuantileValues(List.of(new ValueAtQuantile(0.5, 1))).setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);

    assertThat(translate()).hasSize(1 + 4 + 3).allSatisfy(s -> assertThat(s).contains(" STALE @" + T_MS));
  }

  @Test
  void labelsFollowTheirPrecedence() {
    rm.resource().attributes().put("service.namespace", "shop");
    rm.resource().attributes().put("service.instance.id", "i-9");
    rm.resource().attributes().put("host.name", "h1");
    rm.resource().attributes().put("room", "resource-loses");
    scope.scope().setName("lib").setVersion("2.0").attributes().put("lib.flavour", "x");
    scope.setSchemaUrl("https://opentelemetry.io/schemas/1.26.0");
    NumberDataPoint p = metric("g", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    p.attributes().put("a_b", "2");
    p.attributes().put("a.b", "1");
    p.attributes().put("same.v", "x");
    p.attributes().put("same_v", "x");
    p.attributes().put("job", "attribute-loses");
    p.attributes().put("room", "point-wins");
    p.attributes().put("empty", "");
    p.attributes().put("cluster", "point-wins-over-external");
    p.attributes().put("flag", true);

    TranslationSettings s = TranslationSettings.defaults().withTargetInfo(false)
        .withExternalLabels(Map.of("cluster", "external", "region", "eu", "__tenant__", "t1"))
        .withResourceToTelemetry(true, false);
    assertThat(translate(s)).containsExactly("g{__tenant__=\"t1\",a_b=\"1;2\",cluster=\"point-wins-over-external\","
        + "flag=\"true\",host_name=\"h1\",instance=\"i-9\",job=\"shop/api\",otel_scope_lib_flavour=\"x\","
        + "otel_scope_name=\"lib\",otel_scope_schema_url=\"https://opentelemetry.io/schemas/1.26.0\","
        + "otel_scope_version=\"2.0\",region=\"eu\",room=\"point-wins\",same_v=\"x\",service_instance_id=\"i-9\","
        + "service_name=\"api\",service_namespace=\"shop\"} 1.0 @" + T_MS);
  }

  @Test
  void resourceToTelemetryCanLeaveOutTheServiceAttributes() {
    rm.resource().attributes().put("host.name", "h1");
    metric("g", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    assertThat(translate(TranslationSettings.defaults().withScopeLabels(false).withTargetInfo(false)
        .withResourceToTelemetry(true, true))).containsExactly("g{host_name=\"h1\",job=\"api\"} 1.0 @" + T_MS);
  }

  @Test
  void targetInfoPerResourceAtItsLatestPoint() {
    rm.resource().attributes().put("service.instance.id", "i-1");
    rm.resource().attributes().put("k8s.pod.name", "p1");
    metric("a", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    metric("b", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T + 5_000_000_000L).setIntValue(1);
    // a resource with only the service attributes has no target_info; one without job/instance neither
    ResourceMetrics only = metrics.resourceMetrics().addNew();
    only.resource().attributes().put("service.name", "bare");
    only.scopeMetrics().addNew().metrics().addNew().setName("c").setEmptyGauge().dataPoints().addNew()
        .setTimeUnixNano(T).setIntValue(1);
    ResourceMetrics anonymous = metrics.resourceMetrics().addNew();
    anonymous.resource().attributes().put("host.name", "h");
    anonymous.scopeMetrics().addNew().metrics().addNew().setName("d").setEmptyGauge().dataPoints().addNew()
        .setTimeUnixNano(T).setIntValue(1);

    List<String> all = translate(TranslationSettings.defaults().withScopeLabels(false)
        .withExternalLabels(Map.of("cluster", "c1")).withNamespace("ns"));
    assertThat(all).filteredOn(x -> x.startsWith("target_info")).containsExactly(
        "target_info{cluster=\"c1\",instance=\"i-1\",job=\"api\",k8s_pod_name=\"p1\"} 1.0 @" + (T_MS + 5000));
    assertThat(all).contains("ns_a{cluster=\"c1\",instance=\"i-1\",job=\"api\"} 1.0 @" + T_MS,
        "ns_d{cluster=\"c1\"} 1.0 @" + T_MS);
    assertThat(families.get(2)).isEqualTo(new Family("target_info", FamilyType.INFO, "Target metadata", ""));
  }

  @Test
  void exemplarsOnlyOnCountersAndFilteredAttributesOnlyWithinTheRuneLimit() {
    NumberDataPoint c = metric("c", "").setEmptySum().setMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.CUMULATIVE).dataPoints().addNew().setTimeUnixNano(T)
        .setIntValue(1);
    c.exemplars().addNew().setIntValue(3).setTimeUnixNano(T).setTraceId(0xaL, 0xbL).setSpanId(0xcL)
        .filteredAttributes().put("user.id", "u");
    c.exemplars().addNew().setDoubleValue(4).setTimeUnixNano(T).setTraceId(0xaL, 0xbL).setSpanId(0xcL)
        .filteredAttributes().put("long", "x".repeat(100));
    NumberDataPoint g = metric("g", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    g.exemplars().addNew().setIntValue(1).setTimeUnixNano(T);

    translate();
    assertThat(exemplars.get(0)).extracting(e -> e.labels().size(), Exemplar::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 3.0), org.assertj.core.groups.Tuple.tuple(2, 4.0));
    assertThat(exemplars.get(0).get(0).labels()).contains(new Label("user_id", "u"));
    assertThat(exemplars.get(1)).isEmpty();
  }

  @Test
  void scopeLabelsAreOnByDefault() {
    scope.scope().setName("io.lib").setVersion("1");
    metric("g", "").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(T).setIntValue(1);
    assertThat(translate(TranslationSettings.defaults().withTargetInfo(false))).containsExactly(
        "g{job=\"api\",otel_scope_name=\"io.lib\",otel_scope_version=\"1\"} 1.0 @" + T_MS);
  }
}
