package dev.signalbox.distribution;

import dev.signalbox.exporter.debug.DebugExporterFactory;
import dev.signalbox.processor.batch.BatchProcessorFactory;
import dev.signalbox.processor.memorylimiter.MemoryLimiterProcessorFactory;
import dev.signalbox.service.Registry;

/** The explicit list of components this distribution offers. */
public final class BuiltinComponents {
  private BuiltinComponents() {}

  public static Registry registry() {
    return Registry.builder()
        .add(new BatchProcessorFactory())
        .add(new MemoryLimiterProcessorFactory())
        .add(new DebugExporterFactory())
        .build();
  }
}
