package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * The {@code timeout} key of an exporter: how long one attempt to send a batch may take. As in the
 * Collector ({@code exporterhelper.TimeoutConfig}, embedded with {@code ,squash}), an exporter
 * config embeds this record with {@link dev.signalbox.config.Squash @Squash} so the key sits at the
 * exporter's top level: {@code exporters.otlp.timeout: 5s}. Default 5s; 0 means no timeout.
 *
 * <p>The attempt's deadline is passed to the push function, which should give it to its client; an
 * attempt still running at the deadline is interrupted and counts as a retryable failure.
 *
 * @param timeout the longest one attempt may take; 0 = no limit; default 5s
 */
public record TimeoutConfig(Duration timeout) implements ConfigBlock {

  /** The Collector's default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public static TimeoutConfig defaults() {
    return new TimeoutConfig(DEFAULT_TIMEOUT);
  }

  @Override
  public void validate(Problems problems) {
    if (timeout == null || timeout.isNegative()) {
      problems.error("timeout", "must be >= 0 (0 = no timeout), got " + timeout);
    }
  }
}
