package dev.signalbox.component;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import java.util.Map;

/**
 * Creates receivers. One receiver instance serves every pipeline and signal its id is used in, so
 * a port is opened once: {@code next} holds the consumer of each signal it feeds.
 */
public interface ReceiverFactory<C extends ComponentConfig> extends Factory<C> {
  Map<Signal<?>, Stability> signals();

  Receiver create(ComponentSettings settings, C config, Consumers next) throws Exception;

  @Override
  default Kind kind() {
    return Kind.RECEIVER;
  }
}
