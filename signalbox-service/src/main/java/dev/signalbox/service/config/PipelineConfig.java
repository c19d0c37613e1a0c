package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.pdata.Signal;
import java.util.List;

/**
 * One pipeline of {@code service.pipelines}, its references checked: every receiver is a defined
 * receiver or connector, every processor a defined processor, every exporter a defined exporter or
 * connector, each supporting the pipeline's signal. Lists keep the order written; processors run in
 * that order.
 */
public record PipelineConfig(
    PipelineId id, List<ComponentId> receivers, List<ComponentId> processors, List<ComponentId> exporters) {
  public PipelineConfig {
    receivers = List.copyOf(receivers);
    processors = List.copyOf(processors);
    exporters = List.copyOf(exporters);
  }

  public Signal<?> signal() {
    return id.signal();
  }
}
