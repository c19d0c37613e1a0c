package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.telemetry.Meter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A Meter that keeps its values for assertions: instruments keyed by name and sorted labels. */
final class TestMeter implements Meter {
  private final Map<String, AtomicLong> counters;
  private final Map<String, DoubleSupplier> gauges;
  private final List<String> baseLabels;

  TestMeter() {
    this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), List.of());
  }

  private TestMeter(Map<String, AtomicLong> counters, Map<String, DoubleSupplier> gauges, List<String> base) {
    this.counters = counters;
    this.gauges = gauges;
    this.baseLabels = base;
  }

  @Override
  public Counter counter(String name, String description, String... labels) {
    AtomicLong c = counters.computeIfAbsent(key(name, labels), k -> new AtomicLong());
    return c::addAndGet;
  }

  @Override
  public void gauge(String name, String description, DoubleSupplier value, String... labels) {
    gauges.put(key(name, labels), value);
  }

  @Override
  public Histogram histogram(String name, String description, double[] bounds, String... labels) {
    return v -> {};
  }

  @Override
  public Meter withLabels(String... labels) {
    List<String> l = new ArrayList<>(baseLabels);
    l.addAll(Arrays.asList(labels));
    return new TestMeter(counters, gauges, List.copyOf(l));
  }

  /** The counter's value, labels given as name/value pairs (the meter's own labels included). */
  long value(String name, String... labels) {
    AtomicLong c = counters.get(key(name, labels));
    return c == null ? 0 : c.get();
  }

  /** The sum of a counter over all label sets. */
  long sum(String name) {
    return counters.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{"))
        .mapToLong(e -> e.getValue().get()).sum();
  }

  /** Every non-zero counter as "name{labels}" -> value. */
  Map<String, Long> nonZeroCounters() {
    Map<String, Long> m = new TreeMap<>();
    counters.forEach((k, v) -> {
      if (v.get() != 0) {
        m.put(k, v.get());
      }
    });
    return m;
  }

  double gauge(String name, String... labels) {
    DoubleSupplier g = gauges.get(key(name, labels));
    if (g == null) {
      throw new AssertionError("no gauge " + key(name, labels) + " in " + gauges.keySet());
    }
    return g.getAsDouble();
  }

  private String key(String name, String... labels) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i + 1 < baseLabels.size(); i += 2) {
      m.put(baseLabels.get(i), baseLabels.get(i + 1));
    }
    for (int i = 0; i + 1 < labels.length; i += 2) {
      m.put(labels[i], labels[i + 1]);
    }
    return name + m;
  }
}
