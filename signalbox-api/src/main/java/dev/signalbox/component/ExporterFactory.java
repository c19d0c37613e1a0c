package dev.signalbox.component;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/**
 * Creates exporters: one instance per id, serving every signal it is used with (so a file or a
 * connection is shared between signals).
 */
public interface ExporterFactory<C extends ComponentConfig> extends Factory<C> {
  Map<Signal<?>, Stability> signals();

  Exporter create(ComponentSettings settings, C config, Set<Signal<?>> signals) throws Exception;

  @Override
  default Kind kind() {
    return Kind.EXPORTER;
  }
}
