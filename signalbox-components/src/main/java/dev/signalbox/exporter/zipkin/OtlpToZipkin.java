package dev.signalbox.exporter.zipkin;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.SpanLink;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import zipkin2.Endpoint;

/**
 * OTLP spans to Zipkin v2 spans, as the OpenTelemetry specification's Zipkin transformation and the
 * Collector's {@code zipkinv2.FromTranslator} define it; see the package comment for every rule and
 * where we differ. Stateless and thread-safe.
 */
final class OtlpToZipkin {

  /** Set by the zipkin receiver: where the service name came from when not {@code service.name}. */
  static final String TAG_SERVICE_NAME_SOURCE = "otlp.service.name.source";
  /** Set by the zipkin receiver on spans that had no timestamp. */
  static final String TAG_START_TIME_ABSENT = "otel.zipkin.absentField.startTime";
  /** Set by the zipkin receiver on spans marked {@code shared}; restored here for server spans. */
  static final String TAG_SHARED = "otel.zipkin.shared";
  static final String TAG_TRACE_STATE = "w3c.tracestate";
  static final String TAG_SPAN_KIND = "span.kind";
  static final String TAG_ERROR = "error";
  static final String TAG_STATUS_CODE = "otel.status_code";
  static final String TAG_STATUS_DESCRIPTION = "otel.status_description";
  static final String TAG_SCOPE_NAME = "otel.scope.name";
  static final String TAG_SCOPE_VERSION = "otel.scope.version";
  static final String TAG_DROPPED_ATTRIBUTES = "otel.dropped_attributes_count";
  static final String TAG_DROPPED_EVENTS = "otel.dropped_events_count";
  static final String TAG_DROPPED_LINKS = "otel.dropped_links_count";
  static final String LINK_TAG_PREFIX = "otlp.link.";

  /** Resource attributes that name the service when {@code service.name} is absent, in order. */
  private static final List<String> SERVICE_NAME_FALLBACKS = List.of("faas.name", "k8s.deployment.name",
      "process.executable.name");
  /** The remote endpoint's service name for CLIENT and PRODUCER spans, by the specification's rank. */
  private static final List<String> REMOTE_SERVICE_KEYS = List.of("peer.service", "server.address", "net.peer.name",
      "network.peer.address", "server.socket.domain", "server.socket.address", "net.sock.peer.name",
      "net.sock.peer.addr", "peer.hostname", "peer.address", "db.name");
  private static final List<String> REMOTE_IP_KEYS = List.of("network.peer.address", "net.sock.peer.addr",
      "net.peer.ip");
  private static final List<String> REMOTE_PORT_KEYS = List.of("network.peer.port", "net.sock.peer.port",
      "net.peer.port");
  private static final List<String> LOCAL_IP_KEYS = List.of("network.local.address", "net.host.ip");
  private static final List<String> LOCAL_PORT_KEYS = List.of("network.local.port", "net.host.port");

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * The result: the spans that could be translated, and how many could not (no valid trace or span
   * id) with the first reason.
   */
  record Result(List<zipkin2.Span> spans, int invalid, String firstProblem) {}

  private final String defaultServiceName;

  OtlpToZipkin(String defaultServiceName) {
    this.defaultServiceName = defaultServiceName;
  }

  Result translate(Traces traces) {
    List<zipkin2.Span> out = new ArrayList<>(traces.itemCount());
    int invalid = 0;
    String problem = null;
    for (ResourceSpans rs : traces.resourceSpans()) {
      Map<String, String> resourceTags = new LinkedHashMap<>();
      String localService = serviceName(rs.resource(), resourceTags);
      for (ScopeSpans ss : rs.scopeSpans()) {
        Map<String, String> baseTags = new LinkedHashMap<>(resourceTags);
        InstrumentationScope scope = ss.scope();
        if (!scope.name().isEmpty()) {
          baseTags.put(TAG_SCOPE_NAME, scope.name());
        }
        if (!scope.version().isEmpty()) {
          baseTags.put(TAG_SCOPE_VERSION, scope.version());
        }
        for (Span span : ss.spans()) {
          if (span.traceIdHigh() == 0 && span.traceIdLow() == 0) {
            invalid++;
            problem = problem != null ? problem : "span \"" + span.name() + "\" has no trace id";
            continue;
          }
          if (span.spanId() == 0) {
            invalid++;
            problem = problem != null ? problem : "span \"" + span.name() + "\" has no span id";
            continue;
          }
          out.add(span(span, localService, baseTags));
        }
      }
    }
    return new Result(out, invalid, problem);
  }

  /** The local service name; puts the resource's other attributes into {@code tags}. */
  private String serviceName(Resource resource, Map<String, String> tags) {
    Attributes a = resource.attributes();
    for (int i = 0; i < a.size(); i++) {
      tags.put(a.key(i), a.value(i).asString());
    }
    String name = tags.remove("service.name");
    if (name != null) {
      return name;
    }
    for (String key : SERVICE_NAME_FALLBACKS) {
      String v = tags.remove(key);
      if (v != null) {
        tags.put(TAG_SERVICE_NAME_SOURCE, key);
        return v;
      }
    }
    return defaultServiceName;
  }

  private zipkin2.Span span(Span span, String localService, Map<String, String> baseTags) {
    Map<String, String> tags = new LinkedHashMap<>(baseTags);
    Attributes attrs = span.attributes();
    for (int i = 0; i < attrs.size(); i++) {
      tags.put(attrs.key(i), attrs.value(i).asString());
    }
    zipkin2.Span.Builder b = zipkin2.Span.newBuilder()
        .traceId(span.traceIdHigh(), span.traceIdLow())
        .id(span.spanId())
        .name(span.name());
    if (span.parentSpanId() != 0) {
      b.parentId(span.parentSpanId());
    }
    if (!span.traceState().isEmpty()) {
      tags.put(TAG_TRACE_STATE, span.traceState());
    }
    long start = span.startTimeUnixNano();
    long end = span.endTimeUnixNano();
    boolean absent = tags.remove(TAG_START_TIME_ABSENT) != null;
    if (!absent && Long.compareUnsigned(start, 1_000_000_000L) >= 0) {
      b.timestamp(start / 1000);
    }
    if (end != 0 && Long.compareUnsigned(end, start) > 0) {
      b.duration(Math.max(1, (end - start) / 1000));
    }
    SpanKind kind = span.kind();
    switch (kind) {
      case CLIENT -> b.kind(zipkin2.Span.Kind.CLIENT);
      case SERVER -> b.kind(zipkin2.Span.Kind.SERVER);
      case PRODUCER -> b.kind(zipkin2.Span.Kind.PRODUCER);
      case CONSUMER -> b.kind(zipkin2.Span.Kind.CONSUMER);
      case INTERNAL -> tags.put(TAG_SPAN_KIND, "internal");
      default -> { }
    }
    String shared = tags.remove(TAG_SHARED);
    if (kind == SpanKind.SERVER && "true".equals(shared)) {
      b.shared(true);
    }
    b.localEndpoint(localEndpoint(localService, tags));
    Endpoint remote = remoteEndpoint(kind, tags);
    if (remote != null) {
      b.remoteEndpoint(remote);
    }
    status(span, tags);
    for (SpanEvent e : span.events()) {
      b.addAnnotation(Long.divideUnsigned(e.timeUnixNano(), 1000), annotation(e));
    }
    int li = 0;
    for (SpanLink l : span.links()) {
      tags.put(LINK_TAG_PREFIX + li++, link(l));
    }
    if (span.droppedAttributesCount() > 0) {
      tags.put(TAG_DROPPED_ATTRIBUTES, Integer.toString(span.droppedAttributesCount()));
    }
    if (span.droppedEventsCount() > 0) {
      tags.put(TAG_DROPPED_EVENTS, Integer.toString(span.droppedEventsCount()));
    }
    if (span.droppedLinksCount() > 0) {
      tags.put(TAG_DROPPED_LINKS, Integer.toString(span.droppedLinksCount()));
    }
    tags.forEach(b::putTag);
    return b.build();
  }

  private static Endpoint localEndpoint(String service, Map<String, String> tags) {
    Endpoint.Builder e = Endpoint.newBuilder().serviceName(service);
    ip(e, tags, LOCAL_IP_KEYS, LOCAL_PORT_KEYS);
    return e.build();
  }

  /**
   * CLIENT and PRODUCER spans: the service is the first of the specification's ranked attributes;
   * other kinds: {@code peer.service} only (their {@code server.address} is their own). The
   * address comes from the peer IP attributes. Attributes moved into the endpoint are removed
   * from the tags, as the Collector does; the others stay.
   */
  private static Endpoint remoteEndpoint(SpanKind kind, Map<String, String> tags) {
    Endpoint.Builder e = Endpoint.newBuilder();
    boolean any = false;
    List<String> serviceKeys = kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER ? REMOTE_SERVICE_KEYS
        : List.of("peer.service");
    for (String key : serviceKeys) {
      String v = tags.get(key);
      if (v != null && !v.isEmpty()) {
        e.serviceName(v);
        if (key.equals("peer.service")) {
          tags.remove(key);
        }
        any = true;
        break;
      }
    }
    any |= ip(e, tags, REMOTE_IP_KEYS, REMOTE_PORT_KEYS);
    return any ? e.build() : null;
  }

  /** Sets the first IP found (and its port) on {@code e}; removes both from the tags. */
  private static boolean ip(Endpoint.Builder e, Map<String, String> tags, List<String> ipKeys, List<String> portKeys) {
    for (int i = 0; i < ipKeys.size(); i++) {
      String ip = tags.get(ipKeys.get(i));
      if (ip != null && e.parseIp(ip)) {
        tags.remove(ipKeys.get(i));
        String port = tags.get(portKeys.get(i));
        if (port != null) {
          try {
            int p = Integer.parseInt(port.strip());
            if (p > 0 && p <= 0xffff) {
              e.port(p);
              tags.remove(portKeys.get(i));
            }
          } catch (NumberFormatException ignored) {
            // not a port: stays a tag
          }
        }
        return true;
      }
    }
    return false;
  }

  /**
   * {@code otel.status_code} OK or ERROR (nothing for UNSET); ERROR also sets {@code error} to the
   * description ({@code "true"} when it has none) and {@code otel.status_description}. Any other
   * {@code error} tag is removed: Zipkin marks every span that has one as failed.
   */
  private static void status(Span span, Map<String, String> tags) {
    StatusCode code = span.statusCode();
    if (code != StatusCode.ERROR) {
      tags.remove(TAG_ERROR);
    }
    if (code == StatusCode.OK) {
      tags.put(TAG_STATUS_CODE, "OK");
    } else if (code == StatusCode.ERROR) {
      String msg = span.statusMessage();
      tags.put(TAG_STATUS_CODE, "ERROR");
      tags.put(TAG_ERROR, msg.isEmpty() ? "true" : msg);
      if (!msg.isEmpty()) {
        tags.put(TAG_STATUS_DESCRIPTION, msg);
      }
    }
  }

  /** {@code name}, or {@code name|{attributes as JSON}|dropped} as the Collector writes it. */
  static String annotation(SpanEvent e) {
    if (e.attributes().isEmpty() && e.droppedAttributesCount() == 0) {
      return e.name();
    }
    return e.name() + "|" + json(e.attributes()) + "|" + Integer.toUnsignedString(e.droppedAttributesCount());
  }

  /** {@code traceId|spanId|traceState|{attributes as JSON}|dropped}, as the Collector writes it. */
  static String link(SpanLink l) {
    String traceId = l.traceIdHigh() == 0 && l.traceIdLow() == 0 ? "" : l.traceId().toHex();
    String spanId = l.spanId() == 0 ? "" : dev.signalbox.pdata.Ids.hex16(l.spanId());
    return traceId + "|" + spanId + "|" + l.traceState() + "|" + json(l.attributes()) + "|"
        + Integer.toUnsignedString(l.droppedAttributesCount());
  }

  /** Attributes as a JSON object with sorted keys (as Go's encoding/json writes a map). */
  static String json(Attributes attributes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      writeMap(g, attributes.asList());
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void writeMap(JsonGenerator g, List<KeyValue> kvs) {
    Map<String, AnyValue> sorted = new java.util.TreeMap<>();
    for (KeyValue kv : kvs) {
      sorted.putIfAbsent(kv.key(), kv.value());
    }
    g.writeStartObject();
    for (var e : sorted.entrySet()) {
      g.writeName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, AnyValue v) {
    switch (v) {
      case AnyValue.StringValue s -> g.writeString(s.value());
      case AnyValue.BoolValue b -> g.writeBoolean(b.value());
      case AnyValue.IntValue i -> g.writeNumber(i.value());
      case AnyValue.DoubleValue d -> {
        if (Double.isFinite(d.value())) {
          g.writeNumber(d.value());
        } else {
          g.writeString(Double.toString(d.value()));
        }
      }
      case AnyValue.BytesValue b -> g.writeString(java.util.Base64.getEncoder().encodeToString(b.value()));
      case AnyValue.ArrayValue a -> {
        g.writeStartArray();
        for (AnyValue x : a.values()) {
          writeValue(g, x);
        }
        g.writeEndArray();
      }
      case AnyValue.KvListValue kv -> writeMap(g, kv.values());
      case AnyValue.EmptyValue e -> g.writeNull();
    }
  }
}
