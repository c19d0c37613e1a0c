package dev.signalbox.sdk.prometheus.translate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry names to Prometheus names, as the specification's "OTLP Metric points to
 * Prometheus" section says (compatibility/prometheus_and_openmetrics.md), with the unit tables and
 * token rules of the Prometheus OTLP translator (the code Prometheus itself uses to ingest OTLP, and
 * the Collector's exporters): so that a metric written through Signalbox has the name Prometheus
 * would give it.
 *
 * <h2>Metric names</h2>
 * <ol>
 *   <li>The OTel name is split into tokens at every character outside {@code [a-zA-Z0-9:]}, so
 *       invalid characters become {@code _} and runs of {@code _} collapse to one
 *       ({@code http.server.request.duration} → {@code http_server_request_duration}).
 *   <li>With suffixes on ({@code add_metric_suffixes: true}, the default):
 *     <ul>
 *       <li>the unit is converted: the part before {@code /} through {@link #unitWord} ({@code s} →
 *           {@code seconds}, {@code By} → {@code bytes}, {@code 1} → nothing, others kept and
 *           cleaned), the part after {@code /} through {@link #perUnitWord} and prefixed
 *           {@code per_} ({@code By/s} → {@code bytes_per_second}); a part containing {@code {}}
 *           (an annotation such as {@code {packet}}) is dropped;
 *       <li>each unit part is appended unless the name already has it as a token;
 *       <li>monotonic counters get {@code _total} (moved to the end if the name already has a
 *           {@code total} token); gauges with unit {@code 1} get {@code _ratio}.
 *     </ul>
 *   <li>The namespace, if any, is prepended with {@code _}; a name starting with a digit gets a
 *       leading {@code _}.
 * </ol>
 *
 * <h2>Label names</h2>
 * Characters outside {@code [a-zA-Z0-9_]} become {@code _}, runs of {@code _} collapse to one (the
 * specification's rule; the Collector keeps runs), a name starting with a digit gets {@code key_}
 * and one starting with a single {@code _} gets {@code key} (so user attributes never make labels
 * reserved for Prometheus, which start with {@code __}). Non-ASCII letters become {@code _}: they
 * are not valid label names for Prometheus 2.
 *
 * <p>Thread-safe; results are cached (bounded).
 */
public final class PrometheusNaming {
  private static final int CACHE_LIMIT = 8192;
  private static final Map<String, String> LABEL_CACHE = new ConcurrentHashMap<>();

  private PrometheusNaming() {}

  /** The Prometheus word for an OTel unit (UCUM, case-sensitive), or null when it has none. */
  static String unitWord(String unit) {
    return switch (unit) {
      case "d" -> "days";
      case "h" -> "hours";
      case "min" -> "minutes";
      case "s" -> "seconds";
      case "ms" -> "milliseconds";
      case "us" -> "microseconds";
      case "ns" -> "nanoseconds";
      case "By" -> "bytes";
      case "KiBy" -> "kibibytes";
      case "MiBy" -> "mebibytes";
      case "GiBy" -> "gibibytes";
      case "TiBy" -> "tibibytes";
      case "KBy" -> "kilobytes";
      case "MBy" -> "megabytes";
      case "GBy" -> "gigabytes";
      case "TBy" -> "terabytes";
      case "m" -> "meters";
      case "V" -> "volts";
      case "A" -> "amperes";
      case "J" -> "joules";
      case "W" -> "watts";
      case "g" -> "grams";
      case "Cel" -> "celsius";
      case "Hz" -> "hertz";
      case "1" -> "";
      case "%" -> "percent";
      default -> null;
    };
  }

  /** The Prometheus word for the denominator of an OTel unit ({@code s} in {@code By/s}), or null. */
  static String perUnitWord(String unit) {
    return switch (unit) {
      case "s" -> "second";
      case "m" -> "minute";
      case "h" -> "hour";
      case "d" -> "day";
      case "w" -> "week";
      case "mo" -> "month";
      case "y" -> "year";
      default -> null;
    };
  }

  /**
   * The unit as Prometheus writes it (UNIT metadata, name suffix): {@code ms} → {@code milliseconds},
   * {@code By/s} → {@code bytes_per_second}, {@code {packet}} → empty, {@code 1} → empty.
   */
  public static String prometheusUnit(String unit) {
    String[] parts = unitParts(unit);
    if (parts[0].isEmpty()) {
      return parts[1];
    }
    return parts[1].isEmpty() ? parts[0] : parts[0] + "_" + parts[1];
  }

  /** [main unit word, "per_" + per unit word], each cleaned, either possibly empty. */
  private static String[] unitParts(String unit) {
    String main = "";
    String per = "";
    if (unit == null || unit.isEmpty()) {
      return new String[] {main, per};
    }
    int slash = unit.indexOf('/');
    String mainOtel = (slash < 0 ? unit : unit.substring(0, slash)).strip();
    if (!mainOtel.isEmpty() && mainOtel.indexOf('{') < 0 && mainOtel.indexOf('}') < 0) {
      String w = unitWord(mainOtel);
      main = cleanUnit(w != null ? w : mainOtel);
    }
    if (slash >= 0) {
      String perOtel = unit.substring(slash + 1).strip();
      if (!perOtel.isEmpty() && perOtel.indexOf('{') < 0 && perOtel.indexOf('}') < 0) {
        String w = perUnitWord(perOtel);
        String cleaned = cleanUnit(w != null ? w : perOtel);
        if (!cleaned.isEmpty()) {
          per = "per_" + cleaned;
        }
      }
    }
    return new String[] {trimUnderscores(main), trimUnderscores(per)};
  }

  /** Invalid characters to {@code _}, runs of {@code _} collapsed, no leading {@code _}. */
  private static String cleanUnit(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char o = isMetricChar(c) ? c : '_';
      if (o == '_' && (b.isEmpty() || b.charAt(b.length() - 1) == '_')) {
        continue;
      }
      b.append(o);
    }
    return b.toString();
  }

  private static String trimUnderscores(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '_') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '_') {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code [a-zA-Z0-9:]}: characters kept inside metric name tokens. */
  private static boolean isMetricChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
  }

  /** Splits at every character outside {@code [a-zA-Z0-9:]}, dropping empty tokens. */
  static List<String> tokens(String name) {
    List<String> out = new ArrayList<>(6);
    int start = -1;
    for (int i = 0; i < name.length(); i++) {
      if (isMetricChar(name.charAt(i))) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.add(name.substring(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(name.substring(start));
    }
    return out;
  }

  /**
   * The Prometheus metric name of an OTel metric; see the class comment.
   *
   * @param name the OTel metric name
   * @param unit the OTel unit (UCUM), may be empty
   * @param kind how the metric is exported: {@link FamilyType#COUNTER} gets {@code _total},
   *     {@link FamilyType#GAUGE} from an OTel gauge with unit {@code 1} gets {@code _ratio} (pass
   *     {@code otelGauge})
   * @param otelGauge whether the OTel metric is a Gauge (not a non-monotonic sum)
   * @param namespace prepended with {@code _} when not empty (already a valid name)
   * @param addSuffixes whether unit and type suffixes are added
   */
  public static String metricName(String name, String unit, FamilyType kind, boolean otelGauge, String namespace,
      boolean addSuffixes) {
    List<String> tokens = tokens(name);
    if (addSuffixes) {
      String[] parts = unitParts(unit);
      String main = parts[0];
      String per = parts[1];
      if (tokens.contains(main)) {
        main = "";
      }
      if (tokens.contains(per)) {
        per = "";
      }
      if (!main.isEmpty()) {
        tokens.add(main);
      }
      if (!per.isEmpty()) {
        tokens.add(per);
      }
      if (kind == FamilyType.COUNTER) {
        tokens.removeIf("total"::equals);
        tokens.add("total");
      }
      if (otelGauge && "1".equals(unit)) {
        tokens.removeIf("ratio"::equals);
        tokens.add("ratio");
      }
    }
    StringBuilder b = new StringBuilder(name.length() + 16);
    if (namespace != null && !namespace.isEmpty()) {
      b.append(namespace).append('_');
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        b.append('_');
      }
      b.append(tokens.get(i));
    }
    if (!b.isEmpty() && b.charAt(0) >= '0' && b.charAt(0) <= '9') {
      b.insert(0, '_');
    }
    return b.toString();
  }

  /**
   * A valid metric name made of {@code s}: tokens of {@code [a-zA-Z0-9:]} joined with {@code _}, a
   * leading {@code _} if it starts with a digit. Used for namespaces.
   */
  public static String sanitizeMetricName(String s) {
    return metricName(s, "", FamilyType.GAUGE, false, "", false);
  }

  /** The Prometheus label name of an attribute key; see the class comment. Empty for an empty key. */
  public static String labelName(String key) {
    if (isPlainLabelName(key)) {
      return key; // the common case (keys that came from Prometheus labels): nothing to change, no lookup
    }
    String cached = LABEL_CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    String v = computeLabelName(key);
    if (LABEL_CACHE.size() < CACHE_LIMIT) {
      LABEL_CACHE.put(key, v);
    }
    return v;
  }

  /**
   * Whether {@link #computeLabelName} would return {@code key} itself: it starts with an ASCII
   * letter and has only ASCII letters, digits and single underscores.
   */
  static boolean isPlainLabelName(String key) {
    int n = key.length();
    if (n == 0) {
      return false;
    }
    char prev = key.charAt(0);
    if (!((prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z'))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = key.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (c != '_' || prev == '_')) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  static String computeLabelName(String key) {
    if (key.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (ok) {
        b.append(c);
      } else if (b.isEmpty() || b.charAt(b.length() - 1) != '_') {
        b.append('_');
      }
      if (Character.isHighSurrogate(c) && i + 1 < key.length()) {
        i++; // one code point, one underscore
      }
    }
    char first = b.charAt(0);
    if (first >= '0' && first <= '9') {
      b.insert(0, "key_");
    } else if (first == '_') {
      b.insert(0, "key");
    }
    return b.toString();
  }

  /**
   * A label name kept as written when it is already valid ({@code [a-zA-Z_][a-zA-Z0-9_]*}, which
   * allows reserved {@code __} names for external labels, as the Collector does); else
   * {@link #labelName}.
   */
  public static String externalLabelName(String key) {
    return isValidLabelName(key) ? key : labelName(key);
  }

  /** Whether {@code s} matches {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  public static boolean isValidLabelName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} matches {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  public static boolean isValidMetricName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
          || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A bound or quantile as the {@code le} / {@code quantile} label value: the shortest decimal that
   * reads back as {@code v}, without an exponent ({@code 0.005}, {@code 1}, {@code 1000000}), and
   * {@code +Inf}, {@code -Inf}, {@code NaN}; as Go's {@code FormatFloat(v, 'f', -1, 64)}, which the
   * Collector and Prometheus' OTLP translator use.
   */
  public static String formatBound(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
