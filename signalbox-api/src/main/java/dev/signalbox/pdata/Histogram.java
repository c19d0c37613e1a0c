package dev.signalbox.pdata;

/** Explicit-bucket histogram data. */
public final class Histogram extends Element implements MetricData {
  private final ElementList<HistogramDataPoint> dataPoints =
      new ElementList<>(this, HistogramDataPoint::new);
  private int aggregationTemporality;

  @Override
  public MetricType type() {
    return MetricType.HISTOGRAM;
  }

  @Override
  public ElementList<HistogramDataPoint> dataPoints() {
    return dataPoints;
  }

  public AggregationTemporality aggregationTemporality() {
    return AggregationTemporality.forNumber(aggregationTemporality);
  }

  public int aggregationTemporalityNumber() {
    return aggregationTemporality;
  }

  public Histogram setAggregationTemporality(AggregationTemporality t) {
    return setAggregationTemporalityNumber(t.number());
  }

  public Histogram setAggregationTemporalityNumber(int t) {
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
  public Histogram copy() {
    Histogram c = new Histogram();
    c.aggregationTemporality = aggregationTemporality;
    for (HistogramDataPoint p : dataPoints) {
      c.dataPoints.add(p.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && aggregationTemporality == h.aggregationTemporality
        && dataPoints.equals(h.dataPoints);
  }

  @Override
  public int hashCode() {
    return dataPoints.hashCode();
  }

  @Override
  public String toString() {
    return "Histogram{" + aggregationTemporality() + " " + dataPoints + "}";
  }
}
