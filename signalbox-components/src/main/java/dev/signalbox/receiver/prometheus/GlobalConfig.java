package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParser;
import java.time.Duration;
import java.util.Map;

/**
 * Prometheus' {@code global} block.
 *
 * @param scrapeInterval {@code scrape_interval}: default interval of every job (default 1m)
 * @param scrapeTimeout {@code scrape_timeout}: default timeout; when not written, 10s or the
 *     interval if that is shorter (as Prometheus); written, at most the interval
 * @param evaluationInterval {@code evaluation_interval}: accepted for compatibility with Prometheus
 *     files; there are no rules to evaluate (default 1m)
 * @param externalLabels {@code external_labels}: labels added to every scraped series that does
 *     not have them (they become data point attributes)
 */
public record GlobalConfig(Duration scrapeInterval, Duration scrapeTimeout, Duration evaluationInterval,
    Map<String, String> externalLabels) implements ConfigBlock {

  public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);

  public GlobalConfig {
    scrapeInterval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
    evaluationInterval = evaluationInterval == null ? DEFAULT_SCRAPE_INTERVAL : evaluationInterval;
    externalLabels = externalLabels == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(externalLabels));
  }

  public static GlobalConfig defaults() {
    return new GlobalConfig(DEFAULT_SCRAPE_INTERVAL, null, DEFAULT_SCRAPE_INTERVAL, Map.of());
  }

  /** The timeout in effect: the one written, else 10s capped at the interval. */
  public Duration effectiveScrapeTimeout() {
    if (scrapeTimeout != null) {
      return scrapeTimeout;
    }
    return DEFAULT_SCRAPE_TIMEOUT.compareTo(scrapeInterval) > 0 ? scrapeInterval : DEFAULT_SCRAPE_TIMEOUT;
  }

  @Override
  public void validate(Problems problems) {
    if (scrapeInterval.isNegative() || scrapeInterval.isZero()) {
      problems.error("scrape_interval", "must be positive");
    }
    if (scrapeTimeout == null) {
      // 10s capped at the interval
    } else if (scrapeTimeout.isNegative() || scrapeTimeout.isZero()) {
      problems.error("scrape_timeout", "must be positive");
    } else if (scrapeTimeout.compareTo(scrapeInterval) > 0) {
      problems.error("scrape_timeout", "global scrape timeout (" + ScrapeConfig.format(scrapeTimeout)
          + ") is greater than the scrape interval (" + ScrapeConfig.format(scrapeInterval) + ")");
    }
    for (String name : externalLabels.keySet()) {
      if (!ExpositionParser.isValidLabelName(name)) {
        problems.at("external_labels").error("\"" + name + "\" is not a valid label name");
      }
    }
  }
}
