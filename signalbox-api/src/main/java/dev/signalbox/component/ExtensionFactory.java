package dev.signalbox.component;

import dev.signalbox.config.ComponentConfig;

/** Creates extensions. */
public interface ExtensionFactory<C extends ComponentConfig> extends Factory<C> {
  Extension create(ComponentSettings settings, C config) throws Exception;

  default Stability stability() {
    return Stability.BETA;
  }

  @Override
  default Kind kind() {
    return Kind.EXTENSION;
  }
}
