package dev.signalbox.component;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import java.util.Map;

/** Creates processors: one instance per pipeline the id is used in. */
public interface ProcessorFactory<C extends ComponentConfig> extends Factory<C> {
  Map<Signal<?>, Stability> signals();

  <T extends Telemetry> Processor<T> create(Signal<T> signal, ComponentSettings settings, C config, Consumer<T> next)
      throws Exception;

  @Override
  default Kind kind() {
    return Kind.PROCESSOR;
  }
}
