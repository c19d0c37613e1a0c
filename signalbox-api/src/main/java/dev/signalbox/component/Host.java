package dev.signalbox.component;

import java.util.Map;
import java.util.Optional;

/** What the running service offers its components. */
public interface Host {
  /** The extensions configured under {@code service.extensions}, started before everything else. */
  Map<ComponentId, Extension> extensions();

  /** The extension with {@code id} if it is configured and of {@code type}. */
  default <E> Optional<E> extension(ComponentId id, Class<E> type) {
    Extension e = extensions().get(id);
    return type.isInstance(e) ? Optional.of(type.cast(e)) : Optional.empty();
  }

  /** The health of every component and pipeline, as their status reports say. */
  HealthView health();
}
