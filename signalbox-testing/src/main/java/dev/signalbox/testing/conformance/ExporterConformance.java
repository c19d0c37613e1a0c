package dev.signalbox.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import org.junit.jupiter.api.Test;

/** Conformance of exporters: a consumer for every declared signal; start and stop cleanly. */
public abstract class ExporterConformance<C extends ComponentConfig> extends ComponentConformance<C> {
  @Override
  protected abstract ExporterFactory<C> factory();

  @Test
  void givesAConsumerForEveryDeclaredSignal() throws Exception {
    Exporter e = factory().create(settings(), config(), factory().signals().keySet());
    for (Signal<?> s : factory().signals().keySet()) {
      assertThat(e.consumer(s)).as(s.name()).isNotNull();
    }
  }

  @Test
  void startsAndStopsTwice() throws Exception {
    C cfg = config();
    assertLifecycle(() -> factory().create(settings(), cfg, factory().signals().keySet()));
  }
}
