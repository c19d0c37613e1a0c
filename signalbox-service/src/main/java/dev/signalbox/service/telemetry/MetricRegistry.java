package dev.signalbox.service.telemetry;

import dev.signalbox.telemetry.Meter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The process's self-metrics: counters, gauges and histograms registered by components through
 * {@link Meter}, rendered in the Prometheus text format (0.0.4). Counters are cheap to update from
 * any thread (one {@link LongAdder} each); gauges are read at scrape time.
 *
 * <p>Names follow the Collector's: a counter named {@code otelcol_exporter_sent_spans} is exposed
 * as {@code otelcol_exporter_sent_spans_total}, as the Collector's Prometheus exporter does.
 */
public final class MetricRegistry {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private enum Type {
    COUNTER, GAUGE, HISTOGRAM
  }

  private record Family(String name, String help, Type type, Map<Labels, Object> series) {}

  /** Sorted label pairs; equal label sets are equal keys. */
  record Labels(String[] pairs) {
    static final Labels EMPTY = new Labels(new String[0]);

    static Labels of(String[] base, String[] extra) {
      if (extra.length % 2 != 0) {
        throw new IllegalArgumentException("labels must be name/value pairs: " + Arrays.toString(extra));
      }
      TreeMap<String, String> m = new TreeMap<>();
      for (String[] arr : new String[][] {base, extra}) {
        for (int i = 0; i < arr.length; i += 2) {
          if (!LABEL.matcher(arr[i]).matches()) {
            throw new IllegalArgumentException("invalid label name '" + arr[i] + "'");
          }
          m.put(arr[i], Objects.requireNonNull(arr[i + 1], arr[i]));
        }
      }
      String[] out = new String[m.size() * 2];
      int j = 0;
      for (var e : m.entrySet()) {
        out[j++] = e.getKey();
        out[j++] = e.getValue();
      }
      return new Labels(out);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Labels l && Arrays.equals(pairs, l.pairs);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(pairs);
    }
  }

  private static final class HistogramSeries implements Meter.Histogram {
    final double[] bounds;
    final LongAdder[] buckets;
    final DoubleAdder sum = new DoubleAdder();
    final LongAdder count = new LongAdder();

    HistogramSeries(double[] bounds) {
      this.bounds = bounds.clone();
      this.buckets = new LongAdder[bounds.length + 1];
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    @Override
    public void record(double value) {
      int i = Arrays.binarySearch(bounds, value);
      int idx = i >= 0 ? i : -i - 1;
      buckets[idx].increment();
      sum.add(value);
      count.increment();
    }
  }

  private final Map<String, Family> families = new ConcurrentHashMap<>();
  private final String[] constLabels;

  /** A registry whose every series carries {@code constLabels} (name/value pairs). */
  public MetricRegistry(String... constLabels) {
    this.constLabels = Labels.of(new String[0], constLabels).pairs();
  }

  /** The root meter; {@link Meter#withLabels} gives component meters. */
  public Meter meter() {
    return new RegistryMeter(constLabels);
  }

  private Family family(String name, String help, Type type) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + name + "'");
    }
    Family f = families.computeIfAbsent(name, n -> new Family(n, help, type, new ConcurrentHashMap<>()));
    if (f.type != type) {
      throw new IllegalArgumentException("metric '" + name + "' is already registered as a " + f.type);
    }
    return f;
  }

  private final class RegistryMeter implements Meter {
    private final String[] labels;

    RegistryMeter(String[] labels) {
      this.labels = labels;
    }

    @Override
    public Counter counter(String name, String description, String... extra) {
      Family f = family(name, description, Type.COUNTER);
      LongAdder a = (LongAdder) f.series.computeIfAbsent(Labels.of(labels, extra), l -> new LongAdder());
      return a::add;
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... extra) {
      Family f = family(name, description, Type.GAUGE);
      f.series.put(Labels.of(labels, extra), value);
    }

    @Override
    public Histogram histogram(String name, String description, double[] bounds, String... extra) {
      Family f = family(name, description, Type.HISTOGRAM);
      return (Histogram) f.series.computeIfAbsent(Labels.of(labels, extra), l -> new HistogramSeries(bounds));
    }

    @Override
    public Meter withLabels(String... extra) {
      return new RegistryMeter(Labels.of(labels, extra).pairs());
    }
  }

  /** Removes every series carrying {@code label=value} (a component that was shut down). */
  public void removeSeries(String label, String value) {
    for (Family f : families.values()) {
      f.series.keySet().removeIf(l -> {
        for (int i = 0; i < l.pairs.length; i += 2) {
          if (l.pairs[i].equals(label) && l.pairs[i + 1].equals(value)) {
            return true;
          }
        }
        return false;
      });
    }
  }

  /** The current value of a counter or gauge series, or NaN if absent; for tests and the status page. */
  public double value(String name, String... labels) {
    Family f = families.get(name);
    if (f == null) {
      return Double.NaN;
    }
    Labels want = Labels.of(constLabels, labels);
    Object s = f.series.get(want);
    return switch (s) {
      case null -> Double.NaN;
      case LongAdder a -> a.sum();
      case DoubleSupplier d -> d.getAsDouble();
      case HistogramSeries h -> h.count.sum();
      default -> Double.NaN;
    };
  }

  /** Renders every series in the Prometheus text exposition format 0.0.4. */
  public String renderPrometheusText() {
    StringBuilder sb = new StringBuilder(4096);
    List<Family> sorted = new ArrayList<>(families.values());
    sorted.sort((a, b) -> a.name.compareTo(b.name));
    for (Family f : sorted) {
      if (f.series.isEmpty()) {
        continue;
      }
      String exposed = f.type == Type.COUNTER ? f.name + "_total" : f.name;
      sb.append("# HELP ").append(exposed).append(' ').append(escapeHelp(f.help)).append('\n');
      sb.append("# TYPE ").append(exposed).append(' ')
          .append(f.type == Type.COUNTER ? "counter" : f.type == Type.GAUGE ? "gauge" : "histogram").append('\n');
      List<Map.Entry<Labels, Object>> series = new ArrayList<>(f.series.entrySet());
      series.sort((a, b) -> Arrays.compare(a.getKey().pairs, b.getKey().pairs));
      for (var e : series) {
        Labels l = e.getKey();
        switch (e.getValue()) {
          case LongAdder a -> line(sb, exposed, l, null, null, a.sum());
          case DoubleSupplier d -> {
            double v;
            try {
              v = d.getAsDouble();
            } catch (RuntimeException ex) {
              v = Double.NaN;
            }
            line(sb, exposed, l, null, null, v);
          }
          case HistogramSeries h -> {
            long cum = 0;
            for (int i = 0; i < h.buckets.length; i++) {
              cum += h.buckets[i].sum();
              String le = i < h.bounds.length ? formatDouble(h.bounds[i]) : "+Inf";
              line(sb, f.name + "_bucket", l, "le", le, cum);
            }
            line(sb, f.name + "_sum", l, null, null, h.sum.sum());
            line(sb, f.name + "_count", l, null, null, h.count.sum());
          }
          default -> {}
        }
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, Labels l, String extraName, String extraValue, double v) {
    sb.append(name);
    if (l.pairs.length > 0 || extraName != null) {
      sb.append('{');
      boolean first = true;
      for (int i = 0; i < l.pairs.length; i += 2) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(l.pairs[i]).append("=\"").append(escapeValue(l.pairs[i + 1])).append('"');
      }
      if (extraName != null) {
        if (!first) {
          sb.append(',');
        }
        sb.append(extraName).append("=\"").append(extraValue).append('"');
      }
      sb.append('}');
    }
    sb.append(' ').append(formatDouble(v)).append('\n');
  }

  static String formatDouble(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeValue(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
