package dev.signalbox.service.config;

import dev.signalbox.service.config.ConfigNode.Entry;
import dev.signalbox.service.config.ConfigNode.ListNode;
import dev.signalbox.service.config.ConfigNode.MapNode;
import dev.signalbox.service.config.ConfigNode.NullNode;
import dev.signalbox.service.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses one YAML source (YAML 1.2 core schema, as the Collector's go-yaml) into a {@link ConfigNode}
 * tree that keeps each node's source, line and column. Beyond plain parsing it:
 * <ul>
 *   <li>reports a key written twice in one map (YAML forbids it; the Collector rejects it too);
 *   <li>applies merge keys ({@code <<: *anchor}), keys written explicitly winning;
 *   <li>splits keys on {@code ::} into nested maps, as the Collector's confmap does for every source,
 *       so {@code yaml:exporters::debug::verbosity: detailed} and a file's
 *       {@code processors::batch::timeout: 2s} both mean the nested keys.
 * </ul>
 * Syntax errors are reported with their location and the parser's description, never with a
 * snippet of the source (which could hold a secret).
 */
final class YamlReader {
  static final String KEY_DELIMITER = "::";
  private static final int MAX_ALIASES = 100;

  private final int sourceIndex;
  private final String source;
  private final Diagnostics diagnostics;
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlReader(int sourceIndex, String source, Diagnostics diagnostics) {
    this.sourceIndex = sourceIndex;
    this.source = source;
    this.diagnostics = diagnostics;
  }

  /**
   * The top-level map of {@code text}, an empty map for an empty document, or null after reporting
   * a syntax error or a top level that is not a map.
   */
  static MapNode read(int sourceIndex, String source, String text, Diagnostics diagnostics) {
    return new YamlReader(sourceIndex, source, diagnostics).readTop(text);
  }

  private MapNode readTop(String text) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source)
        .setSchema(new CoreSchema())
        .setUseMarks(true)
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Location where = e.getProblemMark().or(e::getContextMark).map(this::location)
          .orElse(Location.ofSource(sourceIndex, source));
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      diagnostics.error(where, "", "invalid YAML: " + context + e.getProblem());
      return null;
    } catch (YamlEngineException e) {
      diagnostics.error(Location.ofSource(sourceIndex, source), "", "invalid YAML: " + e.getMessage());
      return null;
    }
    Location start = new Location(sourceIndex, source, 1, 1);
    if (root.isEmpty()) {
      return MapNode.empty(start);
    }
    ConfigNode top = convert(root.get(), "");
    return switch (top) {
      case MapNode m -> m;
      case NullNode n -> MapNode.empty(start);
      default -> {
        diagnostics.error(top.location(), "", "the top level must be a map, got " + top.describe());
        yield null;
      }
    };
  }

  private ConfigNode convert(Node node, String path) {
    Location loc = node.getStartMark().map(this::location).orElse(Location.ofSource(sourceIndex, source));
    if (!inProgress.add(node)) {
      diagnostics.error(loc, path, "invalid YAML: an alias refers to a node that contains it");
      return new NullNode(loc);
    }
    try {
      return switch (node) {
        case org.snakeyaml.engine.v2.nodes.ScalarNode s ->
            Tag.NULL.equals(s.getTag()) ? new NullNode(loc) : new ScalarNode(loc, s.getValue());
        case SequenceNode seq -> {
          List<ConfigNode> items = new ArrayList<>();
          for (Node item : seq.getValue()) {
            items.add(convert(item, KeyPaths.index(path, items.size())));
          }
          yield new ListNode(loc, items);
        }
        case MappingNode map -> convertMap(map, loc, path);
        default -> new NullNode(loc);
      };
    } finally {
      inProgress.remove(node);
    }
  }

  private MapNode convertMap(MappingNode map, Location loc, String path) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<MapNode> merged = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      Node keyNode = t.getKeyNode();
      Location keyLoc = keyNode.getStartMark().map(this::location).orElse(loc);
      if (!(keyNode instanceof org.snakeyaml.engine.v2.nodes.ScalarNode keyScalar)) {
        diagnostics.error(keyLoc, path, "a key must be a string, got " + (keyNode instanceof SequenceNode ? "a list" : "a map"));
        continue;
      }
      if (Tag.MERGE.equals(keyScalar.getTag())) {
        collectMergeSources(convert(t.getValueNode(), path), merged, keyLoc, path);
        continue;
      }
      String key = keyScalar.getValue();
      ConfigNode value = convert(t.getValueNode(), KeyPaths.join(path, key.replace(KEY_DELIMITER, ".")));
      putSplit(entries, key, keyLoc, value, path);
    }
    for (MapNode m : merged) {
      for (Entry e : m.entries().values()) {
        entries.putIfAbsent(e.key(), e);
      }
    }
    return new MapNode(loc, entries);
  }

  private void collectMergeSources(ConfigNode value, List<MapNode> out, Location keyLoc, String path) {
    switch (value) {
      case MapNode m -> out.add(m);
      case ListNode l -> l.items().forEach(item -> collectMergeSources(item, out, keyLoc, path));
      default -> diagnostics.error(keyLoc, path, "a merge key '<<' needs a map or a list of maps, got " + value.describe());
    }
  }

  /** Puts {@code key: value}, nesting it when the key holds {@code ::}. */
  private void putSplit(Map<String, Entry> entries, String key, Location keyLoc, ConfigNode value, String path) {
    int cut = key.indexOf(KEY_DELIMITER);
    String head = cut < 0 ? key : key.substring(0, cut);
    ConfigNode headValue =
        cut < 0 ? value : nest(key.substring(cut + KEY_DELIMITER.length()), keyLoc, value, KeyPaths.join(path, head));
    Entry previous = entries.get(head);
    if (previous == null) {
      entries.put(head, new Entry(head, keyLoc, headValue));
    } else if (cut >= 0 && previous.value() instanceof MapNode prevMap && headValue instanceof MapNode newMap) {
      Map<String, Entry> combined = new LinkedHashMap<>(prevMap.entries());
      for (Entry e : newMap.entries().values()) {
        putSplit(combined, e.key(), e.keyLocation(), e.value(), KeyPaths.join(path, head));
      }
      entries.put(head, new Entry(head, previous.keyLocation(), new MapNode(prevMap.location(), combined)));
    } else {
      diagnostics.error(keyLoc, KeyPaths.join(path, head), "duplicate key '" + head + "'; it is also written at line "
          + previous.keyLocation().line());
    }
  }

  private MapNode nest(String rest, Location keyLoc, ConfigNode value, String path) {
    Map<String, Entry> one = new LinkedHashMap<>();
    putSplit(one, rest, keyLoc, value, path);
    return new MapNode(keyLoc, one);
  }

  private Location location(Mark mark) {
    return new Location(sourceIndex, source, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
