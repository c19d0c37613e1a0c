package dev.signalbox.exporter.elasticsearch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** JSON text as maps, lists, strings, longs/doubles, booleans and null; for reading answers in tests. */
final class JsonTree {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonTree() {}

  static Object parse(String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      p.nextToken();
      return value(p);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    return (Map<String, Object>) parse(text);
  }

  private static Object value(JsonParser p) {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value(p));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> null;
    };
  }

  /**
   * A field by dotted path through nested objects; at each level a flat dotted key that matches
   * the rest of the path wins (documents may hold either form). Null when absent.
   */
  @SuppressWarnings("unchecked")
  static Object at(Object node, String path) {
    Object cur = node;
    String rest = path;
    while (cur instanceof Map<?, ?> m) {
      if (m.containsKey(rest)) {
        return m.get(rest);
      }
      int dot = rest.indexOf('.');
      if (dot < 0) {
        return null;
      }
      cur = ((Map<String, Object>) m).get(rest.substring(0, dot));
      rest = rest.substring(dot + 1);
    }
    return null;
  }
}
