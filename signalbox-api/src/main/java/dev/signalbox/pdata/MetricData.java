package dev.signalbox.pdata;

/** The data of a metric: one of the five OTLP metric types. */
public sealed interface MetricData permits Gauge, Sum, Histogram, ExponentialHistogram, Summary {
  MetricType type();

  ElementList<? extends DataPoint<?>> dataPoints();

  MetricData copy();
}
