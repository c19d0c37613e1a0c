package dev.signalbox.exporter.splunkhec;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.ExponentialHistogram;
import dev.signalbox.pdata.Gauge;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.SpanLink;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Summary;
import dev.signalbox.pdata.SummaryDataPoint;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Telemetry as Splunk HEC events, as the Collector's splunkhecexporter builds them: one JSON object
 * {@code {"time":<epoch seconds with milliseconds>,"host":..,"source":..,"sourcetype":..,"index":..,
 * "event":..,"fields":{..}}} per log record, per span, and per metric value (a histogram point
 * gives a sum, a count and one event per bucket). Thread-safe.
 */
final class HecEvents {
  static final String TOKEN_ATTRIBUTE = "com.splunk.hec.access_token";
  static final String UNKNOWN_HOST = "unknown";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * One event: its JSON, the item (record, span, data point) it belongs to, and the token it is
   * sent with (a resource's {@code com.splunk.hec.access_token}, else the configured token).
   */
  record Event(String token, int item, byte[] json) {}

  /** The events, and the items that cannot be sent with why. */
  record Result(List<Event> events, int items, List<Integer> dropped, String firstProblem) {}

  private final SplunkHecExporterConfig config;
  private final String defaultToken;

  HecEvents(SplunkHecExporterConfig config) {
    this.config = config;
    this.defaultToken = config.token().reveal();
  }

  /** HEC metadata of a resource or record: overrides of the configured values. */
  private final class Meta {
    String host = UNKNOWN_HOST;
    String source = config.source();
    String sourcetype = config.sourcetype();
    String index = config.index();

    /** Applies one attribute; true when it was a metadata attribute (not a field). */
    boolean apply(String key, AnyValue v) {
      var m = config.hecMetadataToOtelAttrs();
      if (key.equals(m.host())) {
        host = v.asString();
      } else if (key.equals(m.source())) {
        source = v.asString();
      } else if (key.equals(m.sourcetype())) {
        sourcetype = v.asString();
      } else if (key.equals(m.index())) {
        index = v.asString();
      } else {
        return key.equals(TOKEN_ATTRIBUTE);
      }
      return true;
    }

    Meta copy() {
      Meta c = new Meta();
      c.host = host;
      c.source = source;
      c.sourcetype = sourcetype;
      c.index = index;
      return c;
    }
  }

  private String token(Resource r) {
    AnyValue t = r.attributes().get(TOKEN_ATTRIBUTE);
    return t == null || t.asString().isEmpty() ? defaultToken : t.asString();
  }

  // ---- logs ---------------------------------------------------------------------------------------

  Result logs(Logs logs) {
    List<Event> out = new ArrayList<>();
    List<Integer> dropped = new ArrayList<>();
    String problem = null;
    int item = 0;
    for (ResourceLogs rl : logs.resourceLogs()) {
      String token = token(rl.resource());
      for (ScopeLogs sl : rl.scopeLogs()) {
        for (LogRecord r : sl.logRecords()) {
          AnyValue body = r.body();
          if (body instanceof AnyValue.EmptyValue || body instanceof AnyValue.StringValue s && s.value().isEmpty()) {
            dropped.add(item++);
            problem = problem != null ? problem : "log records with an empty body cannot be sent to HEC";
            continue;
          }
          Meta meta = new Meta();
          Map<String, Object> fields = new LinkedHashMap<>();
          if (r.spanId() != 0) {
            fields.put("span_id", Ids.hex16(r.spanId()));
          }
          if (r.traceId().isValid()) {
            fields.put("trace_id", r.traceId().toHex());
          }
          if (!r.severityText().isEmpty()) {
            fields.put(config.otelToHecFields().severityText(), r.severityText());
          }
          if (r.severityNumberValue() != 0) {
            fields.put(config.otelToHecFields().severityNumber(), (long) r.severityNumberValue());
          }
          merge(rl.resource().attributes(), meta, fields);
          merge(r.attributes(), meta, fields);
          out.add(new Event(token, item++, event(millisTime(r.timeUnixNano()), meta, body, fields)));
        }
      }
    }
    return new Result(out, item, dropped, problem);
  }

  /** Log attributes into fields as the Collector's {@code mergeValue}: maps flattened, nested lists as JSON. */
  private static void merge(Attributes attrs, Meta meta, Map<String, Object> fields) {
    for (int i = 0; i < attrs.size(); i++) {
      String k = attrs.key(i);
      AnyValue v = attrs.value(i);
      if (!meta.apply(k, v)) {
        mergeValue(fields, k, v);
      }
    }
  }

  private static void mergeValue(Map<String, Object> fields, String key, AnyValue v) {
    switch (v) {
      case AnyValue.KvListValue kv -> {
        for (KeyValue x : kv.values()) {
          mergeValue(fields, key + "." + x.key(), x.value());
        }
      }
      case AnyValue.ArrayValue a -> {
        boolean flat = a.values().stream().noneMatch(x -> x instanceof AnyValue.ArrayValue
            || x instanceof AnyValue.KvListValue);
        fields.put(key, flat ? v : new RawJson(jsonOf(v)));
      }
      default -> fields.put(key, v);
    }
  }

  /** A value that is already JSON text, written as a string (the Collector's nested lists). */
  private record RawJson(String text) {}

  // ---- spans --------------------------------------------------------------------------------------

  Result traces(dev.signalbox.pdata.Traces traces) {
    List<Event> out = new ArrayList<>();
    int item = 0;
    for (ResourceSpans rs : traces.resourceSpans()) {
      String token = token(rs.resource());
      Meta meta = new Meta();
      Map<String, Object> common = commonFields(rs.resource(), meta);
      for (ScopeSpans ss : rs.scopeSpans()) {
        for (Span s : ss.spans()) {
          out.add(new Event(token, item++, spanEvent(s, meta, common)));
        }
      }
    }
    return new Result(out, item, List.of(), null);
  }

  /** Resource attributes as string fields (metrics and spans), the metadata ones applied to {@code meta}. */
  private static Map<String, Object> commonFields(Resource r, Meta meta) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Attributes a = r.attributes();
    for (int i = 0; i < a.size(); i++) {
      if (!meta.apply(a.key(i), a.value(i))) {
        fields.put(a.key(i), a.value(i).asString());
      }
    }
    return fields;
  }

  private byte[] spanEvent(Span s, Meta meta, Map<String, Object> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      head(g, millisTime(s.startTimeUnixNano()), meta);
      g.writeName("event");
      g.writeStartObject();
      g.writeName("trace_id");
      g.writeString(s.traceId().isValid() ? s.traceId().toHex() : "");
      g.writeName("span_id");
      g.writeString(s.spanId() == 0 ? "" : Ids.hex16(s.spanId()));
      g.writeName("parent_span_id");
      g.writeString(s.parentSpanId() == 0 ? "" : Ids.hex16(s.parentSpanId()));
      g.writeName("name");
      g.writeString(s.name());
      if (!s.attributes().isEmpty()) {
        g.writeName("attributes");
        writeMap(g, s.attributes().asList());
      }
      g.writeName("end_time");
      g.writeNumber(Long.toUnsignedString(s.endTimeUnixNano()));
      g.writeName("kind");
      g.writeString(kind(s.kindNumber()));
      g.writeName("status");
      g.writeStartObject();
      g.writeName("message");
      g.writeString(s.statusMessage());
      g.writeName("code");
      g.writeString(switch (s.statusCode()) {
        case OK -> "STATUS_CODE_OK";
        case ERROR -> "STATUS_CODE_ERROR";
        default -> "STATUS_CODE_UNSET";
      });
      g.writeEndObject();
      g.writeName("start_time");
      g.writeNumber(Long.toUnsignedString(s.startTimeUnixNano()));
      if (s.hasEvents()) {
        g.writeName("events");
        g.writeStartArray();
        for (SpanEvent e : s.events()) {
          g.writeStartObject();
          if (!e.attributes().isEmpty()) {
            g.writeName("attributes");
            writeMap(g, e.attributes().asList());
          }
          g.writeName("name");
          g.writeString(e.name());
          g.writeName("time");
          g.writeNumber(Long.toUnsignedString(e.timeUnixNano()));
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (s.hasLinks()) {
        g.writeName("links");
        g.writeStartArray();
        for (SpanLink l : s.links()) {
          g.writeStartObject();
          if (!l.attributes().isEmpty()) {
            g.writeName("attributes");
            writeMap(g, l.attributes().asList());
          }
          g.writeName("trace_id");
          g.writeString(l.traceId().isValid() ? l.traceId().toHex() : "");
          g.writeName("span_id");
          g.writeString(l.spanId() == 0 ? "" : Ids.hex16(l.spanId()));
          g.writeName("trace_state");
          g.writeString(l.traceState());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      writeFields(g, fields);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  static String kind(int k) {
    return switch (k) {
      case 1 -> "SPAN_KIND_INTERNAL";
      case 2 -> "SPAN_KIND_SERVER";
      case 3 -> "SPAN_KIND_CLIENT";
      case 4 -> "SPAN_KIND_PRODUCER";
      case 5 -> "SPAN_KIND_CONSUMER";
      default -> "SPAN_KIND_UNSPECIFIED";
    };
  }

  // ---- metrics ------------------------------------------------------------------------------------

  Result metrics(Metrics metrics) {
    List<Event> out = new ArrayList<>();
    List<Integer> dropped = new ArrayList<>();
    String problem = null;
    int item = 0;
    for (ResourceMetrics rm : metrics.resourceMetrics()) {
      String token = token(rm.resource());
      Meta meta = new Meta();
      Map<String, Object> common = commonFields(rm.resource(), meta);
      for (ScopeMetrics sm : rm.scopeMetrics()) {
        for (Metric m : sm.metrics()) {
          String name = "metric_name:" + m.name();
          switch (m.data()) {
            case Gauge gauge -> {
              for (NumberDataPoint p : gauge.dataPoints()) {
                if (!number(out, token, item++, p, name, "Gauge", meta, common)) {
                  dropped.add(item - 1);
                  problem = problem != null ? problem : "a NaN or infinite value cannot be a HEC metric (" + m.name() + ")";
                }
              }
            }
            case Sum sum -> {
              for (NumberDataPoint p : sum.dataPoints()) {
                if (!number(out, token, item++, p, name, "Sum", meta, common)) {
                  dropped.add(item - 1);
                  problem = problem != null ? problem : "a NaN or infinite value cannot be a HEC metric (" + m.name() + ")";
                }
              }
            }
            case Histogram h -> {
              for (HistogramDataPoint p : h.dataPoints()) {
                histogram(out, token, item++, p, name, meta, common);
              }
            }
            case Summary s -> {
              for (SummaryDataPoint p : s.dataPoints()) {
                summary(out, token, item++, p, name, meta, common);
              }
            }
            case ExponentialHistogram e -> {
              for (int i = 0; i < e.dataPoints().size(); i++) {
                dropped.add(item++);
              }
              problem = problem != null ? problem : "exponential histograms cannot be sent to HEC (metric "
                  + m.name() + ")";
            }
            default -> { }
          }
        }
      }
    }
    return new Result(out, item, dropped, problem);
  }

  /** One event for a gauge or sum point; false (nothing written) for a NaN or infinite value. */
  private boolean number(List<Event> out, String token, int item, NumberDataPoint p, String name, String type,
      Meta meta, Map<String, Object> common) {
    if (p.valueKind() == dev.signalbox.pdata.NumberKind.DOUBLE && !Double.isFinite(p.doubleValue())) {
      return false;
    }
    Map<String, Object> f = pointFields(common, p.attributes());
    switch (p.valueKind()) {
      case DOUBLE -> f.put(name, AnyValue.of(p.doubleValue()));
      case INT -> f.put(name, AnyValue.of(p.intValue()));
      default -> { } // no value: the Collector writes the event without one
    }
    f.put("metric_type", type);
    out.add(new Event(token, item, event(metricTime(p.timeUnixNano()), meta, "metric", f)));
    return true;
  }

  private void histogram(List<Event> out, String token, int item, HistogramDataPoint p, String name, Meta meta,
      Map<String, Object> common) {
    long time = metricTime(p.timeUnixNano());
    if (p.hasSum() && !Double.isNaN(p.sum())) {
      Map<String, Object> f = pointFields(common, p.attributes());
      f.put(name + "_sum", AnyValue.of(p.sum()));
      f.put("metric_type", "Histogram");
      out.add(new Event(token, item, event(time, meta, "metric", f)));
    }
    Map<String, Object> c = pointFields(common, p.attributes());
    c.put(name + "_count", AnyValue.of(p.count()));
    c.put("metric_type", "Histogram");
    out.add(new Event(token, item, event(time, meta, "metric", c)));
    double[] bounds = p.explicitBounds();
    long[] counts = p.bucketCounts();
    if (counts.length == 0 || counts.length != bounds.length + 1) {
      return;
    }
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += counts[i];
      Map<String, Object> f = pointFields(common, p.attributes());
      f.put("le", dimValue(bounds[i]));
      f.put(name + "_bucket", AnyValue.of(cumulative));
      f.put("metric_type", "Histogram");
      out.add(new Event(token, item, event(time, meta, "metric", f)));
    }
    Map<String, Object> inf = pointFields(common, p.attributes());
    inf.put("le", "+Inf");
    inf.put(name + "_bucket", AnyValue.of(cumulative + counts[counts.length - 1]));
    inf.put("metric_type", "Histogram");
    out.add(new Event(token, item, event(time, meta, "metric", inf)));
  }

  private void summary(List<Event> out, String token, int item, SummaryDataPoint p, String name, Meta meta,
      Map<String, Object> common) {
    long time = metricTime(p.timeUnixNano());
    if (!Double.isNaN(p.sum())) {
      Map<String, Object> f = pointFields(common, p.attributes());
      f.put(name + "_sum", AnyValue.of(p.sum()));
      f.put("metric_type", "Summary");
      out.add(new Event(token, item, event(time, meta, "metric", f)));
    }
    Map<String, Object> c = pointFields(common, p.attributes());
    c.put(name + "_count", AnyValue.of(p.count()));
    c.put("metric_type", "Summary");
    out.add(new Event(token, item, event(time, meta, "metric", c)));
    for (var q : p.quantileValues()) {
      Map<String, Object> f = pointFields(common, p.attributes());
      f.put("qt", dimValue(q.quantile()));
      f.put(name + "_" + BigDecimal.valueOf(q.quantile()).stripTrailingZeros().toPlainString(), AnyValue.of(q.value()));
      f.put("metric_type", "Summary");
      out.add(new Event(token, item, event(time, meta, "metric", f)));
    }
  }

  private static Map<String, Object> pointFields(Map<String, Object> common, Attributes attrs) {
    Map<String, Object> f = new LinkedHashMap<>(common);
    for (int i = 0; i < attrs.size(); i++) {
      f.put(attrs.key(i), attrs.value(i).asString());
    }
    return f;
  }

  /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} for bucket bounds and quantiles. */
  static String dimValue(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (Double.isNaN(d)) {
      return "NaN";
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = b.precision() - b.scale() - 1;
    if (exp < -4 || exp >= 21) {
      String m = b.unscaledValue().abs().toString();
      String mant = m.length() == 1 ? m : m.charAt(0) + "." + m.substring(1);
      return (b.signum() < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
          + Math.abs(exp);
    }
    return b.toPlainString();
  }

  // ---- JSON ---------------------------------------------------------------------------------------

  /** Nanoseconds as HEC seconds rounded to milliseconds (0 means unknown: left out). */
  static long millisTime(long nanos) {
    return nanos == 0 ? 0 : Math.floorDiv(nanos + 500_000, 1_000_000);
  }

  private static long metricTime(long nanos) {
    return millisTime(nanos);
  }

  private byte[] event(long millis, Meta meta, Object event, Map<String, Object> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      head(g, millis, meta);
      g.writeName("event");
      if (event instanceof AnyValue v) {
        writeRaw(g, v);
      } else {
        g.writeString((String) event);
      }
      writeFields(g, fields);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void head(JsonGenerator g, long millis, Meta meta) {
    g.writeStartObject();
    if (millis != 0) {
      g.writeName("time");
      g.writeNumber(BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString());
    }
    g.writeName("host");
    g.writeString(meta.host);
    if (!meta.source.isEmpty()) {
      g.writeName("source");
      g.writeString(meta.source);
    }
    if (!meta.sourcetype.isEmpty()) {
      g.writeName("sourcetype");
      g.writeString(meta.sourcetype);
    }
    if (!meta.index.isEmpty()) {
      g.writeName("index");
      g.writeString(meta.index);
    }
  }

  private static void writeFields(JsonGenerator g, Map<String, Object> fields) {
    if (fields.isEmpty()) {
      return;
    }
    g.writeName("fields");
    g.writeStartObject();
    for (var e : fields.entrySet()) {
      g.writeName(e.getKey());
      switch (e.getValue()) {
        case AnyValue v -> writeRaw(g, v);
        case RawJson r -> g.writeString(r.text());
        case Long l -> g.writeNumber(l);
        default -> g.writeString(String.valueOf(e.getValue()));
      }
    }
    g.writeEndObject();
  }

  private static void writeMap(JsonGenerator g, List<KeyValue> kvs) {
    Map<String, AnyValue> m = new java.util.TreeMap<>();
    kvs.forEach(kv -> m.putIfAbsent(kv.key(), kv.value()));
    g.writeStartObject();
    for (var e : m.entrySet()) {
      g.writeName(e.getKey());
      writeRaw(g, e.getValue());
    }
    g.writeEndObject();
  }

  /** A value as Go's encoder writes pdata's {@code AsRaw()} (NaN and infinities as strings). */
  static void writeRaw(JsonGenerator g, AnyValue v) {
    switch (v) {
      case AnyValue.StringValue s -> g.writeString(s.value());
      case AnyValue.IntValue i -> g.writeNumber(i.value());
      case AnyValue.DoubleValue d -> {
        double x = d.value();
        if (!Double.isFinite(x)) {
          g.writeString(Double.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf");
        } else if (x == Math.rint(x) && Math.abs(x) < 1e21) {
          g.writeNumber(new BigDecimal(x).toBigInteger());
        } else {
          g.writeNumber(x);
        }
      }
      case AnyValue.BoolValue b -> g.writeBoolean(b.value());
      case AnyValue.BytesValue b -> g.writeString(java.util.Base64.getEncoder().encodeToString(b.value()));
      case AnyValue.ArrayValue a -> {
        g.writeStartArray();
        a.values().forEach(x -> writeRaw(g, x));
        g.writeEndArray();
      }
      case AnyValue.KvListValue kv -> writeMap(g, kv.values());
      case AnyValue.EmptyValue e -> g.writeNull();
    }
  }

  private static String jsonOf(AnyValue v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      writeRaw(g, v);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
