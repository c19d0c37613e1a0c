package dev.signalbox.exporter.prometheus;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.translate.Family;
import dev.signalbox.sdk.prometheus.translate.FamilyType;
import dev.signalbox.sdk.prometheus.translate.SampleSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape's samples grouped into families, written as the Prometheus text format 0.0.4 or
 * OpenMetrics 1.0.
 *
 * <ul>
 *   <li>Families are written in name order, each once with its {@code # HELP} and {@code # TYPE}
 *       (and {@code # UNIT} in OpenMetrics when the family name ends with the unit, as OpenMetrics
 *       requires). When two metrics give one family name with different types, the first one seen
 *       is kept and the other's samples are left out (the specification: drop whole metrics rather
 *       than write conflicting TYPE lines); their number is reported by {@link #conflicts()}.
 *   <li>A series present twice (two resources with the same {@code job} and {@code instance}) is
 *       written once, with the later point.
 *   <li>OpenMetrics: counters are the family {@code <name>} with samples {@code <name>_total} (a
 *       counter whose name does not end with {@code _total}, with {@code add_metric_suffixes: false},
 *       is written as {@code unknown}); {@code target_info} is the info family {@code target};
 *       timestamps are in seconds; exemplars follow their sample: a counter's latest one, and on
 *       each histogram bucket the largest exemplar of that bucket, or when it has none the one
 *       carried from the bucket below (the specification's rule for pull exporters);
 *       {@code # EOF} ends the body.
 *   <li>Text format 0.0.4: types as written, {@code target_info} a gauge, timestamps in
 *       milliseconds, no exemplars.
 * </ul>
 * Not thread-safe: one per scrape.
 */
final class Exposition implements SampleSink {
  static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private record Row(List<Label> labels, double value, long timestampMillis, List<Exemplar> exemplars) {}

  private static final class Rows {
    final Family family;
    final Map<List<Label>, Row> rows = new LinkedHashMap<>();

    Rows(Family family) {
      this.family = family;
    }
  }

  private final Map<String, Rows> families = new TreeMap<>();
  private final List<String> conflicted = new ArrayList<>();
  private Family lastRejected;

  @Override
  public void sample(Family family, List<Label> labels, double value, long timestampMillis, List<Exemplar> exemplars) {
    if (family == lastRejected) {
      return;
    }
    Rows rows = families.get(family.name());
    if (rows == null) {
      rows = new Rows(family);
      families.put(family.name(), rows);
    } else if (rows.family.type() != family.type()) {
      lastRejected = family;
      conflicted.add(family.name() + " (" + family.type().openMetricsName() + " vs "
          + rows.family.type().openMetricsName() + ")");
      return;
    }
    Row old = rows.rows.get(labels);
    if (old == null || old.timestampMillis() <= timestampMillis) {
      rows.rows.put(labels, new Row(labels, value, timestampMillis, exemplars));
    }
  }

  /** The families left out because another metric gave the same name a different type. */
  List<String> conflicts() {
    return conflicted;
  }

  /** The body in the Prometheus text format 0.0.4. */
  byte[] text(boolean timestamps) {
    StringBuilder b = new StringBuilder(4096);
    for (Rows r : families.values()) {
      Family f = r.family;
      if (!f.help().isEmpty()) {
        b.append("# HELP ").append(f.name()).append(' ');
        escapeHelp(b, f.help());
        b.append('\n');
      }
      b.append("# TYPE ").append(f.name()).append(' ').append(f.type().textName()).append('\n');
      for (Row row : r.rows.values()) {
        series(b, row.labels());
        b.append(' ').append(value(row.value()));
        if (timestamps) {
          b.append(' ').append(row.timestampMillis());
        }
        b.append('\n');
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The body in OpenMetrics 1.0. */
  byte[] openMetrics(boolean timestamps) {
    StringBuilder b = new StringBuilder(4096);
    for (Rows r : families.values()) {
      Family f = r.family;
      String name = f.name();
      String type = f.type().openMetricsName();
      if (f.type() == FamilyType.COUNTER) {
        if (name.endsWith("_total")) {
          name = name.substring(0, name.length() - "_total".length());
        } else {
          type = "unknown";
        }
      } else if (f.type() == FamilyType.INFO) {
        if (name.endsWith("_info")) {
          name = name.substring(0, name.length() - "_info".length());
        } else {
          type = "gauge";
        }
      }
      b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      if (!f.unit().isEmpty() && name.endsWith("_" + f.unit())) {
        b.append("# UNIT ").append(name).append(' ').append(f.unit()).append('\n');
      }
      if (!f.help().isEmpty()) {
        b.append("# HELP ").append(name).append(' ');
        escapeLabelValue(b, f.help());
        b.append('\n');
      }
      Exemplar carried = null;
      for (Row row : r.rows.values()) {
        series(b, row.labels());
        b.append(' ').append(value(row.value()));
        if (timestamps) {
          b.append(' ').append(seconds(row.timestampMillis()));
        }
        Exemplar ex = null;
        if (f.type() == FamilyType.COUNTER && type.equals("counter")) {
          for (Exemplar e : row.exemplars()) {
            if (ex == null || e.timestampMillis() >= ex.timestampMillis()) {
              ex = e;
            }
          }
        } else if (f.type() == FamilyType.HISTOGRAM) {
          if (isBucket(row.labels(), f.name())) {
            for (Exemplar e : row.exemplars()) {
              if (ex == null || e.value() > ex.value()) {
                ex = e;
              }
            }
            if (ex == null) {
              ex = carried;
            }
            carried = ex;
          } else {
            carried = null; // _sum/_count start the next point
          }
        }
        if (ex != null) {
          b.append(" # ");
          labels(b, ex.labels(), false);
          b.append(' ').append(value(ex.value()));
          if (ex.timestampMillis() != 0) {
            b.append(' ').append(seconds(ex.timestampMillis()));
          }
        }
        b.append('\n');
      }
    }
    b.append("# EOF\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isBucket(List<Label> labels, String family) {
    for (Label l : labels) {
      if (l.name().equals("__name__")) {
        return l.value().length() == family.length() + "_bucket".length() && l.value().endsWith("_bucket");
      }
    }
    return false;
  }

  /** {@code name{a="b",...}} from labels that include {@code __name__}. */
  private static void series(StringBuilder b, List<Label> labels) {
    String name = "";
    for (Label l : labels) {
      if (l.name().equals("__name__")) {
        name = l.value();
        break;
      }
    }
    b.append(name);
    if (labels.size() > 1) {
      labels(b, labels, true);
    }
  }

  private static void labels(StringBuilder b, List<Label> labels, boolean skipName) {
    b.append('{');
    boolean first = true;
    for (Label l : labels) {
      if (skipName && l.name().equals("__name__")) {
        continue;
      }
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append(l.name()).append("=\"");
      escapeLabelValue(b, l.value());
      b.append('"');
    }
    b.append('}');
  }

  private static void escapeLabelValue(StringBuilder b, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
  }

  private static void escapeHelp(StringBuilder b, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
  }

  /** A sample value: integers without a fraction, {@code +Inf}, {@code -Inf}, {@code NaN}. */
  static String value(double v) {
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

  /** Milliseconds as seconds with three decimals. */
  static String seconds(long millis) {
    long s = Math.floorDiv(millis, 1000);
    long ms = Math.floorMod(millis, 1000);
    return s + "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms;
  }
}
