package dev.signalbox.pdata;

/** Gauge data: sampled values. */
public final class Gauge extends Element implements MetricData {
  private final ElementList<NumberDataPoint> dataPoints = new ElementList<>(this, NumberDataPoint::new);

  @Override
  public MetricType type() {
    return MetricType.GAUGE;
  }

  @Override
  public ElementList<NumberDataPoint> dataPoints() {
    return dataPoints;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    dataPoints.adoptAll(g);
  }

  @Override
  public Gauge copy() {
    Gauge c = new Gauge();
    for (NumberDataPoint p : dataPoints) {
      c.dataPoints.add(p.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gauge g && dataPoints.equals(g.dataPoints);
  }

  @Override
  public int hashCode() {
    return dataPoints.hashCode();
  }

  @Override
  public String toString() {
    return "Gauge" + dataPoints;
  }
}
