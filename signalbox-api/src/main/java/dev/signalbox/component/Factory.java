package dev.signalbox.component;

import dev.signalbox.config.ComponentConfig;

/**
 * Creates components of one type. The config record's defaults live in exactly one place,
 * {@link #defaultConfig()}; user YAML is bound over them.
 *
 * @param <C> the config record
 */
public interface Factory<C extends ComponentConfig> {
  ComponentType type();

  Kind kind();

  Class<C> configClass();

  C defaultConfig();

  /** One line for {@code signalbox components}. */
  default String description() {
    return "";
  }
}
