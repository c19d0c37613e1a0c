package dev.signalbox.pdata;

/** Minimal JSON rendering of array and map values for {@link AnyValue#asString()}. */
final class JsonText {
  private JsonText() {}

  static String of(AnyValue v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, AnyValue v) {
    switch (v) {
      case AnyValue.StringValue s -> quote(sb, s.value());
      case AnyValue.BoolValue b -> sb.append(b.value());
      case AnyValue.IntValue i -> sb.append(i.value());
      case AnyValue.DoubleValue d -> sb.append(d.value());
      case AnyValue.BytesValue b -> quote(sb, v.asString());
      case AnyValue.EmptyValue e -> sb.append("null");
      case AnyValue.ArrayValue a -> {
        sb.append('[');
        for (int i = 0; i < a.values().size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, a.values().get(i));
        }
        sb.append(']');
      }
      case AnyValue.KvListValue kv -> {
        sb.append('{');
        for (int i = 0; i < kv.values().size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          quote(sb, kv.values().get(i).key());
          sb.append(':');
          write(sb, kv.values().get(i).value());
        }
        sb.append('}');
      }
    }
  }

  static void quote(StringBuilder sb, String s) {
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
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
