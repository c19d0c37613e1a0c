package dev.signalbox.service;

import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Factory;
import dev.signalbox.component.Kind;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The component factories a distribution offers, by kind and type. Built once from an explicit
 * list; registering one type twice for a kind is a programming error and fails at build time.
 */
public final class Registry {
  private final Map<Kind, Map<ComponentType, Factory<?>>> byKind;

  private Registry(Map<Kind, Map<ComponentType, Factory<?>>> byKind) {
    this.byKind = byKind;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The factory of {@code type} for {@code kind}, or null. */
  public Factory<?> get(Kind kind, ComponentType type) {
    return byKind.getOrDefault(kind, Map.of()).get(type);
  }

  /** The factories of one kind, sorted by type. */
  public Collection<Factory<?>> all(Kind kind) {
    return Collections.unmodifiableCollection(byKind.getOrDefault(kind, Map.of()).values());
  }

  /** The type names of one kind, sorted, for "known types are ..." messages. */
  public List<String> typeNames(Kind kind) {
    return byKind.getOrDefault(kind, Map.of()).keySet().stream().map(ComponentType::name).toList();
  }

  public static final class Builder {
    private final Map<Kind, Map<ComponentType, Factory<?>>> map = new EnumMap<>(Kind.class);

    public Builder add(Factory<?> factory) {
      Map<ComponentType, Factory<?>> m = map.computeIfAbsent(factory.kind(), k -> new TreeMap<>());
      Factory<?> prev = m.putIfAbsent(factory.type(), factory);
      if (prev != null) {
        throw new IllegalStateException("duplicate " + factory.kind().label() + " factory for type '"
            + factory.type() + "': " + prev.getClass().getName() + " and " + factory.getClass().getName());
      }
      return this;
    }

    public Builder addAll(Collection<? extends Factory<?>> factories) {
      factories.forEach(this::add);
      return this;
    }

    public Registry build() {
      Map<Kind, Map<ComponentType, Factory<?>>> copy = new EnumMap<>(Kind.class);
      map.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
      return new Registry(copy);
    }
  }
}
