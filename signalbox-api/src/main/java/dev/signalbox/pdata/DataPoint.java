package dev.signalbox.pdata;

/**
 * Fields every metric data point has: attributes, start and sample time, flags.
 *
 * @param <P> the concrete data point type, returned by setters for chaining
 */
public abstract sealed class DataPoint<P extends DataPoint<P>> extends Element
    permits NumberDataPoint, HistogramDataPoint, ExponentialHistogramDataPoint, SummaryDataPoint {

  /** {@code DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK}. */
  public static final int FLAG_NO_RECORDED_VALUE = 1;

  private final Attributes attributes = new Attributes(this);
  private long startTimeUnixNano;
  private long timeUnixNano;
  private int flags;

  DataPoint() {}

  @SuppressWarnings("unchecked")
  final P self() {
    return (P) this;
  }

  public final Attributes attributes() {
    return attributes;
  }

  public final long startTimeUnixNano() {
    return startTimeUnixNano;
  }

  public final P setStartTimeUnixNano(long t) {
    checkMutable();
    this.startTimeUnixNano = t;
    return self();
  }

  public final long timeUnixNano() {
    return timeUnixNano;
  }

  public final P setTimeUnixNano(long t) {
    checkMutable();
    this.timeUnixNano = t;
    return self();
  }

  public final int flags() {
    return flags;
  }

  public final P setFlags(int flags) {
    checkMutable();
    this.flags = flags;
    return self();
  }

  public final boolean noRecordedValue() {
    return (flags & FLAG_NO_RECORDED_VALUE) != 0;
  }

  final void copyBaseTo(DataPoint<?> c) {
    c.attributes.copyFrom(attributes);
    c.startTimeUnixNano = startTimeUnixNano;
    c.timeUnixNano = timeUnixNano;
    c.flags = flags;
  }

  final boolean baseEquals(DataPoint<?> o) {
    return attributes.equals(o.attributes)
        && startTimeUnixNano == o.startTimeUnixNano
        && timeUnixNano == o.timeUnixNano
        && flags == o.flags;
  }

  @Override
  public int hashCode() {
    return attributes.hashCode() * 31 + Long.hashCode(timeUnixNano);
  }

  static ElementList<Exemplar> newExemplars(Element owner) {
    return new ElementList<>(owner, Exemplar::new);
  }
}
