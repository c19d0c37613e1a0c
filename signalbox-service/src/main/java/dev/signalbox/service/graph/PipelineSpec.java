package dev.signalbox.service.graph;

import dev.signalbox.component.ComponentId;
import dev.signalbox.pdata.Signal;
import java.util.List;

/** One pipeline as configured: its id ({@code traces/in}), signal and ordered component ids. */
public record PipelineSpec(
    String id, Signal<?> signal, List<ComponentId> receivers, List<ComponentId> processors, List<ComponentId> exporters) {
  public PipelineSpec {
    receivers = List.copyOf(receivers);
    processors = List.copyOf(processors);
    exporters = List.copyOf(exporters);
  }
}
