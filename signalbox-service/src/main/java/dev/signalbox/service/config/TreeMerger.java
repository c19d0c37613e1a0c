package dev.signalbox.service.config;

import dev.signalbox.service.config.ConfigNode.Entry;
import dev.signalbox.service.config.ConfigNode.MapNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges config sources in the order given, as the Collector does: maps merge key by key at every
 * depth; anything else (a scalar, a list, a key written with no value) written by a later source
 * replaces what earlier sources wrote. A merged map keeps the location of its first writer; every
 * leaf keeps its own.
 */
final class TreeMerger {
  private TreeMerger() {}

  static MapNode merge(MapNode base, MapNode over) {
    Map<String, Entry> entries = new LinkedHashMap<>(base.entries());
    for (Entry e : over.entries().values()) {
      Entry prev = entries.get(e.key());
      if (prev != null && prev.value() instanceof MapNode a && e.value() instanceof MapNode b) {
        entries.put(e.key(), new Entry(e.key(), prev.keyLocation(), merge(a, b)));
      } else {
        entries.put(e.key(), e);
      }
    }
    return new MapNode(base.location(), entries);
  }
}
