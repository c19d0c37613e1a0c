package dev.signalbox.processor.memorylimiter;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.Processor;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.telemetry.Meter;

/** Refuses data with a retryable error while the checker says memory is above the soft limit. */
final class MemoryLimiterProcessor<T extends Telemetry> implements Processor<T> {
  private final MemoryChecker checker;
  private final Consumer<T> next;
  private final Meter.Counter refused;
  private final Runnable onShutdown;
  private boolean started;

  MemoryLimiterProcessor(Signal<T> signal, MemoryChecker checker, Meter meter, Consumer<T> next, Runnable onShutdown) {
    this.checker = checker;
    this.next = next;
    this.onShutdown = onShutdown;
    this.refused = meter.counter("otelcol_processor_refused_" + signal.itemName(),
        "Number of " + signal.itemName() + " refused by the memory limiter", "otel_signal", signal.name());
  }

  @Override
  public synchronized void start(Host host) {
    if (!started) {
      checker.acquire();
      started = true;
    }
  }

  /** Passes batches on without reading them: handles whatever native chunks its next consumer handles. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.NON_MUTATING.withNativeFormats(next.capabilities().nativeFormats());
  }

  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    if (checker.refusing()) {
      refused.add(data.itemCount());
      throw MemoryPressure.refusal();
    }
    next.consume(ctx, data);
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    if (started) {
      started = false;
      onShutdown.run();
    }
  }
}
