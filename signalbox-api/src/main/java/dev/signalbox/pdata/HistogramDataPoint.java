package dev.signalbox.pdata;

import java.util.Arrays;

/**
 * An explicit-bucket histogram data point. The bucket arrays returned by the getters are the
 * point's own: read them, and replace them with the setters.
 */
public final class HistogramDataPoint extends DataPoint<HistogramDataPoint> {
  private static final long[] NO_LONGS = new long[0];
  private static final double[] NO_DOUBLES = new double[0];

  private long count;
  private boolean hasSum;
  private double sum;
  private long[] bucketCounts = NO_LONGS;
  private double[] explicitBounds = NO_DOUBLES;
  private ElementList<Exemplar> exemplars;
  private boolean hasMin;
  private double min;
  private boolean hasMax;
  private double max;

  public long count() {
    return count;
  }

  public HistogramDataPoint setCount(long count) {
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

  public HistogramDataPoint setSum(double sum) {
    checkMutable();
    this.hasSum = true;
    this.sum = sum;
    return this;
  }

  public HistogramDataPoint clearSum() {
    checkMutable();
    this.hasSum = false;
    this.sum = 0;
    return this;
  }

  public long[] bucketCounts() {
    return bucketCounts;
  }

  public HistogramDataPoint setBucketCounts(long... counts) {
    checkMutable();
    this.bucketCounts = counts.clone();
    return this;
  }

  public double[] explicitBounds() {
    return explicitBounds;
  }

  public HistogramDataPoint setExplicitBounds(double... bounds) {
    checkMutable();
    this.explicitBounds = bounds.clone();
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

  public HistogramDataPoint setMin(double min) {
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

  public HistogramDataPoint setMax(double max) {
    checkMutable();
    this.hasMax = true;
    this.max = max;
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    if (exemplars != null) {
      exemplars.adoptAll(g);
    }
  }

  public HistogramDataPoint copy() {
    HistogramDataPoint c = new HistogramDataPoint();
    copyBaseTo(c);
    c.count = count;
    c.hasSum = hasSum;
    c.sum = sum;
    c.bucketCounts = bucketCounts.clone();
    c.explicitBounds = explicitBounds.clone();
    if (hasExemplars()) {
      for (Exemplar e : exemplars) {
        c.exemplars().add(e.copy());
      }
    }
    c.hasMin = hasMin;
    c.min = min;
    c.hasMax = hasMax;
    c.max = max;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistogramDataPoint p
        && baseEquals(p)
        && count == p.count
        && hasSum == p.hasSum
        && Double.compare(sum, p.sum) == 0
        && Arrays.equals(bucketCounts, p.bucketCounts)
        && Arrays.equals(explicitBounds, p.explicitBounds)
        && Span.listEq(exemplars, p.exemplars)
        && hasMin == p.hasMin
        && Double.compare(min, p.min) == 0
        && hasMax == p.hasMax
        && Double.compare(max, p.max) == 0;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return "HistogramPoint{" + attributes() + " count=" + count + " sum=" + sum
        + " buckets=" + Arrays.toString(bucketCounts) + " bounds=" + Arrays.toString(explicitBounds) + "}";
  }
}
