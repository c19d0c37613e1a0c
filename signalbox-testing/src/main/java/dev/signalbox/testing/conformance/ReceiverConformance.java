package dev.signalbox.testing.conformance;

import dev.signalbox.component.Consumers;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.testing.SinkConsumer;
import org.junit.jupiter.api.Test;

/** Conformance of receivers: starts and stops cleanly (ports released) feeding each of its signals. */
public abstract class ReceiverConformance<C extends ComponentConfig> extends ComponentConformance<C> {
  @Override
  protected abstract ReceiverFactory<C> factory();

  @Test
  void startsAndStopsTwiceFeedingAllItsSignals() throws Exception {
    Consumers.Builder b = Consumers.builder();
    for (Signal<?> s : factory().signals().keySet()) {
      put(b, s);
    }
    Consumers consumers = b.build();
    C cfg = config();
    assertLifecycle(() -> factory().create(settings(), cfg, consumers));
  }

  @Test
  void startsAndStopsForEachSignalAlone() throws Exception {
    C cfg = config();
    for (Signal<?> s : factory().signals().keySet()) {
      Consumers.Builder b = Consumers.builder();
      put(b, s);
      Consumers consumers = b.build();
      assertLifecycle(() -> factory().create(settings(), cfg, consumers));
    }
  }

  private static <T extends Telemetry> void put(Consumers.Builder b, Signal<T> s) {
    b.put(s, new SinkConsumer<T>());
  }
}
