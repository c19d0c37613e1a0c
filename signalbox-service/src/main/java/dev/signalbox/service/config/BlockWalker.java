package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.service.config.ConfigNode.MapNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Walks a bound config tree (records, lists, sets and maps) and visits every {@link ConfigBlock}
 * with its key path: the path of the key it is bound at, or its parent's path for a
 * {@link dev.signalbox.config.Squash}ed block, whose keys are written at the parent's level.
 */
final class BlockWalker {
  private BlockWalker() {}

  /** A {@code host:port} address a block listens on, and the path of the block. */
  record Listen(String path, String address) {}

  /**
   * Calls {@link ConfigBlock#validate} on every block below and including {@code value}, each with a
   * view of {@code problems} at its path. A validate that throws (breaking its contract) is reported
   * as a problem of its block.
   */
  static void validate(Object value, String path, Problems problems) {
    walk(value, path, (block, at) -> {
      try {
        block.validate(problems.at(at));
      } catch (RuntimeException e) {
        problems.at(at).error("validation failed: " + e);
      }
    });
  }

  /**
   * Validates like {@link #validate(Object, String, Problems)} and reports each problem to
   * {@code diagnostics} at the location of its key in {@code root} (or of the nearest written
   * ancestor when the key is not written). Problems at or below a key that failed to bind are
   * dropped: that value holds its default and its binding error says what to fix.
   */
  static void validate(Object value, String path, MapNode root, Diagnostics diagnostics) {
    Problems problems = new Problems();
    validate(value, path, problems);
    List<Problems.Problem> kept =
        problems.all().stream().filter(p -> !diagnostics.hasErrorAtOrAbove(p.path())).toList();
    for (Problems.Problem p : kept) {
      diagnostics.error(KeyPaths.locate(root, p.path()), p.path(), p.message());
    }
  }

  /**
   * The addresses every block below and including {@code value} listens on. An address a block
   * reports that one of its own descendants also reports is counted once, at the descendant (a
   * receiver config may sum up its servers' addresses, or leave that to them).
   */
  static List<Listen> listenAddresses(Object value, String path) {
    List<Listen> below = new ArrayList<>();
    forEachChild(value, path, (child, childPath) -> below.addAll(listenAddresses(child, childPath)));
    if (!(value instanceof ConfigBlock block)) {
      return below;
    }
    List<String> unclaimed = new ArrayList<>(below.stream().map(Listen::address).toList());
    List<Listen> out = new ArrayList<>(below);
    for (String address : block.listenAddresses()) {
      if (!unclaimed.remove(address)) {
        out.add(new Listen(path, address));
      }
    }
    return out;
  }

  private interface Visitor {
    void visit(ConfigBlock block, String path);
  }

  private interface ChildVisitor {
    void visit(Object child, String path);
  }

  private static void walk(Object value, String path, Visitor visitor) {
    if (value instanceof ConfigBlock block) {
      visitor.visit(block, path);
    }
    forEachChild(value, path, (child, childPath) -> walk(child, childPath, visitor));
  }

  private static void forEachChild(Object value, String path, ChildVisitor visitor) {
    switch (value) {
      case null -> { }
      case ByteSize b -> { }
      case ComponentId id -> { }
      case Record r -> {
        for (RecordShape.Field f : RecordShape.of(r.getClass()).fields()) {
          Object child = f.get(r);
          if (child != null) {
            visitor.visit(child, f.squash() ? path : KeyPaths.join(path, f.key()));
          }
        }
      }
      case Map<?, ?> m -> m.forEach((k, v) -> visitor.visit(v, KeyPaths.join(path, String.valueOf(k))));
      case Collection<?> c -> {
        int i = 0;
        for (Object item : c) {
          visitor.visit(item, KeyPaths.index(path, i++));
        }
      }
      default -> { }
    }
  }
}
