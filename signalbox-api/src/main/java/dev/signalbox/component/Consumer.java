package dev.signalbox.component;

import dev.signalbox.pdata.Telemetry;

/**
 * Where a stage hands its data to the next one.
 *
 * @param <T> the signal's batch type
 */
public interface Consumer<T extends Telemetry> {
  /**
   * Takes {@code data}. Synchronous: returning means the data was accepted (queued or delivered);
   * throwing means it was refused, and the exception says whether a retry may help. Ownership of
   * {@code data} passes to the callee: the caller must not use it afterwards, whatever the outcome.
   * May block to apply back-pressure.
   */
  void consume(Context ctx, T data) throws ConsumeException;

  /** Whether this consumer modifies the data it receives. */
  default Capabilities capabilities() {
    return Capabilities.NON_MUTATING;
  }
}
