package dev.signalbox.testing.conformance;

import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.testing.SinkConsumer;
import org.junit.jupiter.api.Test;

/** Conformance of processors: one instance per declared signal starts and stops cleanly. */
public abstract class ProcessorConformance<C extends ComponentConfig> extends ComponentConformance<C> {
  @Override
  protected abstract ProcessorFactory<C> factory();

  @Test
  void startsAndStopsTwiceForEachSignal() throws Exception {
    C cfg = config();
    for (Signal<?> s : factory().signals().keySet()) {
      lifecycle(s, cfg);
    }
  }

  private <T extends Telemetry> void lifecycle(Signal<T> s, C cfg) throws Exception {
    assertLifecycle(() -> factory().create(s, settings(), cfg, new SinkConsumer<T>()));
  }
}
