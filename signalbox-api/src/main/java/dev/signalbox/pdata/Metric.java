package dev.signalbox.pdata;

import java.util.Objects;

/** One metric: name, description, unit, metadata and one of the five data types. */
public final class Metric extends Element {
  private String name = "";
  private String description = "";
  private String unit = "";
  private Attributes metadata;
  private MetricData data;

  public String name() {
    return name;
  }

  public Metric setName(String name) {
    checkMutable();
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  public String description() {
    return description;
  }

  public Metric setDescription(String description) {
    checkMutable();
    this.description = Objects.requireNonNull(description, "description");
    return this;
  }

  public String unit() {
    return unit;
  }

  public Metric setUnit(String unit) {
    checkMutable();
    this.unit = Objects.requireNonNull(unit, "unit");
    return this;
  }

  /** Additional metadata ({@code Metric.metadata}). */
  public Attributes metadata() {
    if (metadata == null) {
      metadata = new Attributes(this);
    }
    return metadata;
  }

  /** True when the metric has metadata entries; unlike {@link #metadata()} it never allocates. */
  public boolean hasMetadata() {
    return metadata != null && !metadata.isEmpty();
  }

  public MetricType type() {
    return data == null ? MetricType.EMPTY : data.type();
  }

  /** The data, or null when no data field is set. */
  public MetricData data() {
    return data;
  }

  public Gauge gauge() {
    return (Gauge) expect(MetricType.GAUGE);
  }

  public Sum sum() {
    return (Sum) expect(MetricType.SUM);
  }

  public Histogram histogram() {
    return (Histogram) expect(MetricType.HISTOGRAM);
  }

  public ExponentialHistogram exponentialHistogram() {
    return (ExponentialHistogram) expect(MetricType.EXPONENTIAL_HISTOGRAM);
  }

  public Summary summary() {
    return (Summary) expect(MetricType.SUMMARY);
  }

  private MetricData expect(MetricType t) {
    if (type() != t) {
      throw new IllegalStateException("metric '" + name + "' is " + type() + ", not " + t);
    }
    return data;
  }

  public Gauge setEmptyGauge() {
    return setData(new Gauge());
  }

  public Sum setEmptySum() {
    return setData(new Sum());
  }

  public Histogram setEmptyHistogram() {
    return setData(new Histogram());
  }

  public ExponentialHistogram setEmptyExponentialHistogram() {
    return setData(new ExponentialHistogram());
  }

  public Summary setEmptySummary() {
    return setData(new Summary());
  }

  /** Removes the data (type EMPTY). */
  public Metric clearData() {
    checkMutable();
    data = null;
    return this;
  }

  private <D extends Element & MetricData> D setData(D d) {
    checkMutable();
    d.adopt(guard);
    data = d;
    return d;
  }

  /** Data points of this metric, of whatever type. */
  public int dataPointCount() {
    return data == null ? 0 : data.dataPoints().size();
  }

  /** Moves the first {@code n} data points into a new metric with the same name, unit and type. */
  Metric splitOffPoints(int n) {
    Metric out = new Metric();
    out.name = name;
    out.description = description;
    out.unit = unit;
    if (metadata != null && !metadata.isEmpty()) {
      out.metadata().copyFrom(metadata);
    }
    switch (data) {
      case Gauge g -> movePoints(g.dataPoints(), out.setEmptyGauge().dataPoints(), n);
      case Sum s -> {
        Sum d = out.setEmptySum();
        d.setAggregationTemporalityNumber(s.aggregationTemporalityNumber()).setMonotonic(s.isMonotonic());
        movePoints(s.dataPoints(), d.dataPoints(), n);
      }
      case Histogram h -> {
        Histogram d = out.setEmptyHistogram();
        d.setAggregationTemporalityNumber(h.aggregationTemporalityNumber());
        movePoints(h.dataPoints(), d.dataPoints(), n);
      }
      case ExponentialHistogram h -> {
        ExponentialHistogram d = out.setEmptyExponentialHistogram();
        d.setAggregationTemporalityNumber(h.aggregationTemporalityNumber());
        movePoints(h.dataPoints(), d.dataPoints(), n);
      }
      case Summary s -> movePoints(s.dataPoints(), out.setEmptySummary().dataPoints(), n);
      case null -> throw new IllegalStateException("metric without data has no points to split");
    }
    return out;
  }

  private static <P extends Element> void movePoints(ElementList<P> from, ElementList<P> to, int n) {
    from.moveFirstTo(n, to);
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    if (data != null) {
      ((Element) data).adopt(g);
    }
  }

  public Metric copy() {
    Metric c = new Metric();
    c.name = name;
    c.description = description;
    c.unit = unit;
    if (metadata != null && !metadata.isEmpty()) {
      c.metadata().copyFrom(metadata);
    }
    if (data != null) {
      MetricData d = data.copy();
      ((Element) d).guard = c.guard;
      c.data = d;
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Metric m)) {
      return false;
    }
    boolean mdA = metadata == null || metadata.isEmpty();
    boolean mdB = m.metadata == null || m.metadata.isEmpty();
    return name.equals(m.name)
        && description.equals(m.description)
        && unit.equals(m.unit)
        && (mdA && mdB || !mdA && !mdB && metadata.equals(m.metadata))
        && Objects.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Objects.hashCode(data);
  }

  @Override
  public String toString() {
    return "Metric{" + name + " " + data + "}";
  }
}
