package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.MappingMode;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.SpanLink;
import dev.signalbox.pdata.StatusCode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Log records and spans as Elasticsearch documents, in the layout of a mapping mode, as the
 * Collector's elasticsearchexporter {@code model.go} (v0.110) writes them. See the package comment
 * for the fields of each mode. Thread-safe.
 */
final class DocumentEncoder {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Resource attributes renamed to ECS fields in ecs mode; an empty name drops the attribute. */
  static final Map<String, String> ECS_RESOURCE = ecsResource();
  /** Resource attributes kept under their own name too in ecs mode. */
  static final Set<String> ECS_RESOURCE_PRESERVE = Set.of("host.name");
  /** Log record attributes renamed to ECS fields in ecs mode. */
  static final Map<String, String> ECS_RECORD = Map.of(
      "event.name", "event.action",
      "exception.message", "error.message",
      "exception.stacktrace", "error.stacktrace",
      "exception.type", "error.type",
      "exception.escaped", "event.error.exception.handled");
  static final Set<String> DATA_STREAM_KEYS = Set.of("data_stream.type", "data_stream.dataset",
      "data_stream.namespace");

  private static Map<String, String> ecsResource() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("service.instance.id", "service.node.name");
    m.put("deployment.environment", "service.environment");
    m.put("telemetry.sdk.name", "");
    m.put("telemetry.sdk.language", "");
    m.put("telemetry.sdk.version", "");
    m.put("telemetry.distro.name", "");
    m.put("telemetry.distro.version", "");
    m.put("cloud.platform", "cloud.service.name");
    m.put("container.image.tags", "container.image.tag");
    m.put("host.name", "host.hostname");
    m.put("host.arch", "host.architecture");
    m.put("process.executable.path", "process.executable");
    m.put("process.runtime.name", "service.runtime.name");
    m.put("process.runtime.version", "service.runtime.version");
    m.put("os.name", "host.os.name");
    m.put("os.type", "host.os.platform");
    m.put("os.description", "host.os.full");
    m.put("os.version", "host.os.version");
    m.put("k8s.deployment.name", "kubernetes.deployment.name");
    m.put("k8s.namespace.name", "kubernetes.namespace");
    m.put("k8s.node.name", "kubernetes.node.name");
    m.put("k8s.pod.name", "kubernetes.pod.name");
    m.put("k8s.pod.uid", "kubernetes.pod.uid");
    return Map.copyOf(m);
  }

  private final MappingMode mode;
  private final boolean dedot;

  DocumentEncoder(MappingMode mode, boolean dedot) {
    this.mode = mode;
    this.dedot = dedot;
  }

  MappingMode mode() {
    return mode;
  }

  /**
   * One log record's document. {@code extra} are attributes the router adds to the record
   * ({@code data_stream.*}), written after the record's own (so they win).
   */
  byte[] log(Resource resource, String resourceSchemaUrl, InstrumentationScope scope, String scopeSchemaUrl,
      LogRecord r, List<KeyValue> extra) {
    EsDocument d = switch (mode) {
      case ECS -> logEcs(resource, scope, r, extra);
      case OTEL -> logOtel(resource, resourceSchemaUrl, scope, scopeSchemaUrl, r, extra);
      case NONE, RAW -> logDefault(resource, scope, r, extra);
    };
    return serialize(d);
  }

  byte[] span(Resource resource, String resourceSchemaUrl, InstrumentationScope scope, String scopeSchemaUrl, Span s,
      List<KeyValue> extra) {
    EsDocument d = mode == MappingMode.OTEL ? spanOtel(resource, resourceSchemaUrl, scope, scopeSchemaUrl, s, extra)
        : spanDefault(resource, scope, s, extra);
    return serialize(d);
  }

  /** A span event as its own document: otel mode only (other modes keep events in the span). */
  byte[] spanEvent(Resource resource, String resourceSchemaUrl, InstrumentationScope scope, String scopeSchemaUrl,
      Span s, SpanEvent e, List<KeyValue> extra) {
    EsDocument d = new EsDocument();
    d.addTimestamp("@timestamp", e.timeUnixNano());
    d.addString("attributes.event.name", e.name());
    d.addId("span_id", Ids.hex16(s.spanId()), s.spanId() == 0);
    d.addId("trace_id", s.traceId().toHex(), !s.traceId().isValid());
    d.addInt("dropped_attributes_count", Integer.toUnsignedLong(e.droppedAttributesCount()));
    otelAttributes(d, e.attributes(), extra);
    otelResource(d, resource, resourceSchemaUrl);
    otelScope(d, scope, scopeSchemaUrl);
    return serialize(d);
  }

  private byte[] serialize(EsDocument d) {
    d.dedup();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      d.write(g, dedot || mode == MappingMode.OTEL, mode == MappingMode.OTEL);
    }
    return out.toByteArray();
  }

  // ---- none / raw -------------------------------------------------------------------------------

  private EsDocument logDefault(Resource resource, InstrumentationScope scope, LogRecord r, List<KeyValue> extra) {
    EsDocument d = new EsDocument();
    long ts = r.timeUnixNano() != 0 ? r.timeUnixNano() : r.observedTimeUnixNano();
    d.addTimestamp("@timestamp", ts);
    d.addId("TraceId", r.traceId().toHex(), !r.traceId().isValid());
    d.addId("SpanId", Ids.hex16(r.spanId()), r.spanId() == 0);
    d.addInt("TraceFlags", Integer.toUnsignedLong(r.flags()));
    d.addString("SeverityText", r.severityText());
    d.addInt("SeverityNumber", r.severityNumberValue());
    d.addAttribute("Body", r.body());
    String attrs = mode == MappingMode.RAW ? "" : "Attributes";
    d.addAttributes(attrs, r.attributes());
    d.addAttributes(attrs, extra);
    d.addAttributes("Resource", resource.attributes());
    scopeDefault(d, scope);
    return d;
  }

  private EsDocument spanDefault(Resource resource, InstrumentationScope scope, Span s, List<KeyValue> extra) {
    EsDocument d = new EsDocument();
    d.addTimestamp("@timestamp", s.startTimeUnixNano());
    d.addTimestamp("EndTimestamp", s.endTimeUnixNano());
    d.addId("TraceId", s.traceId().toHex(), !s.traceId().isValid());
    d.addId("SpanId", Ids.hex16(s.spanId()), s.spanId() == 0);
    d.addId("ParentSpanId", Ids.hex16(s.parentSpanId()), s.parentSpanId() == 0);
    d.addString("Name", s.name());
    d.addString("Kind", kindName(s.kindNumber()));
    d.addInt("TraceStatus", s.statusCodeNumber());
    d.addString("TraceStatusDescription", s.statusMessage());
    d.addString("Link", linksJson(s.links()));
    String attrs = mode == MappingMode.RAW ? "" : "Attributes";
    d.addAttributes(attrs, s.attributes());
    d.addAttributes(attrs, extra);
    d.addAttributes("Resource", resource.attributes());
    String events = mode == MappingMode.RAW ? "" : "Events";
    for (SpanEvent e : s.events()) {
      d.addTimestamp(EsDocument.join(events, e.name() + ".time"), e.timeUnixNano());
      d.addAttributes(EsDocument.join(events, e.name()), e.attributes());
    }
    d.addInt("Duration", (s.endTimeUnixNano() - s.startTimeUnixNano()) / 1000);
    scopeDefault(d, scope);
    return d;
  }

  /** {@code Scope.name}, {@code Scope.version} (both always) and the scope attributes as strings. */
  private static void scopeDefault(EsDocument d, InstrumentationScope scope) {
    d.add("Scope.name", new EsDocument.Value.Str(scope.name()));
    d.add("Scope.version", new EsDocument.Value.Str(scope.version()));
    Attributes a = scope.attributes();
    for (int i = 0; i < a.size(); i++) {
      d.add("Scope." + a.key(i), new EsDocument.Value.Str(a.value(i).asString()));
    }
  }

  /** {@code SPAN_KIND_SERVER}..., as the Collector's {@code traceutil.SpanKindStr}. */
  static String kindName(int kind) {
    return switch (kind) {
      case 0 -> "SPAN_KIND_UNSPECIFIED";
      case 1 -> "SPAN_KIND_INTERNAL";
      case 2 -> "SPAN_KIND_SERVER";
      case 3 -> "SPAN_KIND_CLIENT";
      case 4 -> "SPAN_KIND_PRODUCER";
      case 5 -> "SPAN_KIND_CONSUMER";
      default -> "";
    };
  }

  /** {@code [{"attribute":{..},"spanID":"..","traceID":".."}]}, as Go marshals the Collector's link maps. */
  static String linksJson(Iterable<SpanLink> links) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartArray();
      for (SpanLink l : links) {
        g.writeStartObject();
        g.writeName("attribute");
        writeRawMap(g, l.attributes().asList());
        g.writeName("spanID");
        g.writeString(l.spanId() == 0 ? "" : Ids.hex16(l.spanId()));
        g.writeName("traceID");
        g.writeString(l.traceId().isValid() ? l.traceId().toHex() : "");
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeRawMap(JsonGenerator g, List<KeyValue> kvs) {
    java.util.TreeMap<String, AnyValue> sorted = new java.util.TreeMap<>();
    kvs.forEach(kv -> sorted.putIfAbsent(kv.key(), kv.value()));
    g.writeStartObject();
    for (var e : sorted.entrySet()) {
      g.writeName(e.getKey());
      writeRaw(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeRaw(JsonGenerator g, AnyValue v) {
    switch (v) {
      case AnyValue.StringValue s -> g.writeString(s.value());
      case AnyValue.IntValue i -> g.writeNumber(i.value());
      case AnyValue.DoubleValue d -> {
        if (Double.isFinite(d.value())) {
          g.writeNumber(d.value());
        } else {
          g.writeNull();
        }
      }
      case AnyValue.BoolValue b -> g.writeBoolean(b.value());
      case AnyValue.BytesValue b -> g.writeString(java.util.Base64.getEncoder().encodeToString(b.value()));
      case AnyValue.ArrayValue a -> {
        g.writeStartArray();
        a.values().forEach(x -> writeRaw(g, x));
        g.writeEndArray();
      }
      case AnyValue.KvListValue kv -> writeRawMap(g, kv.values());
      case AnyValue.EmptyValue e -> g.writeNull();
    }
  }

  // ---- ecs ---------------------------------------------------------------------------------------

  private static EsDocument logEcs(Resource resource, InstrumentationScope scope, LogRecord r, List<KeyValue> extra) {
    EsDocument d = new EsDocument();
    ecsAttributes(d, resource.attributes().asList(), ECS_RESOURCE, ECS_RESOURCE_PRESERVE);
    d.addAttributes("", scope.attributes());
    List<KeyValue> recordAttrs = new ArrayList<>(r.attributes().asList());
    recordAttrs.addAll(extra);
    ecsAttributes(d, recordAttrs, ECS_RECORD, ECS_RESOURCE_PRESERVE);
    Attributes res = resource.attributes();
    d.addString("agent.name", agentName(res));
    String agentVersion = res.containsKey("telemetry.distro.version") ? res.getString("telemetry.distro.version")
        : res.getString("telemetry.sdk.version");
    if (agentVersion != null) {
      d.add("agent.version", new EsDocument.Value.Str(agentVersion));
    }
    String osType = ecsOsType(res);
    if (osType != null) {
      d.addString("host.os.type", osType);
    }
    d.addTimestamp("@timestamp", r.timeUnixNano() != 0 ? r.timeUnixNano() : r.observedTimeUnixNano());
    d.addId("trace.id", r.traceId().toHex(), !r.traceId().isValid());
    d.addId("span.id", Ids.hex16(r.spanId()), r.spanId() == 0);
    if (r.severityNumberValue() != 0) {
      d.addInt("event.severity", r.severityNumberValue());
    }
    d.addString("log.level", r.severityText());
    if (r.body() instanceof AnyValue.StringValue) {
      d.addAttribute("message", r.body());
    }
    return d;
  }

  private static void ecsAttributes(EsDocument d, List<KeyValue> attrs, Map<String, String> conversion,
      Set<String> preserve) {
    for (KeyValue kv : attrs) {
      String ecs = conversion.get(kv.key());
      if (ecs == null) {
        d.addAttribute(kv.key(), kv.value());
        continue;
      }
      if (ecs.isEmpty()) {
        continue;
      }
      d.addAttribute(ecs, kv.value());
      if (preserve.contains(kv.key())) {
        d.addAttribute(kv.key(), kv.value());
      }
    }
  }

  /** {@code otlp}, {@code otlp/<language>} or {@code otlp/<language>/<distro>}, from the SDK attributes. */
  static String agentName(Attributes res) {
    String name = res.containsKey("telemetry.sdk.name") ? res.getString("telemetry.sdk.name") : "otlp";
    String language = res.containsKey("telemetry.sdk.language") ? res.getString("telemetry.sdk.language") : "";
    String distro = res.containsKey("telemetry.distro.name") ? res.getString("telemetry.distro.name") : "";
    if (!distro.isEmpty()) {
      return name + "/" + (language.isEmpty() ? "unknown" : language) + "/" + distro;
    }
    return language.isEmpty() ? name : name + "/" + language;
  }

  /** ECS {@code host.os.type}: linux, windows, macos, unix, android or ios; null otherwise. */
  static String ecsOsType(Attributes res) {
    String type = null;
    String os = res.getString("os.type");
    if (os != null) {
      type = switch (os) {
        case "windows", "linux" -> os;
        case "darwin" -> "macos";
        case "aix", "hpux", "solaris" -> "unix";
        default -> null;
      };
    }
    String name = res.getString("os.name");
    if ("Android".equals(name)) {
      type = "android";
    } else if ("iOS".equals(name)) {
      type = "ios";
    }
    return type;
  }

  // ---- otel --------------------------------------------------------------------------------------

  private static EsDocument logOtel(Resource resource, String resourceSchemaUrl, InstrumentationScope scope,
      String scopeSchemaUrl, LogRecord r, List<KeyValue> extra) {
    EsDocument d = new EsDocument();
    d.addTimestamp("@timestamp", r.timeUnixNano() != 0 ? r.timeUnixNano() : r.observedTimeUnixNano());
    d.addTimestamp("observed_timestamp", r.observedTimeUnixNano());
    d.addId("trace_id", r.traceId().toHex(), !r.traceId().isValid());
    d.addId("span_id", Ids.hex16(r.spanId()), r.spanId() == 0);
    d.addString("severity_text", r.severityText());
    d.addInt("severity_number", r.severityNumberValue());
    d.addInt("dropped_attributes_count", Integer.toUnsignedLong(r.droppedAttributesCount()));
    otelAttributes(d, r.attributes(), extra);
    otelResource(d, resource, resourceSchemaUrl);
    otelScope(d, scope, scopeSchemaUrl);
    AnyValue body = r.body();
    switch (body) {
      case AnyValue.KvListValue kv -> d.addAttribute("body_structured", body);
      case AnyValue.ArrayValue a -> {
        boolean structured = a.values().stream().anyMatch(x -> x instanceof AnyValue.KvListValue
            || x instanceof AnyValue.ArrayValue);
        if (structured) {
          d.addAttribute("body_structured", body);
        } else {
          List<AnyValue> texts = new ArrayList<>();
          a.values().forEach(x -> texts.add(AnyValue.of(x.asString())));
          d.addAttribute("body_text", AnyValue.ofArray(texts));
        }
      }
      default -> d.addString("body_text", body.asString());
    }
    return d;
  }

  private static EsDocument spanOtel(Resource resource, String resourceSchemaUrl, InstrumentationScope scope,
      String scopeSchemaUrl, Span s, List<KeyValue> extra) {
    EsDocument d = new EsDocument();
    d.addTimestamp("@timestamp", s.startTimeUnixNano());
    d.addId("trace_id", s.traceId().toHex(), !s.traceId().isValid());
    d.addId("span_id", Ids.hex16(s.spanId()), s.spanId() == 0);
    d.addString("trace_state", s.traceState());
    d.addId("parent_span_id", Ids.hex16(s.parentSpanId()), s.parentSpanId() == 0);
    d.addString("name", s.name());
    d.addString("kind", otelKind(s.kind()));
    d.addInt("duration", s.endTimeUnixNano() - s.startTimeUnixNano());
    otelAttributes(d, s.attributes(), extra);
    d.addInt("dropped_attributes_count", Integer.toUnsignedLong(s.droppedAttributesCount()));
    d.addInt("dropped_events_count", Integer.toUnsignedLong(s.droppedEventsCount()));
    List<AnyValue> links = new ArrayList<>();
    for (SpanLink l : s.links()) {
      links.add(AnyValue.ofKvList(List.of(
          new KeyValue("trace_id", AnyValue.of(l.traceId().toHex())),
          new KeyValue("span_id", AnyValue.of(Ids.hex16(l.spanId()))),
          new KeyValue("trace_state", AnyValue.of(l.traceState())),
          new KeyValue("attributes", AnyValue.ofKvList(l.attributes().asList())),
          new KeyValue("dropped_attributes_count", AnyValue.of(Integer.toUnsignedLong(l.droppedAttributesCount()))))));
    }
    d.addAttribute("links", AnyValue.ofArray(links));
    d.addInt("dropped_links_count", Integer.toUnsignedLong(s.droppedLinksCount()));
    d.addString("status.message", s.statusMessage());
    d.addString("status.code", otelStatus(s.statusCode()));
    otelResource(d, resource, resourceSchemaUrl);
    otelScope(d, scope, scopeSchemaUrl);
    return d;
  }

  /** pdata's {@code SpanKind.String()}: Unspecified, Internal, Server, Client, Producer, Consumer. */
  static String otelKind(SpanKind kind) {
    return switch (kind) {
      case INTERNAL -> "Internal";
      case SERVER -> "Server";
      case CLIENT -> "Client";
      case PRODUCER -> "Producer";
      case CONSUMER -> "Consumer";
      default -> "Unspecified";
    };
  }

  static String otelStatus(StatusCode code) {
    return switch (code) {
      case OK -> "Ok";
      case ERROR -> "Error";
      default -> "Unset";
    };
  }

  /** {@code attributes.*} without data_stream.*, which go to the top of the document. */
  private static void otelAttributes(EsDocument d, Attributes attrs, List<KeyValue> extra) {
    List<KeyValue> all = new ArrayList<>(attrs.asList());
    all.addAll(extra);
    for (KeyValue kv : all) {
      if (DATA_STREAM_KEYS.contains(kv.key())) {
        d.addAttribute(kv.key(), kv.value());
      } else {
        d.addAttribute("attributes." + kv.key(), kv.value());
      }
    }
  }

  private static void otelResource(EsDocument d, Resource resource, String schemaUrl) {
    d.addString("resource.schema_url", schemaUrl);
    d.addInt("resource.dropped_attributes_count", Integer.toUnsignedLong(resource.droppedAttributesCount()));
    Attributes a = resource.attributes();
    for (int i = 0; i < a.size(); i++) {
      if (!DATA_STREAM_KEYS.contains(a.key(i))) {
        d.addAttribute("resource.attributes." + a.key(i), a.value(i));
      }
    }
  }

  private static void otelScope(EsDocument d, InstrumentationScope scope, String schemaUrl) {
    d.addString("scope.name", scope.name());
    d.addString("scope.version", scope.version());
    d.addString("scope.schema_url", schemaUrl);
    d.addInt("scope.dropped_attributes_count", Integer.toUnsignedLong(scope.droppedAttributesCount()));
    Attributes a = scope.attributes();
    for (int i = 0; i < a.size(); i++) {
      if (!DATA_STREAM_KEYS.contains(a.key(i))) {
        d.addAttribute("scope.attributes." + a.key(i), a.value(i));
      }
    }
  }
}
