package dev.signalbox.service.graph;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Telemetry;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands one batch to several consumers with copy-on-mutate: consumers that declare
 * {@link Capabilities#mutatesData()} get a private copy; the others share the original, marked
 * read-only. When every consumer mutates, the last one gets the original. Copying a wire-backed
 * batch is O(1) (the bytes are shared), so fan-out of untouched data costs nothing.
 *
 * <p>Every consumer is called even if an earlier one refused. The result is the most useful one
 * for the client: a retryable refusal if any consumer refused retryably (a retry may duplicate data
 * in the consumers that accepted, which beats losing it in the one that refused), else a permanent
 * refusal if any, else success.
 */
final class FanOut<T extends Telemetry> implements Consumer<T> {
  private final List<Consumer<T>> readOnly;
  private final List<Consumer<T>> mutating;
  private final Capabilities capabilities;

  private FanOut(List<Consumer<T>> readOnly, List<Consumer<T>> mutating, Capabilities capabilities) {
    this.readOnly = readOnly;
    this.mutating = mutating;
    this.capabilities = capabilities;
  }

  /** A consumer feeding all of {@code consumers}; the consumer itself when there is only one. */
  static <T extends Telemetry> Consumer<T> of(List<Consumer<T>> consumers) {
    if (consumers.isEmpty()) {
      throw new IllegalArgumentException("fan-out needs at least one consumer");
    }
    if (consumers.size() == 1) {
      return consumers.get(0);
    }
    List<Consumer<T>> ro = new ArrayList<>();
    List<Consumer<T>> mut = new ArrayList<>();
    List<Capabilities> all = new ArrayList<>();
    for (Consumer<T> c : consumers) {
      (c.capabilities().mutatesData() ? mut : ro).add(c);
      all.add(c.capabilities());
    }
    // The fan-out copies for its mutating consumers itself, so it never mutates its input; a native
    // chunk may reach it only when every consumer handles its format.
    return new FanOut<>(List.copyOf(ro), List.copyOf(mut),
        Capabilities.NON_MUTATING.withNativeFormats(Capabilities.commonNativeFormats(all)));
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void consume(Context ctx, T data) throws ConsumeException {
    ConsumeException retryable = null;
    ConsumeException permanent = null;
    int lastMutating = readOnly.isEmpty() ? mutating.size() - 1 : -1;
    for (int i = 0; i < mutating.size(); i++) {
      T d = i == lastMutating ? data : (T) data.copy();
      try {
        mutating.get(i).consume(ctx, d);
      } catch (RetryableException e) {
        retryable = first(retryable, e);
      } catch (PermanentException e) {
        permanent = first(permanent, e);
      }
    }
    if (!readOnly.isEmpty()) {
      data.markReadOnly();
      for (Consumer<T> c : readOnly) {
        try {
          c.consume(ctx, data);
        } catch (RetryableException e) {
          retryable = first(retryable, e);
        } catch (PermanentException e) {
          permanent = first(permanent, e);
        }
      }
    }
    if (retryable != null) {
      throw retryable;
    }
    if (permanent != null) {
      throw permanent;
    }
  }

  private static ConsumeException first(ConsumeException prev, ConsumeException e) {
    if (prev != null) {
      prev.addSuppressed(e);
      return prev;
    }
    return e;
  }
}
