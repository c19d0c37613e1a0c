package dev.signalbox.component;

import java.time.Duration;

/**
 * A refusal that may succeed later: a full queue, exhausted memory, an unreachable or overloaded
 * backend. Receivers answer it with a retryable status (gRPC UNAVAILABLE or RESOURCE_EXHAUSTED with
 * RetryInfo, HTTP 503 or 429 with Retry-After).
 */
public final class RetryableException extends ConsumeException {
  private final Duration retryAfter;
  private final boolean resourceExhausted;

  public RetryableException(String message) {
    this(message, null, null, false);
  }

  public RetryableException(String message, Throwable cause) {
    this(message, cause, null, false);
  }

  /**
   * @param retryAfter the delay the refusing party asked for, or null
   * @param resourceExhausted true when the refusal is about our own limits (queue, memory), which
   *     maps to gRPC RESOURCE_EXHAUSTED / HTTP 429 rather than UNAVAILABLE / 503
   */
  public RetryableException(String message, Throwable cause, Duration retryAfter, boolean resourceExhausted) {
    super(message, cause, -1);
    this.retryAfter = retryAfter;
    this.resourceExhausted = resourceExhausted;
  }

  /** The delay asked for by whoever refused, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean resourceExhausted() {
    return resourceExhausted;
  }
}
