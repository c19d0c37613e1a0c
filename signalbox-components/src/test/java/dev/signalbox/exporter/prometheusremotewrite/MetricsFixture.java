package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.ValueAtQuantile;
import java.util.List;

/**
 * OTLP metrics of every type, as the exporter tests of the Prometheus and InfluxDB exporters send
 * them: one resource ({@code shop/checkout}, instance {@code i-1}, two more attributes), one scope,
 * each metric named after the test run so that runs never see each other's series.
 */
public final class MetricsFixture {
  public static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
  public static final long TRACE_LOW = 0xa3ce929d0e0e4736L;
  public static final long SPAN = 0x00f067aa0ba902b7L;

  private final Metrics metrics = new Metrics();
  private final ScopeMetrics scope;
  private final String prefix;

  /** A batch whose metric names start with {@code prefix} ("t123.") . */
  public MetricsFixture(String prefix) {
    this.prefix = prefix;
    ResourceMetrics rm = metrics.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", "checkout");
    rm.resource().attributes().put("service.namespace", "shop");
    rm.resource().attributes().put("service.instance.id", "i-1");
    rm.resource().attributes().put("host.name", "h1");
    rm.resource().attributes().put("deployment.environment", "prod");
    scope = rm.scopeMetrics().addNew();
    scope.scope().setName("io.test.meter").setVersion("1.2.3");
  }

  public Metrics metrics() {
    return metrics;
  }

  /** A metric of this batch named {@code prefix + name}. */
  public Metric metric(String name, String unit, String description) {
    return scope.metrics().addNew().setName(prefix + name).setUnit(unit).setDescription(description);
  }

  /** A double gauge point. */
  public NumberDataPoint gauge(String name, String unit, double value, long timeNanos) {
    return metric(name, unit, "a gauge").setEmptyGauge().dataPoints().addNew().setTimeUnixNano(timeNanos)
        .setDoubleValue(value);
  }

  /** A cumulative sum point. */
  public NumberDataPoint sum(String name, String unit, boolean monotonic, AggregationTemporality t, long value,
      long startNanos, long timeNanos) {
    Sum s = metric(name, unit, "a sum").setEmptySum().setMonotonic(monotonic).setAggregationTemporality(t);
    return s.dataPoints().addNew().setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos).setIntValue(value);
  }

  /** A cumulative histogram point. */
  public HistogramDataPoint histogram(String name, String unit, double[] bounds, long[] counts, double sum,
      long startNanos, long timeNanos) {
    Histogram h = metric(name, unit, "a histogram").setEmptyHistogram()
        .setAggregationTemporality(AggregationTemporality.CUMULATIVE);
    long count = 0;
    for (long c : counts) {
      count += c;
    }
    return h.dataPoints().addNew().setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos)
        .setExplicitBounds(bounds).setBucketCounts(counts).setCount(count).setSum(sum);
  }

  /** A summary point. */
  public SummaryDataPoint summary(String name, String unit, List<ValueAtQuantile> quantiles, double sum, long count,
      long startNanos, long timeNanos) {
    return metric(name, unit, "a summary").setEmptySummary().dataPoints().addNew().setStartTimeUnixNano(startNanos)
        .setTimeUnixNano(timeNanos).setQuantileValues(quantiles).setSum(sum).setCount(count);
  }

  /**
   * Every type, as the ITs read them back:
   * <ul>
   *   <li>{@code memory.utilization} gauge, unit 1, 0.42, {@code state=used};
   *   <li>{@code http.server.requests} monotonic sum, {@code {request}}, 17,
   *       {@code http.method=GET}, {@code http.status_code=200} (int), one exemplar 1.5;
   *   <li>{@code queue.size} non-monotonic sum, {@code {item}}, 3;
   *   <li>{@code http.server.duration} histogram, ms, bounds 5/10/25, counts 1/2/3/4, sum 123.5,
   *       exemplar 7 (bucket le=10);
   *   <li>{@code rpc.latency} summary, s, q0.5=0.1, q0.99=0.9, sum 12, count 40;
   *   <li>{@code deltas} a delta monotonic sum (2 points), dropped by remote write.
   * </ul>
   */
  public static MetricsFixture everyType(String prefix, long timeNanos) {
    MetricsFixture f = new MetricsFixture(prefix);
    long start = timeNanos - 60_000_000_000L;
    f.gauge("memory.utilization", "1", 0.42, timeNanos).attributes().put("state", "used");
    NumberDataPoint counter = f.sum("http.server.requests", "{request}", true, AggregationTemporality.CUMULATIVE, 17,
        start, timeNanos);
    counter.attributes().put("http.method", "GET");
    counter.attributes().put("http.status_code", 200L);
    counter.exemplars().addNew().setTimeUnixNano(timeNanos - 1_000_000).setDoubleValue(1.5)
        .setTraceId(TRACE_HIGH, TRACE_LOW).setSpanId(SPAN);
    f.sum("queue.size", "{item}", false, AggregationTemporality.CUMULATIVE, 3, start, timeNanos);
    HistogramDataPoint h = f.histogram("http.server.duration", "ms", new double[] {5, 10, 25}, new long[] {1, 2, 3, 4},
        123.5, start, timeNanos);
    h.exemplars().addNew().setTimeUnixNano(timeNanos - 2_000_000).setDoubleValue(7).setTraceId(TRACE_HIGH, TRACE_LOW)
        .setSpanId(SPAN).filteredAttributes().put("user", "u1");
    f.summary("rpc.latency", "s", List.of(new ValueAtQuantile(0.5, 0.1), new ValueAtQuantile(0.99, 0.9)), 12, 40,
        start, timeNanos);
    Sum delta = f.metric("deltas", "", "a delta sum").setEmptySum().setMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.DELTA);
    delta.dataPoints().addNew().setStartTimeUnixNano(start).setTimeUnixNano(timeNanos).setIntValue(1);
    delta.dataPoints().addNew().setStartTimeUnixNano(start).setTimeUnixNano(timeNanos).setIntValue(2)
        .attributes().put("k", "v");
    return f;
  }
}
