package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.KeyValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * A document as the Collector's {@code objmodel.Document} builds one: a list of dotted keys and
 * values. Maps are flattened into dotted keys; {@link #dedup()} sorts the keys, renames a value that
 * an object would overwrite ({@code a.b=1} with {@code a.b.c=2} becomes {@code a.b.value=1}) and
 * keeps the last of duplicate keys; {@link #write} writes flat dotted keys or nested objects
 * ({@code dedot}). In the otel mapping the keys below {@code attributes.},
 * {@code resource.attributes.} and {@code scope.attributes.} stay flat (passthrough objects).
 * Not thread-safe.
 */
final class EsDocument {

  /** Values: strings, numbers, booleans, timestamps, arrays and nested documents. */
  sealed interface Value {
    record Str(String value) implements Value {}

    record Int(long value) implements Value {}

    record Dbl(double value) implements Value {}

    record Bool(boolean value) implements Value {}

    /** Nanoseconds since the epoch, written as {@code 2006-01-02T15:04:05.000000000Z}. */
    record Timestamp(long nanos) implements Value {}

    record Arr(List<Value> values) implements Value {}

    record Obj(EsDocument doc) implements Value {}

    /** A duplicate removed by {@link #dedup()}. */
    record Ignore() implements Value {}
  }

  private static final Value IGNORE = new Value.Ignore();
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  static final Set<String> OTEL_PASSTHROUGH = Set.of("attributes.", "resource.attributes.", "scope.attributes.");

  private record Field(String key, Value value) {}

  private final List<Field> fields = new ArrayList<>();

  int size() {
    return fields.size();
  }

  void add(String key, Value v) {
    fields.add(new Field(key, v));
  }

  /** A string, unless empty (as {@code AddString}). */
  void addString(String key, String v) {
    if (!v.isEmpty()) {
      add(key, new Value.Str(v));
    }
  }

  void addInt(String key, long v) {
    add(key, new Value.Int(v));
  }

  void addTimestamp(String key, long unixNanos) {
    add(key, new Value.Timestamp(unixNanos));
  }

  /** Lower-case hex, unless the id is zero (as {@code AddTraceID}/{@code AddSpanID}). */
  void addId(String key, String hex, boolean zero) {
    if (!zero) {
      add(key, new Value.Str(hex));
    }
  }

  /** Every attribute under {@code prefix} (empty: at the root), maps flattened. */
  void addAttributes(String prefix, Attributes attributes) {
    for (int i = 0; i < attributes.size(); i++) {
      addAttribute(join(prefix, attributes.key(i)), attributes.value(i));
    }
  }

  void addAttributes(String prefix, List<KeyValue> kvs) {
    for (KeyValue kv : kvs) {
      addAttribute(join(prefix, kv.key()), kv.value());
    }
  }

  /** One value: maps are flattened below {@code key}; empty values are left out. */
  void addAttribute(String key, AnyValue v) {
    switch (v) {
      case AnyValue.EmptyValue e -> { }
      case AnyValue.KvListValue kv -> addAttributes(key, kv.values());
      default -> add(key, valueOf(v));
    }
  }

  static Value valueOf(AnyValue v) {
    return switch (v) {
      case AnyValue.StringValue s -> new Value.Str(s.value());
      case AnyValue.IntValue i -> new Value.Int(i.value());
      case AnyValue.DoubleValue d -> new Value.Dbl(d.value());
      case AnyValue.BoolValue b -> new Value.Bool(b.value());
      case AnyValue.BytesValue b -> new Value.Str(Base64.getEncoder().encodeToString(b.value()));
      case AnyValue.ArrayValue a -> {
        List<Value> out = new ArrayList<>(a.values().size());
        for (AnyValue x : a.values()) {
          if (!(x instanceof AnyValue.EmptyValue)) {
            out.add(valueOf(x));
          }
        }
        yield new Value.Arr(out);
      }
      case AnyValue.KvListValue kv -> {
        EsDocument d = new EsDocument();
        d.addAttributes("", kv.values());
        yield new Value.Obj(d);
      }
      case AnyValue.EmptyValue e -> IGNORE;
    };
  }

  static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  /** Sorts, keeps the last of duplicates, renames values an object would overwrite; recursively. */
  void dedup() {
    fields.sort(Comparator.comparing(Field::key));
    // Duplicates first (the Collector does this only after renaming, which can leave "a" beside
    // "a.value" when "a" was written twice next to "a.b"; Elasticsearch would refuse that document).
    for (int i = fields.size() - 2; i >= 0; i--) {
      if (fields.get(i).key().equals(fields.get(i + 1).key())) {
        fields.remove(i);
      }
    }
    boolean renamed = false;
    for (int i = 0; i < fields.size() - 1; i++) {
      String key = fields.get(i).key();
      String next = fields.get(i + 1).key();
      if (key.length() < next.length() && next.startsWith(key) && next.charAt(key.length()) == '.') {
        fields.set(i, new Field(key + ".value", fields.get(i).value()));
        renamed = true;
      }
    }
    if (renamed) {
      fields.sort(Comparator.comparing(Field::key));
    }
    for (int i = 0; i < fields.size() - 1; i++) {
      if (fields.get(i).key().equals(fields.get(i + 1).key())) {
        fields.set(i, new Field(fields.get(i).key(), IGNORE));
      }
    }
    for (Field f : fields) {
      dedupValue(f.value());
    }
  }

  private static void dedupValue(Value v) {
    switch (v) {
      case Value.Obj o -> o.doc().dedup();
      case Value.Arr a -> a.values().forEach(EsDocument::dedupValue);
      default -> { }
    }
  }

  /**
   * Writes the document as one JSON object. Must be {@link #dedup() deduplicated} first when
   * {@code dedot} is true.
   */
  void write(JsonGenerator g, boolean dedot, boolean otel) {
    if (dedot) {
      writeDedot(g, otel);
    } else {
      writeFlat(g, otel);
    }
  }

  private void writeFlat(JsonGenerator g, boolean otel) {
    g.writeStartObject();
    for (Field f : fields) {
      if (isEmpty(f.value())) {
        continue;
      }
      g.writeName(f.key());
      writeValue(g, f.value(), false, otel);
    }
    g.writeEndObject();
  }

  /** Nested objects for dotted keys; the keys must be sorted. */
  private void writeDedot(JsonGenerator g, boolean otel) {
    g.writeStartObject();
    String prefix = "";
    int level = 0;
    for (Field f : fields) {
      if (isEmpty(f.value())) {
        continue;
      }
      String key = f.key();
      // close objects until the prefix is a prefix of this key (at a dot boundary)
      while (!prefix.isEmpty() && !key.startsWith(prefix)) {
        int end = prefix.lastIndexOf('.', prefix.length() - 2);
        prefix = end < 0 ? "" : prefix.substring(0, end + 1);
        level--;
        g.writeEndObject();
      }
      // open objects down to this key's parent
      while (!(otel && OTEL_PASSTHROUGH.contains(prefix))) {
        int dot = key.indexOf('.', prefix.length());
        if (dot < 0) {
          break;
        }
        g.writeName(key.substring(prefix.length(), dot));
        g.writeStartObject();
        prefix = key.substring(0, dot + 1);
        level++;
      }
      g.writeName(key.substring(prefix.length()));
      writeValue(g, f.value(), true, otel);
    }
    for (; level > 0; level--) {
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static boolean isEmpty(Value v) {
    return switch (v) {
      case Value.Ignore i -> true;
      case Value.Arr a -> a.values().isEmpty();
      case Value.Obj o -> o.doc().fields.isEmpty();
      default -> false;
    };
  }

  private static void writeValue(JsonGenerator g, Value v, boolean dedot, boolean otel) {
    switch (v) {
      case Value.Str s -> g.writeString(s.value());
      case Value.Int i -> g.writeNumber(i.value());
      case Value.Dbl d -> {
        if (Double.isNaN(d.value()) || Double.isInfinite(d.value())) {
          g.writeNull();
        } else {
          g.writeNumber(d.value());
        }
      }
      case Value.Bool b -> g.writeBoolean(b.value());
      case Value.Timestamp t -> g.writeString(timestamp(t.nanos()));
      case Value.Arr a -> {
        g.writeStartArray();
        for (Value x : a.values()) {
          writeValue(g, x, dedot, otel);
        }
        g.writeEndArray();
      }
      case Value.Obj o -> {
        if (o.doc().fields.isEmpty()) {
          g.writeNull();
        } else {
          o.doc().write(g, dedot, false);
        }
      }
      case Value.Ignore i -> g.writeNull();
    }
  }

  /** {@code 2006-01-02T15:04:05.000000000Z} (nine fraction digits, UTC), as the Collector. */
  static String timestamp(long unixNanos) {
    long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
    long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
    StringBuilder sb = new StringBuilder(30);
    sb.append(SECONDS.format(Instant.ofEpochSecond(seconds))).append('.');
    String n = Long.toString(nanos);
    sb.append("000000000", 0, 9 - n.length()).append(n).append('Z');
    return sb.toString();
  }
}
