package dev.signalbox.service.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable YAML tree in which every node keeps where it was written. Scalars stay strings
 * (binding converts them); a key written with no value is a {@link NullNode}. Map entries keep the
 * location of their key, which is where problems about that key are reported.
 */
sealed interface ConfigNode {
  Location location();

  /** How a problem message names this node: {@code a map}, {@code a list}, {@code no value}, or {@code 'text'}. */
  default String describe() {
    return describe(false);
  }

  /**
   * Like {@link #describe()}, but never shows a scalar's text when {@code sensitive} (the value was
   * meant for a {@link dev.signalbox.config.Secret}).
   */
  String describe(boolean sensitive);

  /** One key of a map, with the location of the key itself. */
  record Entry(String key, Location keyLocation, ConfigNode value) {}

  /** A map in the order its keys were written. */
  record MapNode(Location location, Map<String, Entry> entries) implements ConfigNode {
    public MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    static MapNode empty(Location location) {
      return new MapNode(location, Map.of());
    }

    Entry entry(String key) {
      return entries.get(key);
    }

    /** The value of {@code key}, or null when the key is not written. */
    ConfigNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe(boolean sensitive) {
      return "a map";
    }
  }

  record ListNode(Location location, List<ConfigNode> items) implements ConfigNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe(boolean sensitive) {
      return "a list";
    }
  }

  record ScalarNode(Location location, String value) implements ConfigNode {
    private static final int SHOWN = 60;

    @Override
    public String describe(boolean sensitive) {
      if (sensitive) {
        return "a string";
      }
      String shown = value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value;
      return "'" + shown + "'";
    }
  }

  /** A key written with no value ({@code key:}), or {@code null} / {@code ~}. */
  record NullNode(Location location) implements ConfigNode {
    @Override
    public String describe(boolean sensitive) {
      return "no value";
    }
  }
}
