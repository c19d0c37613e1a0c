package dev.signalbox.pdata;

import java.util.Objects;

/**
 * An exponential histogram data point. {@link #positive()} and {@link #negative()} are null when
 * the field is absent on the wire, which OTLP distinguishes from present but empty.
 */
public final class ExponentialHistogramDataPoint extends DataPoint<ExponentialHistogramDataPoint> {
  private long count;
  private boolean hasSum;
  private double sum;
  private int scale;
  private long zeroCount;
  private Buckets positive;
  private Buckets negative;
  private ElementList<Exemplar> exemplars;
  private boolean hasMin;
  private double min;
  private boolean hasMax;
  private double max;
  private double zeroThreshold;

  public long count() {
    return count;
  }

  public ExponentialHistogramDataPoint setCount(long count) {
    checkMutable();
    this.count = count;
    return this;
  }

  public boolean hasSum() {
    return hasSum;
  }

  public double sum() {
    return sum;
  }

  public ExponentialHistogramDataPoint setSum(double sum) {
    checkMutable();
    this.hasSum = true;
    this.sum = sum;
    return this;
  }

  public ExponentialHistogramDataPoint clearSum() {
    checkMutable();
    this.hasSum = false;
    this.sum = 0;
    return this;
  }

  public int scale() {
    return scale;
  }

  public ExponentialHistogramDataPoint setScale(int scale) {
    checkMutable();
    this.scale = scale;
    return this;
  }

  public long zeroCount() {
    return zeroCount;
  }

  public ExponentialHistogramDataPoint setZeroCount(long zeroCount) {
    checkMutable();
    this.zeroCount = zeroCount;
    return this;
  }

  /** The positive buckets, or null when absent. */
  public Buckets positive() {
    return positive;
  }

  public ExponentialHistogramDataPoint setPositive(Buckets b) {
    checkMutable();
    this.positive = b;
    return this;
  }

  /** The negative buckets, or null when absent. */
  public Buckets negative() {
    return negative;
  }

  public ExponentialHistogramDataPoint setNegative(Buckets b) {
    checkMutable();
    this.negative = b;
    return this;
  }

  public ElementList<Exemplar> exemplars() {
    if (exemplars == null) {
      exemplars = newExemplars(this);
    }
    return exemplars;
  }

  public boolean hasExemplars() {
    return exemplars != null && !exemplars.isEmpty();
  }

  public boolean hasMin() {
    return hasMin;
  }

  public double min() {
    return min;
  }

  public ExponentialHistogramDataPoint setMin(double min) {
    checkMutable();
    this.hasMin = true;
    this.min = min;
    return this;
  }

  public boolean hasMax() {
    return hasMax;
  }

  public double max() {
    return max;
  }

  public ExponentialHistogramDataPoint setMax(double max) {
    checkMutable();
    this.hasMax = true;
    this.max = max;
    return this;
  }

  public double zeroThreshold() {
    return zeroThreshold;
  }

  public ExponentialHistogramDataPoint setZeroThreshold(double zeroThreshold) {
    checkMutable();
    this.zeroThreshold = zeroThreshold;
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    if (exemplars != null) {
      exemplars.adoptAll(g);
    }
  }

  public ExponentialHistogramDataPoint copy() {
    ExponentialHistogramDataPoint c = new ExponentialHistogramDataPoint();
    copyBaseTo(c);
    c.count = count;
    c.hasSum = hasSum;
    c.sum = sum;
    c.scale = scale;
    c.zeroCount = zeroCount;
    c.positive = positive;
    c.negative = negative;
    if (hasExemplars()) {
      for (Exemplar e : exemplars) {
        c.exemplars().add(e.copy());
      }
    }
    c.hasMin = hasMin;
    c.min = min;
    c.hasMax = hasMax;
    c.max = max;
    c.zeroThreshold = zeroThreshold;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExponentialHistogramDataPoint p
        && baseEquals(p)
        && count == p.count
        && hasSum == p.hasSum
        && Double.compare(sum, p.sum) == 0
        && scale == p.scale
        && zeroCount == p.zeroCount
        && Objects.equals(positive, p.positive)
        && Objects.equals(negative, p.negative)
        && Span.listEq(exemplars, p.exemplars)
        && hasMin == p.hasMin
        && Double.compare(min, p.min) == 0
        && hasMax == p.hasMax
        && Double.compare(max, p.max) == 0
        && Double.compare(zeroThreshold, p.zeroThreshold) == 0;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return "ExpHistogramPoint{" + attributes() + " count=" + count + " scale=" + scale + "}";
  }
}
