package dev.signalbox.sdk.admission;

import dev.signalbox.component.RetryableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide admission control, set by the {@code memory_limiter} processor and applied by the
 * servers and receivers <em>before</em> a request is read or decoded, so an overload is refused at
 * the door (gRPC RESOURCE_EXHAUSTED, HTTP 429, with a retry hint) instead of buffered:
 * <ul>
 *   <li>{@link #refusing()}: the heap is above the memory limiter's soft limit;</li>
 *   <li>{@link #tryAdmit(long)}: the bytes of requests being read and processed stay within a
 *       budget (the memory limiter's spike headroom). A request is admitted as its bytes arrive and
 *       released when its response is sent. With nothing in flight any request is admitted, so a
 *       request larger than the budget still makes progress (its size is bounded by the server's
 *       own limit).</li>
 * </ul>
 * Memory is a property of the process, hence one global state. Reads are a volatile load; admission
 * is one CAS.
 */
public final class MemoryPressure {
  private static volatile boolean refusing;
  private static volatile Duration retryAfter = Duration.ofSeconds(1);
  private static volatile long budget = Long.MAX_VALUE;
  private static final AtomicLong inflight = new AtomicLong();

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

  /** The refusal for a request that does not fit in the in-flight budget. */
  public static RetryableException budgetRefusal(long bytes) {
    if (refusing) {
      return refusal();
    }
    return new RetryableException("data refused due to high memory usage: a request of " + bytes
        + " bytes does not fit beside the " + inflight.get() + " bytes of requests in flight (budget " + budget
        + " bytes)", null, retryAfter, true);
  }

  /**
   * Reserves {@code bytes} of the in-flight budget; false (nothing reserved) when memory is above
   * the soft limit or the bytes do not fit. Every successful call is paired with {@link #release}.
   */
  public static boolean tryAdmit(long bytes) {
    if (refusing) {
      return false;
    }
    while (true) {
      long cur = inflight.get();
      if (cur > 0 && cur + bytes > budget) {
        return false;
      }
      if (inflight.compareAndSet(cur, cur + bytes)) {
        return true;
      }
    }
  }

  public static void release(long bytes) {
    inflight.addAndGet(-bytes);
  }

  /** Bytes of requests admitted and not yet released. */
  public static long inflight() {
    return inflight.get();
  }

  /** For the memory limiter: sets the state and the retry hint given to clients. */
  public static void set(boolean refuse, Duration hint) {
    retryAfter = hint;
    refusing = refuse;
  }

  /** For the memory limiter: the in-flight byte budget ({@link Long#MAX_VALUE}: unlimited). */
  public static void setBudget(long bytes) {
    budget = bytes;
  }

  public static long budget() {
    return budget;
  }
}
