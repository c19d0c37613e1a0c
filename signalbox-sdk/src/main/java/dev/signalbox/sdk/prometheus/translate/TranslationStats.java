package dev.signalbox.sdk.prometheus.translate;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one translation left out, by reason, with the name of the first metric dropped for each
 * (for a log line that says what to fix). Not thread-safe: one per translation.
 */
public final class TranslationStats {

  /** Why data points were not translated. */
  public enum Reason {
    /** A delta sum or histogram: Prometheus series are cumulative. */
    DELTA_TEMPORALITY("delta_temporality"),
    /** A sum or histogram without an aggregation temporality. */
    UNSPECIFIED_TEMPORALITY("unspecified_temporality"),
    /** An exponential histogram: needs native histograms, which are not written. */
    EXPONENTIAL_HISTOGRAM("exponential_histogram"),
    /** A metric whose name has no valid character, or no data. */
    INVALID_METRIC("invalid_metric");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** The reason as a metric label or log key. */
    public String label() {
      return label;
    }
  }

  private final Map<Reason, long[]> dropped = new EnumMap<>(Reason.class);
  private final Map<Reason, String> firstMetric = new EnumMap<>(Reason.class);
  private long translatedPoints;
  private long samples;

  void drop(Reason reason, String metricName, int points) {
    dropped.computeIfAbsent(reason, r -> new long[1])[0] += points;
    firstMetric.putIfAbsent(reason, metricName);
  }

  void translated(int points) {
    translatedPoints += points;
  }

  void sample() {
    samples++;
  }

  /** Data points dropped for {@code reason}. */
  public long dropped(Reason reason) {
    long[] n = dropped.get(reason);
    return n == null ? 0 : n[0];
  }

  /** Data points dropped for any reason. */
  public long droppedTotal() {
    long n = 0;
    for (long[] v : dropped.values()) {
      n += v[0];
    }
    return n;
  }

  /** The name of the first metric dropped for {@code reason}, or null. */
  public String firstMetric(Reason reason) {
    return firstMetric.get(reason);
  }

  /** Data points translated. */
  public long translatedPoints() {
    return translatedPoints;
  }

  /** Samples produced (target_info included). */
  public long samples() {
    return samples;
  }

  /** "12 delta_temporality (first: requests), 3 exponential_histogram (first: latency)", or empty. */
  public String describeDropped() {
    StringBuilder b = new StringBuilder();
    for (var e : dropped.entrySet()) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append(e.getValue()[0]).append(' ').append(e.getKey().label()).append(" (first: ")
          .append(firstMetric.get(e.getKey())).append(')');
    }
    return b.toString();
  }
}
