package dev.signalbox.pdata;

/** Summary data (legacy quantiles). */
public final class Summary extends Element implements MetricData {
  private final ElementList<SummaryDataPoint> dataPoints = new ElementList<>(this, SummaryDataPoint::new);

  @Override
  public MetricType type() {
    return MetricType.SUMMARY;
  }

  @Override
  public ElementList<SummaryDataPoint> dataPoints() {
    return dataPoints;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    dataPoints.adoptAll(g);
  }

  @Override
  public Summary copy() {
    Summary c = new Summary();
    for (SummaryDataPoint p : dataPoints) {
      c.dataPoints.add(p.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Summary s && dataPoints.equals(s.dataPoints);
  }

  @Override
  public int hashCode() {
    return dataPoints.hashCode();
  }

  @Override
  public String toString() {
    return "Summary" + dataPoints;
  }
}
