package dev.signalbox.telemetry;

import java.util.function.DoubleSupplier;

/**
 * Self-metrics for components. Names follow the Collector's ({@code otelcol_exporter_sent_spans});
 * counters are exposed with a {@code _total} suffix. Labels are given as name/value pairs and
 * added to the meter's own (a component's meter already carries e.g. {@code exporter="otlp/2"}).
 * Instruments with the same name and labels are the same instrument. Thread-safe.
 */
public interface Meter {
  Meter NOOP = new Meter() {
    @Override
    public Counter counter(String name, String description, String... labels) {
      return n -> {};
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... labels) {}

    @Override
    public Histogram histogram(String name, String description, double[] bounds, String... labels) {
      return v -> {};
    }

    @Override
    public Meter withLabels(String... labels) {
      return this;
    }
  };

  Counter counter(String name, String description, String... labels);

  /** A gauge read at scrape time; registering the same name and labels again replaces the supplier. */
  void gauge(String name, String description, DoubleSupplier value, String... labels);

  Histogram histogram(String name, String description, double[] bounds, String... labels);

  /** A meter that adds {@code labels} to every instrument it creates. */
  Meter withLabels(String... labels);

  /** A monotonic counter. */
  @FunctionalInterface
  interface Counter {
    void add(long n);

    default void inc() {
      add(1);
    }
  }

  @FunctionalInterface
  interface Histogram {
    void record(double value);
  }
}
