package dev.signalbox.testing.conformance;

import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.config.ComponentConfig;
import org.junit.jupiter.api.Test;

/** Conformance of extensions: start and stop cleanly. */
public abstract class ExtensionConformance<C extends ComponentConfig> extends ComponentConformance<C> {
  @Override
  protected abstract ExtensionFactory<C> factory();

  @Test
  void startsAndStopsTwice() throws Exception {
    C cfg = config();
    assertLifecycle(() -> factory().create(settings(), cfg));
  }
}
