package dev.signalbox.exporter.loki;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ScopeLogs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Log records to Loki streams, as the Collector's {@code pkg/translator/loki} does: labels from the
 * default labels and the {@code loki.*} hints, the line in the format a {@code loki.format} hint
 * asks for, one request per tenant. See the package comment for every rule. Thread-safe.
 */
final class LogsToLoki {
  static final String HINT_ATTRIBUTES = "loki.attribute.labels";
  static final String HINT_RESOURCES = "loki.resource.labels";
  static final String HINT_TENANT = "loki.tenant";
  static final String HINT_FORMAT = "loki.format";
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String[] LEVELS = {"UNSPECIFIED", "TRACE", "TRACE2", "TRACE3", "TRACE4", "DEBUG", "DEBUG2",
      "DEBUG3", "DEBUG4", "INFO", "INFO2", "INFO3", "INFO4", "WARN", "WARN2", "WARN3", "WARN4", "ERROR", "ERROR2",
      "ERROR3", "ERROR4", "FATAL", "FATAL2", "FATAL3", "FATAL4"};

  /** One log line: nanoseconds since the epoch and the text. */
  record Entry(long timeNanos, String line) {}

  /** A stream: its labels (sorted by name) in Prometheus syntax, and its entries sorted by time. */
  record Stream(String labels, Map<String, String> labelMap, List<Entry> entries) {}

  /** The streams of one tenant ({@code ""}: no X-Scope-OrgID), and how many records they hold. */
  record Request(String tenant, List<Stream> streams, int records) {}

  /** The requests, by tenant in order of first appearance, and the records that could not be converted. */
  record Result(List<Request> requests, int dropped, String firstProblem) {}

  private final LokiExporterConfig config;
  private final Clock clock;

  LogsToLoki(LokiExporterConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  Result translate(Logs logs) {
    Map<String, Map<String, Stream>> byTenant = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    int dropped = 0;
    String problem = null;
    for (ResourceLogs rl : logs.resourceLogs()) {
      for (ScopeLogs sl : rl.scopeLogs()) {
        for (LogRecord r : sl.logRecords()) {
          Map<String, AnyValue> attrs = r.attributes().asMap();
          Map<String, AnyValue> res = rl.resource().attributes().asMap();
          String tenant = tenant(attrs, res);
          if (tenant.isEmpty()) {
            tenant = config.tenantId();
          }
          if (config.labelEnabled("level") && r.severityNumberValue() != 0) {
            addLevel(attrs, r.severityNumberValue());
          }
          String format = format(attrs, res);
          Map<String, String> labels = labels(attrs, res);
          attrs.keySet().removeIf(k -> isHint(k) || labels.containsKey(k));
          res.keySet().removeIf(k -> isHint(k) || labels.containsKey(k));
          String line = switch (format) {
            case "json" -> jsonLine(r, attrs, res, sl.scope());
            case "logfmt" -> LogfmtLine.of(r, attrs, res, sl.scope());
            case "raw" -> r.body().asString();
            default -> null;
          };
          if (line == null) {
            dropped++;
            problem = problem != null ? problem : "invalid format " + format + ". Expected one of: json, logfmt, raw";
            continue;
          }
          Map<String, String> normalized = new TreeMap<>();
          labels.forEach((k, v) -> normalized.put(normalizeLabel(k), v));
          String labelText = labelText(normalized);
          long t = r.timeUnixNano() != 0 ? r.timeUnixNano() : r.observedTimeUnixNano() != 0
              ? r.observedTimeUnixNano() : clock.millis() * 1_000_000L;
          byTenant.computeIfAbsent(tenant, k -> new LinkedHashMap<>())
              .computeIfAbsent(labelText, k -> new Stream(labelText, normalized, new ArrayList<>()))
              .entries().add(new Entry(t, line));
          counts.merge(tenant, 1, Integer::sum);
        }
      }
    }
    List<Request> requests = new ArrayList<>();
    for (var e : byTenant.entrySet()) {
      List<Stream> streams = new ArrayList<>(e.getValue().values());
      streams.sort(Comparator.comparing(Stream::labels));
      for (Stream s : streams) {
        s.entries().sort(Comparator.comparingLong(Entry::timeNanos)); // stable: equal times keep their order
      }
      requests.add(new Request(e.getKey(), streams, counts.get(e.getKey())));
    }
    return new Result(requests, dropped, problem);
  }

  private static boolean isHint(String k) {
    return k.equals(HINT_ATTRIBUTES) || k.equals(HINT_RESOURCES) || k.equals(HINT_TENANT) || k.equals(HINT_FORMAT);
  }

  /** The attribute named by the {@code loki.tenant} hint (resource first), or empty. */
  static String tenant(Map<String, AnyValue> attrs, Map<String, AnyValue> res) {
    AnyValue hint = res.get(HINT_TENANT);
    if (hint == null) {
      hint = attrs.get(HINT_TENANT);
    }
    if (hint == null) {
      return "";
    }
    AnyValue v = res.get(hint.asString());
    if (v == null) {
      v = attrs.get(hint.asString());
    }
    return v == null ? "" : v.asString();
  }

  /** Adds {@code level} to the attribute-labels hint, and the level attribute unless there is one. */
  static void addLevel(Map<String, AnyValue> attrs, int severity) {
    AnyValue hint = attrs.get(HINT_ATTRIBUTES);
    if (hint == null) {
      attrs.put(HINT_ATTRIBUTES, AnyValue.of("level"));
    } else if (hint instanceof AnyValue.ArrayValue a) {
      List<AnyValue> l = new ArrayList<>(a.values());
      l.add(AnyValue.of("level"));
      attrs.put(HINT_ATTRIBUTES, AnyValue.ofArray(l));
    } else if (hint instanceof AnyValue.StringValue s) {
      attrs.put(HINT_ATTRIBUTES, AnyValue.of(s.value() + ",level"));
    }
    if (!attrs.containsKey("level")) {
      attrs.put("level", AnyValue.of(severity > 0 && severity < LEVELS.length ? LEVELS[severity] : ""));
    }
  }

  private static String format(Map<String, AnyValue> attrs, Map<String, AnyValue> res) {
    AnyValue f = res.get(HINT_FORMAT);
    if (f == null) {
      f = attrs.get(HINT_FORMAT);
    }
    return f == null ? "json" : f.asString();
  }

  /** The labels before normalization, merged in the Collector's order (later wins). */
  private Map<String, String> labels(Map<String, AnyValue> attrs, Map<String, AnyValue> res) {
    Map<String, String> out = new LinkedHashMap<>();
    if (config.labelEnabled("exporter")) {
      out.put("exporter", "OTLP");
    }
    if (config.labelEnabled("job")) {
      AnyValue name = res.get("service.name");
      if (name != null) {
        AnyValue ns = res.get("service.namespace");
        out.put("job", ns != null ? ns.asString() + "/" + name.asString() : name.asString());
      }
    }
    if (config.labelEnabled("instance")) {
      AnyValue id = res.get("service.instance.id");
      if (id != null) {
        out.put("instance", id.asString());
      }
    }
    if (res.containsKey(HINT_RESOURCES)) {
      select(res, res.get(HINT_RESOURCES), out);
    }
    if (attrs.containsKey(HINT_RESOURCES)) {
      select(res, attrs.get(HINT_RESOURCES), out);
    }
    if (attrs.containsKey(HINT_ATTRIBUTES)) {
      select(attrs, attrs.get(HINT_ATTRIBUTES), out);
    }
    if (res.containsKey(HINT_TENANT)) {
      select(res, res.get(HINT_TENANT), out);
    } else if (attrs.containsKey(HINT_TENANT)) {
      select(attrs, attrs.get(HINT_TENANT), out);
    }
    return out;
  }

  /** The attributes a hint names (comma-separated string or list), nested names through maps. */
  private static void select(Map<String, AnyValue> from, AnyValue names, Map<String, String> out) {
    List<String> list = new ArrayList<>();
    switch (names) {
      case AnyValue.StringValue s -> list.addAll(List.of(s.value().split(",", -1)));
      case AnyValue.ArrayValue a -> a.values().forEach(v -> list.add(v.asString()));
      default -> list.add(names.asString());
    }
    for (String n : list) {
      String name = n.strip();
      AnyValue v = from.get(name);
      if (v == null) {
        v = nested(name, from);
      }
      if (v != null) {
        out.put(name, v.asString());
      }
    }
  }

  private static AnyValue nested(String name, Map<String, AnyValue> from) {
    int dot = name.indexOf('.');
    String left = dot < 0 ? name : name.substring(0, dot);
    AnyValue v = from.get(left);
    if (v == null || dot < 0) {
      return v;
    }
    if (!(v instanceof AnyValue.KvListValue kv)) {
      return null;
    }
    Map<String, AnyValue> m = new LinkedHashMap<>();
    kv.values().forEach(x -> m.putIfAbsent(x.key(), x.value()));
    return nested(name.substring(dot + 1), m);
  }

  /** Prometheus label name rules: non-alphanumerics become {@code _}; a leading digit gets {@code key_}. */
  static String normalizeLabel(String label) {
    if (label.isEmpty()) {
      return label;
    }
    StringBuilder sb = new StringBuilder(label.length() + 4);
    label.codePoints().forEach(c -> sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_'
        ? Character.toString(c) : "_"));
    String s = sb.toString();
    if (Character.isDigit(s.charAt(0))) {
      return "key_" + s;
    }
    if (s.startsWith("_") && !s.startsWith("__")) {
      return "key" + s;
    }
    return s;
  }

  /** {@code {a="x", b="y"}}, as Prometheus' {@code LabelSet.String()} (Go-quoted values). */
  static String labelText(Map<String, String> sorted) {
    StringBuilder sb = new StringBuilder("{");
    for (var e : sorted.entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append('=');
      goQuote(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  /** Go's {@code strconv.Quote}. */
  static void goQuote(StringBuilder sb, String s) {
    sb.append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
            sb.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    sb.append('"');
  }

  /**
   * The Collector's JSON line: {@code body}, {@code traceid}, {@code spanid}, {@code severity},
   * {@code flags}, {@code attributes}, {@code resources}, {@code instrumentation_scope}, each left
   * out when empty; maps with sorted keys.
   */
  static String jsonLine(LogRecord r, Map<String, AnyValue> attrs, Map<String, AnyValue> res,
      InstrumentationScope scope) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      if (!(r.body() instanceof AnyValue.EmptyValue)) {
        g.writeName("body");
        writeRaw(g, r.body());
      }
      if (r.traceId().isValid()) {
        g.writeName("traceid");
        g.writeString(r.traceId().toHex());
      }
      if (r.spanId() != 0) {
        g.writeName("spanid");
        g.writeString(Ids.hex16(r.spanId()));
      }
      if (!r.severityText().isEmpty()) {
        g.writeName("severity");
        g.writeString(r.severityText());
      }
      if (r.flags() != 0) {
        g.writeName("flags");
        g.writeNumber(Integer.toUnsignedLong(r.flags()));
      }
      if (!attrs.isEmpty()) {
        g.writeName("attributes");
        writeMap(g, attrs);
      }
      if (!res.isEmpty()) {
        g.writeName("resources");
        writeMap(g, res);
      }
      if (!scope.name().isEmpty()) {
        g.writeName("instrumentation_scope");
        g.writeStartObject();
        g.writeName("name");
        g.writeString(scope.name());
        if (!scope.version().isEmpty()) {
          g.writeName("version");
          g.writeString(scope.version());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void writeMap(JsonGenerator g, Map<String, AnyValue> m) {
    g.writeStartObject();
    for (var e : new TreeMap<>(m).entrySet()) {
      g.writeName(e.getKey());
      writeRaw(g, e.getValue());
    }
    g.writeEndObject();
  }

  /** A value as Go's encoding/json writes pdata's {@code AsRaw()}. */
  static void writeRaw(JsonGenerator g, AnyValue v) {
    switch (v) {
      case AnyValue.StringValue s -> g.writeString(s.value());
      case AnyValue.IntValue i -> g.writeNumber(i.value());
      case AnyValue.DoubleValue d -> {
        double x = d.value();
        if (!Double.isFinite(x)) {
          g.writeNull(); // Go refuses NaN/Inf; the Collector then drops the record
        } else if (x == Math.rint(x) && Math.abs(x) < 1e21) {
          g.writeNumber(new java.math.BigDecimal(x).toBigInteger());
        } else {
          g.writeNumber(x);
        }
      }
      case AnyValue.BoolValue b -> g.writeBoolean(b.value());
      case AnyValue.BytesValue b -> g.writeString(Base64.getEncoder().encodeToString(b.value()));
      case AnyValue.ArrayValue a -> {
        g.writeStartArray();
        a.values().forEach(x -> writeRaw(g, x));
        g.writeEndArray();
      }
      case AnyValue.KvListValue kv -> {
        Map<String, AnyValue> m = new LinkedHashMap<>();
        for (KeyValue x : kv.values()) {
          m.putIfAbsent(x.key(), x.value());
        }
        writeMap(g, m);
      }
      case AnyValue.EmptyValue e -> g.writeNull();
    }
  }
}
