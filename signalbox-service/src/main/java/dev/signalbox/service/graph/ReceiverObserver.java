package dev.signalbox.service.graph;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.telemetry.Meter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps the consumer a receiver feeds, counting what the pipelines accepted and refused under the
 * Collector's names ({@code otelcol_receiver_accepted_spans}, {@code otelcol_receiver_refused_spans})
 * with the receiver's {@code transport} taken from the context. Every receiver gets these counts for
 * free.
 */
final class ReceiverObserver<T extends Telemetry> implements Consumer<T> {
  private final Consumer<T> next;
  private final Meter meter;
  private final Signal<T> signal;
  private final ConcurrentHashMap<String, Meter.Counter[]> byTransport = new ConcurrentHashMap<>();

  ReceiverObserver(Signal<T> signal, Meter receiverMeter, Consumer<T> next) {
    this.signal = signal;
    this.meter = receiverMeter;
    this.next = next;
  }

  private Meter.Counter[] counters(String transport) {
    return byTransport.computeIfAbsent(transport, t -> new Meter.Counter[] {
        meter.counter("otelcol_receiver_accepted_" + signal.itemName(),
            "Number of " + signal.itemName() + " successfully pushed into the pipeline", "transport", t),
        meter.counter("otelcol_receiver_refused_" + signal.itemName(),
            "Number of " + signal.itemName() + " that could not be pushed into the pipeline", "transport", t)
    });
  }

  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    int n = data.itemCount();
    Meter.Counter[] c = counters(ctx.transport());
    try {
      next.consume(ctx, data);
    } catch (ConsumeException e) {
      int rejected = e.rejectedItems() >= 0 ? Math.min(e.rejectedItems(), n) : n;
      c[1].add(rejected);
      c[0].add(n - rejected);
      throw e;
    }
    c[0].add(n);
  }

  @Override
  public Capabilities capabilities() {
    return next.capabilities();
  }
}
