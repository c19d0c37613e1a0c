package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Factory;
import dev.signalbox.component.Kind;
import dev.signalbox.config.ComponentConfig;
import java.util.Objects;

/**
 * A component defined in config: its id, the factory of its type and its config, bound over the
 * factory's {@code defaultConfig()} and validated. The type parameter ties the config to its
 * factory, so {@code factory().create(..., config(), ...)} needs no cast once captured.
 */
public record BoundComponent<C extends ComponentConfig>(ComponentId id, Factory<C> factory, C config) {
  public BoundComponent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(config, "config");
  }

  public Kind kind() {
    return factory.kind();
  }
}
