package dev.signalbox.sdk.prometheus.remotewrite;

import java.util.List;

/**
 * A Prometheus remote-write 1.0 {@code prometheus.WriteRequest}: time series and metric metadata.
 * Field numbers from the remote-write 1.0 specification:
 * <pre>
 * WriteRequest   { repeated TimeSeries timeseries = 1; reserved 2; repeated MetricMetadata metadata = 3; }
 * TimeSeries     { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3;
 *                  repeated Histogram histograms = 4; }   (native histograms: skipped on decode, never written)
 * Label          { string name = 1; string value = 2; }
 * Sample         { double value = 1; int64 timestamp = 2; }    (milliseconds since the epoch)
 * Exemplar       { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * </pre>
 */
public record WriteRequest(List<TimeSeries> timeseries, List<MetricMetadata> metadata) {
  public WriteRequest {
    timeseries = List.copyOf(timeseries);
    metadata = List.copyOf(metadata);
  }

  /** Samples in the request (what remote-write senders count). */
  public int sampleCount() {
    int n = 0;
    for (TimeSeries t : timeseries) {
      n += t.samples().size();
    }
    return n;
  }

  /** One series: its labels (including {@code __name__}) and its samples. */
  public record TimeSeries(List<Label> labels, List<Sample> samples, List<Exemplar> exemplars) {
    public TimeSeries {
      labels = labels instanceof LabelInterner.Interned ? labels : List.copyOf(labels); // (immutable)
      samples = List.copyOf(samples);
      exemplars = List.copyOf(exemplars);
    }

    /** The value of label {@code name}, or null. */
    public String label(String name) {
      for (Label l : labels) {
        if (l.name().equals(name)) {
          return l.value();
        }
      }
      return null;
    }
  }

  public record Label(String name, String value) {
    // Written out rather than generated: series maps hash and compare labels once per sample, and
    // the generated versions go through method handles.
    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      return o instanceof Label l && name.equals(l.name) && value.equals(l.value);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + value.hashCode();
    }
  }

  /** A sample; a staleness marker is the NaN with bits {@link #STALE_NAN_BITS}. */
  public record Sample(double value, long timestampMillis) {
    /** Prometheus' staleness marker: a signalling NaN with this exact bit pattern. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    public static Sample stale(long timestampMillis) {
      return new Sample(Double.longBitsToDouble(STALE_NAN_BITS), timestampMillis);
    }

    public boolean isStale() {
      return Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sample s && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(s.value)
          && timestampMillis == s.timestampMillis;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(Double.doubleToRawLongBits(value)) * 31 + Long.hashCode(timestampMillis);
    }
  }

  public record Exemplar(List<Label> labels, double value, long timestampMillis) {
    public Exemplar {
      labels = List.copyOf(labels);
    }
  }

  /** {@code prometheus.MetricMetadata.MetricType}; the ordinal is the wire value. */
  public enum MetricType {
    UNKNOWN, COUNTER, GAUGE, HISTOGRAM, GAUGEHISTOGRAM, SUMMARY, INFO, STATESET;

    static MetricType forNumber(int n) {
      MetricType[] v = values();
      return n >= 0 && n < v.length ? v[n] : UNKNOWN;
    }
  }

  public record MetricMetadata(MetricType type, String metricFamilyName, String help, String unit) {}
}
