package dev.signalbox.exporter.kafka;

import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.TraceId;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch into Kafka messages. Without partitioning a batch is one message, and a wire-backed
 * batch in {@code otlp_proto} is its received bytes (never decoded). Partitioning reads the batch
 * (it is never modified: parts are copies) and makes one message per key.
 */
final class Messages {
  /** One message: its key (null for none), its value and the items it carries. */
  record Message(byte[] key, byte[] value, int items) {}

  private Messages() {}

  static List<Message> traces(Traces t, KafkaEncoding encoding, boolean byTraceId) {
    if (!byTraceId) {
      return List.of(new Message(null, encode(t, encoding), t.itemCount()));
    }
    // One batch per trace id, keeping each span under a copy of its resource and scope.
    Map<TraceId, TracePart> parts = new LinkedHashMap<>();
    var rsl = t.resourceSpans();
    for (int i = 0; i < rsl.size(); i++) {
      ResourceSpans rs = rsl.get(i);
      for (int j = 0; j < rs.scopeSpans().size(); j++) {
        ScopeSpans ss = rs.scopeSpans().get(j);
        for (Span span : ss.spans()) {
          TracePart p = parts.computeIfAbsent(span.traceId(), k -> new TracePart());
          if (p.resource != i) {
            ResourceSpans nrs = p.batch.resourceSpans().addNew();
            nrs.resource().copyFrom(rs.resource());
            nrs.setSchemaUrl(rs.schemaUrl());
            p.resource = i;
            p.scope = -1;
            p.lastResource = nrs;
          }
          if (p.scope != j) {
            ScopeSpans nss = p.lastResource.scopeSpans().addNew();
            nss.scope().copyFrom(ss.scope());
            nss.setSchemaUrl(ss.schemaUrl());
            p.scope = j;
            p.lastScope = nss;
          }
          p.lastScope.spans().add(span.copy());
        }
      }
    }
    List<Message> out = new ArrayList<>(parts.size());
    parts.forEach((id, p) -> out.add(new Message(id.isValid() ? id.toHex().getBytes(StandardCharsets.US_ASCII) : null,
        encode(p.batch, encoding), p.batch.itemCount())));
    return out;
  }

  static List<Message> metrics(Metrics m, KafkaEncoding encoding, boolean byResource) {
    if (!byResource) {
      return List.of(new Message(null, encode(m, encoding), m.itemCount()));
    }
    Map<Key, Metrics> parts = new LinkedHashMap<>();
    for (ResourceMetrics rm : m.resourceMetrics()) {
      parts.computeIfAbsent(new Key(hash(rm.resource().attributes())), k -> new Metrics())
          .resourceMetrics().add(rm.copy());
    }
    List<Message> out = new ArrayList<>(parts.size());
    parts.forEach((k, part) -> out.add(new Message(k.bytes, encode(part, encoding), part.itemCount())));
    return out;
  }

  static List<Message> logs(Logs l, KafkaEncoding encoding, boolean byResource) {
    if (encoding == KafkaEncoding.RAW) {
      List<Message> out = new ArrayList<>(l.itemCount());
      for (ResourceLogs rl : l.resourceLogs()) {
        byte[] key = byResource ? hash(rl.resource().attributes()) : null;
        for (ScopeLogs sl : rl.scopeLogs()) {
          for (LogRecord r : sl.logRecords()) {
            out.add(new Message(key, raw(r.body()), 1));
          }
        }
      }
      return out;
    }
    if (!byResource) {
      return List.of(new Message(null, encode(l, encoding), l.itemCount()));
    }
    Map<Key, Logs> parts = new LinkedHashMap<>();
    for (ResourceLogs rl : l.resourceLogs()) {
      parts.computeIfAbsent(new Key(hash(rl.resource().attributes())), k -> new Logs()).resourceLogs().add(rl.copy());
    }
    List<Message> out = new ArrayList<>(parts.size());
    parts.forEach((k, part) -> out.add(new Message(k.bytes, encode(part, encoding), part.itemCount())));
    return out;
  }

  static byte[] encode(Telemetry t, KafkaEncoding encoding) {
    return switch (encoding) {
      case OTLP_PROTO -> OtlpProtoCodec.INSTANCE.encode(t);
      case OTLP_JSON -> OtlpJsonCodec.INSTANCE.encode(t);
      case RAW, TEXT -> throw new IllegalArgumentException("encoding " + encoding.key() + " is for log bodies only");
    };
  }

  /** A raw log message: bytes as they are, strings as UTF-8, anything else as JSON. */
  static byte[] raw(AnyValue body) {
    return switch (body) {
      case AnyValue.BytesValue b -> b.value();
      case AnyValue.StringValue s -> s.value().getBytes(StandardCharsets.UTF_8);
      case AnyValue.EmptyValue e -> new byte[0];
      default -> body.asString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * A 16-byte key for a set of resource attributes, independent of their order: SHA-256 over the
   * sorted {@code key, type, value} triples, truncated. Equal attributes give equal keys in every
   * process, so a resource always goes to the same partition.
   */
  static byte[] hash(Attributes attributes) {
    int n = attributes.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> attributes.key(a).compareTo(attributes.key(b)));
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i : order) {
      AnyValue v = attributes.value(i);
      d.update(attributes.key(i).getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update((byte) v.getClass().getSimpleName().charAt(0));
      d.update(v instanceof AnyValue.BytesValue b ? b.value() : v.asString().getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
    return Arrays.copyOf(d.digest(), 16);
  }

  /** A byte-array map key. */
  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /** The batch of one trace id being built, with the source resource and scope its last entries copy. */
  private static final class TracePart {
    final Traces batch = new Traces();
    int resource = -1;
    int scope = -1;
    ResourceSpans lastResource;
    ScopeSpans lastScope;
  }
}
