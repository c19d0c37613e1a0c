package dev.signalbox.sdk.prometheus.translate;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricType;

/** The Prometheus type of a metric family, from the OTel metric it was translated from. */
public enum FamilyType {
  /** A cumulative monotonic sum. */
  COUNTER("counter", MetricType.COUNTER),
  /** A gauge, or a cumulative non-monotonic sum. */
  GAUGE("gauge", MetricType.GAUGE),
  /** A cumulative explicit-bucket histogram: {@code _bucket{le}}, {@code _sum}, {@code _count}. */
  HISTOGRAM("histogram", MetricType.HISTOGRAM),
  /** A summary: quantile series, {@code _sum}, {@code _count}. */
  SUMMARY("summary", MetricType.SUMMARY),
  /** {@code target_info}: an info metric (a gauge of value 1 in the Prometheus text format). */
  INFO("info", MetricType.INFO);

  private final String openMetricsName;
  private final MetricType remoteWriteType;

  FamilyType(String openMetricsName, MetricType remoteWriteType) {
    this.openMetricsName = openMetricsName;
    this.remoteWriteType = remoteWriteType;
  }

  /** The OpenMetrics {@code # TYPE} word. */
  public String openMetricsName() {
    return openMetricsName;
  }

  /** The {@code # TYPE} word of the Prometheus text format 0.0.4 (info is a gauge there). */
  public String textName() {
    return this == INFO ? "gauge" : openMetricsName;
  }

  /** The remote-write metadata type. */
  public MetricType remoteWriteType() {
    return remoteWriteType;
  }
}
