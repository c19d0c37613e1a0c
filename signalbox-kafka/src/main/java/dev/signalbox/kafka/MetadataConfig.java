package dev.signalbox.kafka;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * The {@code metadata} block, the Collector's keys. kafka-clients always fetches the metadata of the
 * topics it uses only, so {@code full} is accepted and has no effect.
 *
 * @param full accepted for compatibility; no effect (default false)
 * @param refreshInterval how often cluster metadata is refreshed: {@code metadata.max.age.ms} (10m)
 * @param retry {@code max} is accepted for compatibility (kafka-clients retries until the request's
 *     timeout); {@code backoff} is the wait between retries, {@code retry.backoff.ms} (250ms)
 */
public record MetadataConfig(boolean full, Duration refreshInterval, Retry retry) implements ConfigBlock {

  /** @param max accepted, no effect (3); @param backoff {@code retry.backoff.ms} (250ms) */
  public record Retry(int max, Duration backoff) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (max < 0) {
        problems.error("max", "must not be negative, got " + max);
      }
      if (backoff == null || backoff.isNegative()) {
        problems.error("backoff", "must not be negative, got " + backoff);
      }
    }
  }

  public static MetadataConfig defaults() {
    return new MetadataConfig(false, Duration.ofMinutes(10), new Retry(3, Duration.ofMillis(250)));
  }

  @Override
  public void validate(Problems problems) {
    if (refreshInterval == null || !refreshInterval.isPositive()) {
      problems.error("refresh_interval", "must be > 0, got " + refreshInterval);
    }
  }
}
