package dev.signalbox.processor.memorylimiter;

import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.testing.conformance.ProcessorConformance;

class MemoryLimiterProcessorConformanceTest extends ProcessorConformance<MemoryLimiterProcessorConfig> {
  @Override
  protected ProcessorFactory<MemoryLimiterProcessorConfig> factory() {
    return new MemoryLimiterProcessorFactory();
  }

  @Override
  protected String configYaml() {
    return "check_interval: 1s\nlimit_percentage: 90\nspike_limit_percentage: 10\n";
  }
}
