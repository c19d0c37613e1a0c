package dev.signalbox.service.graph;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Telemetry;

/**
 * The first consumer of a pipeline. It declares the pipeline's capabilities: if any processor in
 * the pipeline modifies data, the pipeline as a whole does, so a receiver shared with other
 * pipelines hands it a private copy.
 */
record PipelineEntry<T extends Telemetry>(Consumer<T> first, Capabilities capabilities) implements Consumer<T> {
  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    first.consume(ctx, data);
  }
}
