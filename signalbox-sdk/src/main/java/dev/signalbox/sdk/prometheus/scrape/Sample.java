package dev.signalbox.sdk.prometheus.scrape;

/**
 * One sample of an exposition or of a remote-write series.
 *
 * @param labels the series' labels, the metric name included as {@code __name__}
 * @param value the value; Prometheus' staleness marker is the NaN with bits {@link #STALE_NAN_BITS}
 * @param timestampMillis explicit timestamp in milliseconds since the epoch, or {@link #NO_TIMESTAMP}
 * @param exemplar the sample's exemplar, or null
 */
public record Sample(Labels labels, double value, long timestampMillis, PromExemplar exemplar) {
  /** An absent timestamp. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** Prometheus' staleness marker: a NaN with exactly these bits ({@code value.StaleNaN}). */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  /** The staleness marker as a double. */
  public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

  public Sample(Labels labels, double value) {
    this(labels, value, NO_TIMESTAMP, null);
  }

  public String name() {
    return labels.metricName();
  }

  public boolean hasTimestamp() {
    return timestampMillis != NO_TIMESTAMP;
  }

  /** True for Prometheus' staleness marker (not for other NaNs). */
  public static boolean isStaleNaN(double v) {
    return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s && labels.equals(s.labels)
        && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(s.value)
        && timestampMillis == s.timestampMillis && java.util.Objects.equals(exemplar, s.exemplar);
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + Double.hashCode(value);
  }
}
