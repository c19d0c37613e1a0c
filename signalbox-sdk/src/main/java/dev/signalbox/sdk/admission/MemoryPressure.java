package dev.signalbox.sdk.admission;

import dev.signalbox.component.RetryableException;
import java.time.Duration;

/**
 * Process-wide memory state set by the {@code memory_limiter} processor and read by receivers
 * before they read or decode a request, so an overloaded process refuses new data at the door
 * (gRPC RESOURCE_EXHAUSTED, HTTP 429, with a retry hint) instead of buffering it. Memory is a
 * property of the process, hence one global instance. Reading is a volatile load.
 */
public final class MemoryPressure {
  private static volatile boolean refusing;
  private static volatile Duration retryAfter = Duration.ofSeconds(1);

  private MemoryPressure() {}

  /** True while the memory limiter refuses data. */
  public static boolean refusing() {
    return refusing;
  }

  /** Throws the refusal receivers should return while memory is above the soft limit. */
  public static void check() throws RetryableException {
    if (refusing) {
      throw refusal();
    }
  }

  public static RetryableException refusal() {
    return new RetryableException("data refused due to high memory usage", null, retryAfter, true);
  }

  /** For the memory limiter: sets the state and the retry hint given to clients. */
  public static void set(boolean refuse, Duration hint) {
    retryAfter = hint;
    refusing = refuse;
  }
}
