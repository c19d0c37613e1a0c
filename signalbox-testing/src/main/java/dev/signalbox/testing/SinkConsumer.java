package dev.signalbox.testing;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A consumer that keeps everything it accepts, with the context it came with, and can be told to
 * refuse. Thread-safe.
 */
public final class SinkConsumer<T extends Telemetry> implements Consumer<T> {
  /** One accepted batch. */
  public record Received<T>(Context context, T data) {}

  private final List<Received<T>> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger items = new AtomicInteger();
  private final AtomicReference<ConsumeException> refuseWith = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    calls.incrementAndGet();
    ConsumeException e = refuseWith.get();
    if (e != null) {
      throw e;
    }
    items.addAndGet(data.itemCount());
    received.add(new Received<>(ctx, data));
  }

  /** From now on refuse every batch with {@code e}; null to accept again. */
  public void refuseWith(ConsumeException e) {
    refuseWith.set(e);
  }

  public List<Received<T>> received() {
    return List.copyOf(received);
  }

  public List<T> batches() {
    List<T> out = new ArrayList<>();
    received.forEach(r -> out.add(r.data()));
    return out;
  }

  /** Items (spans, data points, log records) accepted so far. */
  public int itemCount() {
    return items.get();
  }

  /** consume calls so far, accepted or refused. */
  public int calls() {
    return calls.get();
  }

  public void clear() {
    received.clear();
    items.set(0);
  }
}
