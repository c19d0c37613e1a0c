package dev.signalbox.processor.batch;

import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.testing.conformance.ProcessorConformance;

class BatchProcessorConformanceTest extends ProcessorConformance<BatchProcessorConfig> {
  @Override
  protected ProcessorFactory<BatchProcessorConfig> factory() {
    return new BatchProcessorFactory();
  }
}
