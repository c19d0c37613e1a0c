package dev.signalbox.pdata;

/** Sum data: a counter or up-down counter. */
public final class Sum extends Element implements MetricData {
  private final ElementList<NumberDataPoint> dataPoints = new ElementList<>(this, NumberDataPoint::new);
  private int aggregationTemporality;
  private boolean monotonic;

  @Override
  public MetricType type() {
    return MetricType.SUM;
  }

  @Override
  public ElementList<NumberDataPoint> dataPoints() {
    return dataPoints;
  }

  public AggregationTemporality aggregationTemporality() {
    return AggregationTemporality.forNumber(aggregationTemporality);
  }

  public int aggregationTemporalityNumber() {
    return aggregationTemporality;
  }

  public Sum setAggregationTemporality(AggregationTemporality t) {
    return setAggregationTemporalityNumber(t.number());
  }

  public Sum setAggregationTemporalityNumber(int t) {
    checkMutable();
    this.aggregationTemporality = t;
    return this;
  }

  public boolean isMonotonic() {
    return monotonic;
  }

  public Sum setMonotonic(boolean monotonic) {
    checkMutable();
    this.monotonic = monotonic;
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    dataPoints.adoptAll(g);
  }

  @Override
  public Sum copy() {
    Sum c = new Sum();
    c.aggregationTemporality = aggregationTemporality;
    c.monotonic = monotonic;
    for (NumberDataPoint p : dataPoints) {
      c.dataPoints.add(p.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sum s
        && aggregationTemporality == s.aggregationTemporality
        && monotonic == s.monotonic
        && dataPoints.equals(s.dataPoints);
  }

  @Override
  public int hashCode() {
    return dataPoints.hashCode();
  }

  @Override
  public String toString() {
    return "Sum{" + aggregationTemporality() + (monotonic ? " monotonic " : " ") + dataPoints + "}";
  }
}
