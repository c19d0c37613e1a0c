package dev.signalbox.pdata;

/** Which {@code Metric.data} field is set. */
public enum MetricType {
  EMPTY, GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY
}
