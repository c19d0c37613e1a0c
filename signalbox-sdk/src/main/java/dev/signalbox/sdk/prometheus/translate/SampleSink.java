package dev.signalbox.sdk.prometheus.translate;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import java.util.List;

/** Receives the samples of a translation, in the order of the OTel data. */
@FunctionalInterface
public interface SampleSink {
  /**
   * One sample.
   *
   * @param family the family it belongs to (the same instance for every sample of one OTel metric)
   * @param labels the series' labels sorted by name, {@code __name__} included, no empty values
   * @param value the value; Prometheus' staleness marker ({@code WriteRequest.Sample.STALE_NAN_BITS})
   *     for a point flagged {@code NoRecordedValue}
   * @param timestampMillis the point's time in milliseconds since the epoch
   * @param exemplars the exemplars of this series' point (histogram buckets and counters only), never null
   */
  void sample(Family family, List<Label> labels, double value, long timestampMillis, List<Exemplar> exemplars);
}
