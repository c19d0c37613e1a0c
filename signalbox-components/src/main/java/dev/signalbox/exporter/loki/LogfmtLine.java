package dev.signalbox.exporter.loki;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code loki.format: logfmt} line, as the Collector's {@code EncodeLogfmt}: the body's
 * key/value pairs (a map flattened with {@code _}; a string that is itself logfmt; any other string
 * as {@code msg}), then {@code traceID}, {@code spanID}, {@code severity}, {@code flags},
 * {@code attribute_<key>}, {@code resource_<key>}, {@code instrumentation_scope_name} and
 * {@code instrumentation_scope_version}.
 */
final class LogfmtLine {
  private LogfmtLine() {}

  private record Kv(String key, Object value) {}

  static String of(LogRecord r, Map<String, AnyValue> attrs, Map<String, AnyValue> res, InstrumentationScope scope) {
    List<Kv> kvs = new ArrayList<>();
    AnyValue body = r.body();
    switch (body) {
      case AnyValue.EmptyValue e -> { }
      case AnyValue.StringValue s -> {
        List<Kv> parsed = parse(s.value());
        if (parsed == null) {
          kvs.add(new Kv("msg", s.value()));
        } else {
          kvs.addAll(parsed);
        }
      }
      case AnyValue.KvListValue kv -> flatten("", body, kvs);
      case AnyValue.ArrayValue a -> flatten("body", body, kvs);
      default -> kvs.add(new Kv("msg", body));
    }
    if (r.traceId().isValid()) {
      replaceOrAppend(kvs, "traceID", r.traceId().toHex());
    }
    if (r.spanId() != 0) {
      replaceOrAppend(kvs, "spanID", Ids.hex16(r.spanId()));
    }
    if (!r.severityText().isEmpty()) {
      replaceOrAppend(kvs, "severity", r.severityText());
    }
    if (r.flags() != 0) {
      replaceOrAppend(kvs, "flags", Integer.toUnsignedString(r.flags()));
    }
    attrs.forEach((k, v) -> flatten("attribute_" + k, v, kvs));
    res.forEach((k, v) -> flatten("resource_" + k, v, kvs));
    if (!scope.name().isEmpty()) {
      kvs.add(new Kv("instrumentation_scope_name", scope.name()));
      if (!scope.version().isEmpty()) {
        kvs.add(new Kv("instrumentation_scope_version", scope.version()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Kv kv : kvs) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(key(kv.key())).append('=');
      value(sb, kv.value());
    }
    return sb.toString();
  }

  private static void flatten(String key, AnyValue v, List<Kv> out) {
    switch (v) {
      case AnyValue.EmptyValue e -> { }
      case AnyValue.KvListValue kv -> {
        String prefix = key.isEmpty() ? "" : key + "_";
        for (KeyValue x : kv.values()) {
          flatten(prefix + x.key(), x.value(), out);
        }
      }
      case AnyValue.ArrayValue a -> {
        String prefix = key.isEmpty() ? "" : key + "_";
        for (int i = 0; i < a.values().size(); i++) {
          flatten(prefix + i, a.values().get(i), out);
        }
      }
      default -> out.add(new Kv(key, v));
    }
  }

  private static void replaceOrAppend(List<Kv> kvs, String key, String value) {
    for (int i = 0; i < kvs.size(); i++) {
      if (kvs.get(i).key().equals(key)) {
        kvs.set(i, new Kv(key, value));
        return;
      }
    }
    kvs.add(new Kv(key, value));
  }

  /** A logfmt key: characters logfmt cannot carry in a key ({@code space = "}, controls) become {@code _}. */
  private static String key(String k) {
    StringBuilder sb = new StringBuilder(k.length());
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      sb.append(c <= ' ' || c == '=' || c == '"' || c == 0x7f ? '_' : c);
    }
    return sb.isEmpty() ? "_" : sb.toString();
  }

  private static void value(StringBuilder sb, Object v) {
    String s = switch (v) {
      case AnyValue.StringValue x -> x.value();
      case AnyValue.BoolValue x -> Boolean.toString(x.value());
      case AnyValue.IntValue x -> Long.toString(x.value());
      case AnyValue.DoubleValue x -> x.value() == Math.rint(x.value()) && Math.abs(x.value()) < 1e21
          ? new java.math.BigDecimal(x.value()).toBigInteger().toString() : Double.toString(x.value());
      case AnyValue a -> a.asString();
      default -> String.valueOf(v);
    };
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '=' || c == '"' || c == 0x7f) {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** The pairs of a logfmt line, or null when it is not one (a token without {@code =}). */
  static List<Kv> parse(String line) {
    List<Kv> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      int k = i;
      while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ' && line.charAt(i) != '"') {
        i++;
      }
      if (i >= n || line.charAt(i) != '=' || i == k) {
        return null;
      }
      String key = line.substring(k, i);
      i++; // '='
      StringBuilder v = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i++);
          if (c == '\\' && i < n) {
            char e = line.charAt(i++);
            v.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            v.append(c);
          }
        }
        if (!closed || (i < n && line.charAt(i) != ' ')) {
          return null;
        }
      } else {
        while (i < n && line.charAt(i) != ' ') {
          char c = line.charAt(i++);
          if (c == '"' || c == '=') {
            return null;
          }
          v.append(c);
        }
      }
      out.add(new Kv(key, v.toString()));
    }
    return out.isEmpty() ? null : out;
  }
}
