package dev.signalbox.sdk.exporterhelper;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The waits between attempts of one batch, as the Collector's (cenkalti/backoff
 * {@code ExponentialBackOff}): the n-th wait is drawn uniformly from
 * {@code interval * (1 ± randomization_factor)}, then the interval is multiplied by
 * {@code multiplier} up to {@code max_interval}. Not thread-safe: one per batch.
 */
final class Backoff {
  private final double factor;
  private final double multiplier;
  private final long maxIntervalNanos;
  private final DoubleSupplier random;
  private long intervalNanos;

  /** @param random uniform values in [0, 1] */
  Backoff(RetryConfig config, DoubleSupplier random) {
    this.factor = config.randomizationFactor();
    this.multiplier = config.multiplier();
    this.maxIntervalNanos = config.maxInterval().toNanos();
    this.random = random;
    this.intervalNanos = config.initialInterval().toNanos();
  }

  /** The next wait; advances the interval. */
  Duration next() {
    double interval = intervalNanos;
    double delta = factor * interval;
    double wait = interval - delta + random.getAsDouble() * 2 * delta;
    if (interval >= maxIntervalNanos / multiplier) {
      intervalNanos = maxIntervalNanos;
    } else {
      intervalNanos = (long) (interval * multiplier);
    }
    return Duration.ofNanos(Math.round(wait));
  }
}
