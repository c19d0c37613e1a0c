package dev.signalbox.service.graph;

import dev.signalbox.component.Consumer;
import dev.signalbox.pdata.Telemetry;
import java.util.List;

/**
 * Lets the benchmarks build the service's package-private {@link FanOut} (same package name,
 * benchmark module only; nothing in Signalbox uses this).
 */
public final class FanOutAccess {
  private FanOutAccess() {}

  /** {@code FanOut.of(consumers)}. */
  public static <T extends Telemetry> Consumer<T> fanOut(List<Consumer<T>> consumers) {
    return FanOut.of(consumers);
  }
}
