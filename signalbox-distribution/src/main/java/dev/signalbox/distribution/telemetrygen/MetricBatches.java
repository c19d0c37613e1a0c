package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;

/**
 * Data points of two metrics per request: a cumulative monotonic sum
 * {@code telemetrygen.requests} (integer, the value is the point's {@code seq}) holding the first
 * half of the points, and a gauge {@code telemetrygen.queue.depth} (double) holding the rest.
 * Every point carries {@code seq} (so every point is its own series) and the extra attributes.
 */
final class MetricBatches extends BatchFactory {
  private final long startNanos = epochNanos();
  private Metrics batch;
  private NumberDataPoint[] points = new NumberDataPoint[0];
  private int sumPoints;

  MetricBatches(TelemetrygenOptions options, long seed) {
    super(options, seed);
  }

  @Override
  byte[] encode(long firstSeq, int n, long now) {
    if (points.length != n) {
      build(n);
    }
    for (int i = 0; i < n; i++) {
      NumberDataPoint p = points[i];
      long seq = firstSeq + i;
      p.setTimeUnixNano(now);
      if (i < sumPoints) {
        p.setIntValue(seq);
      } else {
        p.setDoubleValue(random.nextDouble() * 100);
      }
      p.attributes().put(SEQ, seq);
    }
    return OtlpProtoCodec.INSTANCE.encode(batch);
  }

  private void build(int n) {
    batch = new Metrics();
    ResourceMetrics rm = batch.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", options.service());
    ScopeMetrics sm = rm.scopeMetrics().addNew();
    sm.scope().setName(SCOPE_NAME).setVersion(TelemetrygenCommand.version());
    sumPoints = (n + 1) / 2;
    points = new NumberDataPoint[n];
    var sum = sm.metrics().addNew().setName("telemetrygen.requests").setUnit("{request}")
        .setDescription("Requests served").setEmptySum()
        .setMonotonic(true).setAggregationTemporality(AggregationTemporality.CUMULATIVE);
    for (int i = 0; i < sumPoints; i++) {
      points[i] = sum.dataPoints().addNew().setStartTimeUnixNano(startNanos);
    }
    if (n > sumPoints) {
      var gauge = sm.metrics().addNew().setName("telemetrygen.queue.depth").setUnit("{item}")
          .setDescription("Items waiting").setEmptyGauge();
      for (int i = sumPoints; i < n; i++) {
        points[i] = gauge.dataPoints().addNew();
      }
    }
    for (NumberDataPoint p : points) {
      p.attributes().ensureCapacity(1 + extraKeys.length);
      p.attributes().put(SEQ, AnyValue.of(0L));
      for (int a = 0; a < extraKeys.length; a++) {
        p.attributes().put(extraKeys[a], extraValues[a]);
      }
    }
  }
}
