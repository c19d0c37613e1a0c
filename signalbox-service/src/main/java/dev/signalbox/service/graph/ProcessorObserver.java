package dev.signalbox.service.graph;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.telemetry.Meter;

/**
 * Counts items entering or leaving a processor, as the Collector's
 * {@code otelcol_processor_incoming_items} / {@code otelcol_processor_outgoing_items}
 * (label {@code otel_signal}).
 */
final class ProcessorObserver<T extends Telemetry> implements Consumer<T> {
  private final Consumer<T> next;
  private final Meter.Counter counter;

  ProcessorObserver(Consumer<T> next, Meter.Counter counter) {
    this.next = next;
    this.counter = counter;
  }

  static <T extends Telemetry> ProcessorObserver<T> incoming(Consumer<T> processor, Meter meter, String signal) {
    return new ProcessorObserver<>(processor, meter.counter("otelcol_processor_incoming_items",
        "Number of items passed to the processor", "otel_signal", signal));
  }

  static <T extends Telemetry> ProcessorObserver<T> outgoing(Consumer<T> next, Meter meter, String signal) {
    return new ProcessorObserver<>(next, meter.counter("otelcol_processor_outgoing_items",
        "Number of items emitted from the processor", "otel_signal", signal));
  }

  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    counter.add(data.itemCount());
    next.consume(ctx, data);
  }

  @Override
  public Capabilities capabilities() {
    return next.capabilities();
  }
}
