package dev.signalbox.service.config;

import dev.signalbox.service.config.ConfigNode.ListNode;
import dev.signalbox.service.config.ConfigNode.MapNode;
import java.util.Locale;

/**
 * Key paths as problems name them: keys joined by {@code .}, list elements as {@code [i]}
 * ({@code exporters.otlp.headers}, {@code service.pipelines.traces.receivers[1]}). Keys may contain
 * dots themselves ({@code otlp/my.backend}, {@code service.name}), so a path is resolved against
 * the tree by matching the longest written key, never by splitting on dots.
 */
final class KeyPaths {
  private KeyPaths() {}

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  /** True when {@code path} is {@code ancestor} or lies below it. */
  static boolean isAtOrBelow(String path, String ancestor) {
    if (ancestor.isEmpty() || path.equals(ancestor)) {
      return true;
    }
    return path.startsWith(ancestor)
        && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
  }

  /**
   * The location of {@code path} in {@code root}: the key's own location when it is written, else
   * that of its nearest written ancestor, else the root's.
   */
  static Location locate(MapNode root, String path) {
    return walk(root, path).location();
  }

  /** The node written at exactly {@code path}, or null. */
  static ConfigNode find(MapNode root, String path) {
    Walk w = walk(root, path);
    return w.complete() ? w.node() : null;
  }

  /** How far {@code path} leads into the tree: the last node reached and the location of its key. */
  private record Walk(ConfigNode node, Location location, boolean complete) {}

  private static Walk walk(MapNode root, String path) {
    ConfigNode node = root;
    Location found = root.location();
    String rest = path;
    while (!rest.isEmpty()) {
      if (node instanceof MapNode map && longestKeyPrefix(map, rest) instanceof String key) {
        var entry = map.entry(key);
        found = entry.keyLocation();
        node = entry.value();
        rest = stripDot(rest.substring(key.length()));
      } else if (node instanceof ListNode list && rest.startsWith("[") && rest.indexOf(']') > 0) {
        int close = rest.indexOf(']');
        int i = parseIndex(rest.substring(1, close));
        if (i < 0 || i >= list.items().size()) {
          break;
        }
        node = list.items().get(i);
        found = node.location();
        rest = stripDot(rest.substring(close + 1));
      } else {
        break;
      }
    }
    return new Walk(node, found, rest.isEmpty());
  }

  private static String longestKeyPrefix(MapNode map, String rest) {
    String best = null;
    for (String key : map.entries().keySet()) {
      boolean matches = rest.equals(key)
          || (rest.startsWith(key) && (rest.charAt(key.length()) == '.' || rest.charAt(key.length()) == '['));
      if (matches && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    return best;
  }

  private static String stripDot(String s) {
    return s.startsWith(".") ? s.substring(1) : s;
  }

  private static int parseIndex(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code sendBatchSize} → {@code send_batch_size}; {@code tlsCAFile} → {@code tls_ca_file}. */
  static String snakeCase(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
          sb.append('_');
        }
      }
      sb.append(Character.toLowerCase(c));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
