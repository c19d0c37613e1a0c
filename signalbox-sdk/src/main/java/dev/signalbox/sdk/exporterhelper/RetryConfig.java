package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * The {@code retry_on_failure} block of an exporter: exponential backoff with jitter for batches
 * whose sending failed in a way that may succeed later. Keys and defaults are the OpenTelemetry
 * Collector's {@code configretry.BackOffConfig} ({@code NewDefaultBackOffConfig}: enabled, 5s,
 * factor 0.5, multiplier 1.5, 30s, 5m).
 *
 * <pre>{@code
 * retry_on_failure:
 *   enabled: true
 *   initial_interval: 5s      # the wait after the first failure
 *   randomization_factor: 0.5 # each wait is drawn from interval * (1 ± factor)
 *   multiplier: 1.5           # the interval grows by this factor after each wait
 *   max_interval: 30s         # the interval stops growing here (the drawn wait may exceed it by the factor)
 *   max_elapsed_time: 5m      # give up when the next attempt would start later than this after the
 *                             # first one; 0 = never give up
 * }</pre>
 *
 * <p>A server's own delay ({@code Retry-After}, gRPC {@code RetryInfo}) replaces the backoff when it
 * is longer; it never extends retrying beyond {@code max_elapsed_time}.
 *
 * <p>Validation is stricter than the Collector's (which accepts a zero interval and a multiplier
 * below 1): a zero {@code initial_interval} would retry in a tight loop, and a multiplier below 1
 * would shrink the waits while the backend is down.
 *
 * @param enabled whether failed batches are retried; default true
 * @param initialInterval the first wait; default 5s
 * @param randomizationFactor the jitter, in [0, 1]; default 0.5
 * @param multiplier the growth of the interval, at least 1; default 1.5
 * @param maxInterval where the interval stops growing; default 30s
 * @param maxElapsedTime the time after the first attempt past which no retry starts; 0 = no limit;
 *     default 5m
 */
public record RetryConfig(
    boolean enabled,
    Duration initialInterval,
    double randomizationFactor,
    double multiplier,
    Duration maxInterval,
    Duration maxElapsedTime) implements ConfigBlock {

  public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(5);
  public static final double DEFAULT_RANDOMIZATION_FACTOR = 0.5;
  public static final double DEFAULT_MULTIPLIER = 1.5;
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_ELAPSED_TIME = Duration.ofMinutes(5);

  /** The Collector's defaults. */
  public static RetryConfig defaults() {
    return new RetryConfig(true, DEFAULT_INITIAL_INTERVAL, DEFAULT_RANDOMIZATION_FACTOR, DEFAULT_MULTIPLIER,
        DEFAULT_MAX_INTERVAL, DEFAULT_MAX_ELAPSED_TIME);
  }

  /** The defaults with retries disabled: a failed batch is dropped (or refused) at once. */
  public static RetryConfig disabled() {
    return defaults().withEnabled(false);
  }

  /** Checks every key, even when disabled, as the Collector does. */
  @Override
  public void validate(Problems problems) {
    boolean intervalsOk = true;
    if (initialInterval == null || !initialInterval.isPositive()) {
      problems.error("initial_interval", "must be > 0, got " + initialInterval);
      intervalsOk = false;
    }
    if (maxInterval == null || !maxInterval.isPositive()) {
      problems.error("max_interval", "must be > 0, got " + maxInterval);
      intervalsOk = false;
    }
    if (!(randomizationFactor >= 0 && randomizationFactor <= 1)) {
      problems.error("randomization_factor", "must be in [0, 1], got " + randomizationFactor);
    }
    if (!(multiplier >= 1)) {
      problems.error("multiplier", "must be >= 1, got " + multiplier);
    }
    if (maxElapsedTime == null || maxElapsedTime.isNegative()) {
      problems.error("max_elapsed_time", "must be >= 0 (0 = no limit), got " + maxElapsedTime);
      return;
    }
    if (!intervalsOk) {
      return;
    }
    if (maxInterval.compareTo(initialInterval) < 0) {
      problems.error("max_interval", "must not be less than initial_interval (" + initialInterval + "), got "
          + maxInterval);
    }
    if (maxElapsedTime.isPositive()) {
      if (maxElapsedTime.compareTo(initialInterval) < 0) {
        problems.error("max_elapsed_time", "must not be less than initial_interval (" + initialInterval
            + "), got " + maxElapsedTime);
      } else if (maxElapsedTime.compareTo(maxInterval) < 0) {
        problems.error("max_elapsed_time", "must not be less than max_interval (" + maxInterval + "), got "
            + maxElapsedTime);
      }
    }
  }

  public RetryConfig withEnabled(boolean v) {
    return new RetryConfig(v, initialInterval, randomizationFactor, multiplier, maxInterval, maxElapsedTime);
  }

  public RetryConfig withInitialInterval(Duration v) {
    return new RetryConfig(enabled, v, randomizationFactor, multiplier, maxInterval, maxElapsedTime);
  }

  public RetryConfig withRandomizationFactor(double v) {
    return new RetryConfig(enabled, initialInterval, v, multiplier, maxInterval, maxElapsedTime);
  }

  public RetryConfig withMultiplier(double v) {
    return new RetryConfig(enabled, initialInterval, randomizationFactor, v, maxInterval, maxElapsedTime);
  }

  public RetryConfig withMaxInterval(Duration v) {
    return new RetryConfig(enabled, initialInterval, randomizationFactor, multiplier, v, maxElapsedTime);
  }

  public RetryConfig withMaxElapsedTime(Duration v) {
    return new RetryConfig(enabled, initialInterval, randomizationFactor, multiplier, maxInterval, v);
  }
}
