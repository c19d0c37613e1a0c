package dev.signalbox.processor.batch;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Processor;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import java.util.Map;

/** Factory of the {@code batch} processor. */
public final class BatchProcessorFactory implements ProcessorFactory<BatchProcessorConfig> {
  public static final ComponentType TYPE = ComponentType.of("batch");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<BatchProcessorConfig> configClass() {
    return BatchProcessorConfig.class;
  }

  @Override
  public BatchProcessorConfig defaultConfig() {
    return BatchProcessorConfig.defaults();
  }

  @Override
  public String description() {
    return "Groups data into batches by size and time before export";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA, Signal.METRICS, Stability.BETA, Signal.LOGS, Stability.BETA);
  }

  @Override
  public <T extends Telemetry> Processor<T> create(
      Signal<T> signal, ComponentSettings settings, BatchProcessorConfig config, Consumer<T> next) {
    return new BatchProcessor<>(signal, settings, config, next);
  }
}
