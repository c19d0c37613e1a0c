package dev.signalbox.receiver.zipkin;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.SpanLink;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.TraceId;
import dev.signalbox.pdata.Traces;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import zipkin2.Annotation;
import zipkin2.Endpoint;

/**
 * Zipkin v2 spans to OTLP, as the Collector's {@code zipkinv2.ToTranslator} maps them; see the
 * package comment for every rule and where we differ. Stateless and thread-safe.
 */
final class ZipkinToOtlp {

  static final String TAG_SERVICE_NAME_SOURCE = "otlp.service.name.source";
  static final String TAG_START_TIME_ABSENT = "otel.zipkin.absentField.startTime";
  static final String TAG_SHARED = "otel.zipkin.shared";
  static final String TAG_TRACE_STATE = "w3c.tracestate";
  static final String TAG_SPAN_KIND = "span.kind";
  static final String TAG_ERROR = "error";
  static final String TAG_STATUS_CODE = "otel.status_code";
  static final String TAG_STATUS_DESCRIPTION = "otel.status_description";
  static final String TAG_SCOPE_NAME = "otel.scope.name";
  static final String TAG_SCOPE_VERSION = "otel.scope.version";
  static final String TAG_LIBRARY_NAME = "otel.library.name";
  static final String TAG_LIBRARY_VERSION = "otel.library.version";
  static final String TAG_DROPPED_ATTRIBUTES = "otel.dropped_attributes_count";
  static final String TAG_DROPPED_EVENTS = "otel.dropped_events_count";
  static final String TAG_DROPPED_LINKS = "otel.dropped_links_count";
  static final String LINK_TAG_PREFIX = "otlp.link.";
  /** At most this many {@code otlp.link.N} tags are read, as the Collector. */
  static final int MAX_LINKS = 128;

  /**
   * Tags that are resource attributes: the resource attribute names of the semantic conventions
   * (v1.6.1, the set the Collector's translator uses) and OpenCensus' resource keys. They become
   * attributes of the span's resource, not of the span.
   */
  static final Set<String> RESOURCE_TAGS = Set.of(
      "cloud.provider", "cloud.account.id", "cloud.region", "cloud.availability_zone", "cloud.platform",
      "aws.ecs.container.arn", "aws.ecs.cluster.arn", "aws.ecs.launchtype", "aws.ecs.task.arn",
      "aws.ecs.task.family", "aws.ecs.task.revision", "aws.eks.cluster.arn", "aws.log.group.names",
      "aws.log.group.arns", "aws.log.stream.names", "aws.log.stream.arns",
      "container.name", "container.id", "container.runtime", "container.image.name", "container.image.tag",
      "deployment.environment", "device.id", "device.model.identifier", "device.model.name",
      "faas.name", "faas.id", "faas.version", "faas.instance", "faas.max_memory",
      "host.id", "host.name", "host.type", "host.arch", "host.image.name", "host.image.id", "host.image.version",
      "k8s.cluster.name", "k8s.node.name", "k8s.node.uid", "k8s.namespace.name", "k8s.pod.uid", "k8s.pod.name",
      "k8s.container.name", "k8s.replicaset.uid", "k8s.replicaset.name", "k8s.deployment.uid",
      "k8s.deployment.name", "k8s.statefulset.uid", "k8s.statefulset.name", "k8s.daemonset.uid",
      "k8s.daemonset.name", "k8s.job.uid", "k8s.job.name", "k8s.cronjob.uid", "k8s.cronjob.name",
      "os.type", "os.description", "os.name", "os.version",
      "process.pid", "process.executable.name", "process.executable.path", "process.command",
      "process.command_line", "process.command_args", "process.owner", "process.runtime.name",
      "process.runtime.version", "process.runtime.description",
      "service.name", "service.namespace", "service.instance.id", "service.version",
      "telemetry.sdk.name", "telemetry.sdk.language", "telemetry.sdk.version", "telemetry.auto.version",
      "webengine.name", "webengine.version", "webengine.description",
      "opencensus.starttime", "opencensus.exporterversion", "opencensus.resourcetype");

  private static final Pattern INT = Pattern.compile("-?\\d+");
  private static final Pattern DOUBLE = Pattern.compile("-?\\d+\\.\\d+");
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final boolean parseStringTags;

  ZipkinToOtlp(boolean parseStringTags) {
    this.parseStringTags = parseStringTags;
  }

  /** The spans as one batch: one resource per local service (and resource tags), one scope per scope tags. */
  Traces translate(List<zipkin2.Span> spans) {
    Traces out = new Traces();
    Map<List<Object>, ResourceSpans> resources = new HashMap<>();
    // by identity: a ResourceSpans' own hashCode covers all its spans
    Map<ResourceSpans, Map<List<String>, ScopeSpans>> scopes = new java.util.IdentityHashMap<>();
    for (zipkin2.Span z : spans) {
      Map<String, String> tags = new LinkedHashMap<>(z.tags());
      String service = z.localServiceName();
      String source = tags.remove(TAG_SERVICE_NAME_SOURCE);
      Map<String, String> resourceTags = new TreeMap<>();
      for (var it = tags.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (RESOURCE_TAGS.contains(e.getKey())) {
          resourceTags.put(e.getKey(), e.getValue());
          it.remove();
        }
      }
      if (service != null && !service.isEmpty()) {
        resourceTags.put(source != null && !source.isEmpty() ? source : "service.name", service);
      }
      ResourceSpans rs = resources.computeIfAbsent(List.of(resourceTags), k -> {
        ResourceSpans r = out.resourceSpans().addNew();
        resourceTags.forEach((key, value) -> r.resource().attributes().put(key, value));
        return r;
      });
      String scopeName = firstNonNull(tags.remove(TAG_SCOPE_NAME), tags.remove(TAG_LIBRARY_NAME));
      String scopeVersion = firstNonNull(tags.remove(TAG_SCOPE_VERSION), tags.remove(TAG_LIBRARY_VERSION));
      ScopeSpans ss = scopes.computeIfAbsent(rs, k -> new HashMap<>()).computeIfAbsent(
          java.util.Arrays.asList(scopeName, scopeVersion), k -> {
            ScopeSpans s = rs.scopeSpans().addNew();
            s.scope().setName(scopeName == null ? "" : scopeName).setVersion(scopeVersion == null ? "" : scopeVersion);
            return s;
          });
      span(z, tags, ss.spans().addNew());
    }
    return out;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private void span(zipkin2.Span z, Map<String, String> tags, Span dest) {
    String traceId = z.traceId();
    TraceId id = traceId.length() == 16 ? new TraceId(0, Long.parseUnsignedLong(traceId, 16)) : TraceId.fromHex(traceId);
    dest.setTraceId(id);
    long spanId = Long.parseUnsignedLong(z.id(), 16);
    dest.setSpanId(spanId);
    if (z.parentId() != null) {
      long parent = Long.parseUnsignedLong(z.parentId(), 16);
      if (parent != spanId) {
        dest.setParentSpanId(parent);
      }
    }
    String traceState = tags.remove(TAG_TRACE_STATE);
    if (traceState != null) {
      dest.setTraceState(traceState);
    }
    dest.setName(z.name() == null ? "" : z.name());
    String kindTag = tags.remove(TAG_SPAN_KIND);
    if (z.kind() != null) {
      dest.setKind(switch (z.kind()) {
        case CLIENT -> SpanKind.CLIENT;
        case SERVER -> SpanKind.SERVER;
        case PRODUCER -> SpanKind.PRODUCER;
        case CONSUMER -> SpanKind.CONSUMER;
      });
      if (kindTag != null) {
        tags.put(TAG_SPAN_KIND, kindTag); // not ours: keep it
      }
    } else if ("internal".equals(kindTag)) {
      dest.setKind(SpanKind.INTERNAL);
    } else if (kindTag != null) {
      tags.put(TAG_SPAN_KIND, kindTag);
    }
    status(tags, dest);
    links(tags, dest);
    dest.setDroppedAttributesCount(count(tags.remove(TAG_DROPPED_ATTRIBUTES)));
    dest.setDroppedEventsCount(count(tags.remove(TAG_DROPPED_EVENTS)));
    dest.setDroppedLinksCount(count(tags.remove(TAG_DROPPED_LINKS)));

    Attributes attrs = dest.attributes();
    attrs.ensureCapacity(tags.size() + 6);
    for (var e : tags.entrySet()) {
      attrs.add(e.getKey(), tagValue(e.getValue()));
    }
    Endpoint local = z.localEndpoint();
    if (local != null) {
      String ip = local.ipv6() != null ? local.ipv6() : local.ipv4();
      if (ip != null) {
        attrs.put("network.local.address", ip);
      }
      if (local.portAsInt() > 0) {
        attrs.put("network.local.port", (long) local.portAsInt());
      }
    }
    Endpoint remote = z.remoteEndpoint();
    if (remote != null) {
      if (remote.serviceName() != null && !attrs.containsKey("peer.service")) {
        attrs.put("peer.service", remote.serviceName());
      }
      String ip = remote.ipv6() != null ? remote.ipv6() : remote.ipv4();
      if (ip != null) {
        attrs.put("network.peer.address", ip);
      }
      if (remote.portAsInt() > 0) {
        attrs.put("network.peer.port", (long) remote.portAsInt());
      }
    }
    if (Boolean.TRUE.equals(z.shared())) {
      attrs.put(TAG_SHARED, true);
    }
    long duration = z.durationAsLong() * 1000;
    if (z.timestampAsLong() == 0) {
      dest.setStartTimeUnixNano(0).setEndTimeUnixNano(duration);
      attrs.put(TAG_START_TIME_ABSENT, true);
    } else {
      long start = z.timestampAsLong() * 1000;
      dest.setStartTimeUnixNano(start).setEndTimeUnixNano(start + duration);
    }
    for (Annotation a : z.annotations()) {
      event(a, dest.events().addNew());
    }
  }

  /**
   * {@code otel.status_code} (OK, ERROR, or the Collector's STATUS_CODE_OK/ERROR) with
   * {@code otel.status_description}; otherwise an {@code error} tag other than {@code "false"}
   * means ERROR, with the tag as the message unless it is {@code "true"} or empty.
   */
  private static void status(Map<String, String> tags, Span dest) {
    String code = tags.remove(TAG_STATUS_CODE);
    String description = tags.remove(TAG_STATUS_DESCRIPTION);
    StatusCode parsed = code == null ? null : switch (code) {
      case "OK", "STATUS_CODE_OK", "Ok" -> StatusCode.OK;
      case "ERROR", "STATUS_CODE_ERROR", "Error" -> StatusCode.ERROR;
      case "UNSET", "STATUS_CODE_UNSET", "Unset" -> StatusCode.UNSET;
      default -> null;
    };
    if (code != null && parsed == null) {
      tags.put(TAG_STATUS_CODE, code); // not a status we know: keep it as it came
    }
    String error = tags.get(TAG_ERROR);
    if (parsed != null) {
      if (parsed == StatusCode.ERROR) {
        tags.remove(TAG_ERROR);
        String msg = description != null ? description : error != null && !"true".equals(error) ? error : "";
        dest.setStatus(StatusCode.ERROR, msg);
      } else {
        dest.setStatus(parsed, "");
      }
      return;
    }
    if (description != null) {
      tags.put(TAG_STATUS_DESCRIPTION, description);
    }
    if (error != null && !"false".equals(error)) {
      tags.remove(TAG_ERROR);
      dest.setStatus(StatusCode.ERROR, "true".equals(error) ? "" : error);
    }
  }

  private static void links(Map<String, String> tags, Span dest) {
    for (int i = 0; i < MAX_LINKS; i++) {
      String value = tags.get(LINK_TAG_PREFIX + i);
      if (value == null) {
        return;
      }
      String[] parts = value.split("\\|", -1);
      if (parts.length < 5) {
        continue; // not ours: stays a tag
      }
      try {
        SpanLink link = new SpanLink();
        if (!parts[0].isEmpty()) {
          link.setTraceId(TraceId.fromHex(parts[0]));
        }
        if (!parts[1].isEmpty()) {
          link.setSpanId(Long.parseUnsignedLong(parts[1], 16));
        }
        link.setTraceState(parts[2]);
        parseAttributes(String.join("|", java.util.Arrays.copyOfRange(parts, 3, parts.length - 1)),
            link.attributes());
        link.setDroppedAttributesCount(Integer.parseUnsignedInt(parts[parts.length - 1]));
        dest.links().add(link);
        tags.remove(LINK_TAG_PREFIX + i);
      } catch (RuntimeException e) {
        // not a link we can read: stays a tag
      }
    }
  }

  /** {@code name} or {@code name|{attributes}|dropped}; anything unreadable is the name. */
  private static void event(Annotation a, SpanEvent e) {
    e.setTimeUnixNano(a.timestamp() * 1000);
    String v = a.value();
    String[] parts = v.split("\\|", -1);
    if (parts.length >= 3) {
      SpanEvent parsed = new SpanEvent();
      try {
        parseAttributes(String.join("|", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)),
            parsed.attributes());
        int dropped = Integer.parseUnsignedInt(parts[parts.length - 1]);
        e.setName(parts[0]);
        e.attributes().copyFrom(parsed.attributes());
        e.setDroppedAttributesCount(dropped);
        return;
      } catch (RuntimeException ignored) {
        // not an event we wrote: the whole value is the name
      }
    }
    e.setName(v);
  }

  /** A JSON object's string, number and boolean members, as the Collector reads them. */
  private static void parseAttributes(String json, Attributes dest) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        switch (v) {
          case VALUE_STRING -> dest.put(key, p.getString());
          case VALUE_NUMBER_INT -> dest.put(key, p.getLongValue());
          case VALUE_NUMBER_FLOAT -> {
            double d = p.getDoubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
              dest.put(key, (long) d);
            } else {
              dest.put(key, d);
            }
          }
          case VALUE_TRUE -> dest.put(key, true);
          case VALUE_FALSE -> dest.put(key, false);
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("trailing data after the JSON object");
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  private static int count(String v) {
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseUnsignedInt(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private AnyValue tagValue(String v) {
    if (!parseStringTags) {
      return AnyValue.of(v);
    }
    if (INT.matcher(v).matches()) {
      try {
        return AnyValue.of(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return AnyValue.of(v);
      }
    }
    if (DOUBLE.matcher(v).matches()) {
      return AnyValue.of(Double.parseDouble(v));
    }
    if (v.equals("true") || v.equals("false")) {
      return AnyValue.of(Boolean.parseBoolean(v));
    }
    return AnyValue.of(v);
  }
}
