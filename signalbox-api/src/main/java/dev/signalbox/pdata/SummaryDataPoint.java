package dev.signalbox.pdata;

import java.util.List;

/** A summary data point: count, sum and quantile values. */
public final class SummaryDataPoint extends DataPoint<SummaryDataPoint> {
  private long count;
  private double sum;
  private List<ValueAtQuantile> quantileValues = List.of();

  public long count() {
    return count;
  }

  public SummaryDataPoint setCount(long count) {
    checkMutable();
    this.count = count;
    return this;
  }

  public double sum() {
    return sum;
  }

  public SummaryDataPoint setSum(double sum) {
    checkMutable();
    this.sum = sum;
    return this;
  }

  /** Read-only list of quantile values. */
  public List<ValueAtQuantile> quantileValues() {
    return quantileValues;
  }

  public SummaryDataPoint setQuantileValues(List<ValueAtQuantile> values) {
    checkMutable();
    this.quantileValues = List.copyOf(values);
    return this;
  }

  public SummaryDataPoint copy() {
    SummaryDataPoint c = new SummaryDataPoint();
    copyBaseTo(c);
    c.count = count;
    c.sum = sum;
    c.quantileValues = quantileValues;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SummaryDataPoint p
        && baseEquals(p)
        && count == p.count
        && Double.compare(sum, p.sum) == 0
        && quantileValues.equals(p.quantileValues);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return "SummaryPoint{" + attributes() + " count=" + count + " sum=" + sum + " " + quantileValues + "}";
  }
}
