package dev.signalbox.pdata;

/** Exponential (base-2) histogram data. */
public final class ExponentialHistogram extends Element implements MetricData {
  private final ElementList<ExponentialHistogramDataPoint> dataPoints =
      new ElementList<>(this, ExponentialHistogramDataPoint::new);
  private int aggregationTemporality;

  @Override
  public MetricType type() {
    return MetricType.EXPONENTIAL_HISTOGRAM;
  }

  @Override
  public ElementList<ExponentialHistogramDataPoint> dataPoints() {
    return dataPoints;
  }

  public AggregationTemporality aggregationTemporality() {
    return AggregationTemporality.forNumber(aggregationTemporality);
  }

  public int aggregationTemporalityNumber() {
    return aggregationTemporality;
  }

  public ExponentialHistogram setAggregationTemporality(AggregationTemporality t) {
    return setAggregationTemporalityNumber(t.number());
  }

  public ExponentialHistogram setAggregationTemporalityNumber(int t) {
    checkMutable();
    this.aggregationTemporality = t;
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    dataPoints.adoptAll(g);
  }

  @Override
  public ExponentialHistogram copy() {
    ExponentialHistogram c = new ExponentialHistogram();
    c.aggregationTemporality = aggregationTemporality;
    for (ExponentialHistogramDataPoint p : dataPoints) {
      c.dataPoints.add(p.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExponentialHistogram h
        && aggregationTemporality == h.aggregationTemporality
        && dataPoints.equals(h.dataPoints);
  }

  @Override
  public int hashCode() {
    return dataPoints.hashCode();
  }

  @Override
  public String toString() {
    return "ExponentialHistogram{" + aggregationTemporality() + " " + dataPoints + "}";
  }
}
