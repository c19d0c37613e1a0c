package dev.signalbox.processor.memorylimiter;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * Config of the {@code memory_limiter} processor; keys as the Collector's. The limits apply to the
 * JVM heap: {@code limit_percentage} is a percentage of the maximum heap ({@code -Xmx}), where the
 * Collector takes a percentage of the machine's or container's memory.
 *
 * @param checkInterval how often memory is measured (1s; the Collector has no default and requires it)
 * @param limitMib the hard limit in MiB; data is refused above {@code limit_mib - spike_limit_mib}
 * @param spikeLimitMib headroom for a spike between two checks (default 20% of the limit)
 * @param limitPercentage the hard limit as a percentage of the maximum heap, if limit_mib is 0
 * @param spikeLimitPercentage the spike headroom as a percentage of the maximum heap
 * @param minGcIntervalWhenSoftLimited least time between forced GCs above the soft limit (10s)
 * @param minGcIntervalWhenHardLimited least time between forced GCs above the hard limit (0)
 */
public record MemoryLimiterProcessorConfig(
    Duration checkInterval,
    int limitMib,
    int spikeLimitMib,
    int limitPercentage,
    int spikeLimitPercentage,
    Duration minGcIntervalWhenSoftLimited,
    Duration minGcIntervalWhenHardLimited) implements ComponentConfig {

  public static MemoryLimiterProcessorConfig defaults() {
    return new MemoryLimiterProcessorConfig(Duration.ofSeconds(1), 0, 0, 0, 0, Duration.ofSeconds(10), Duration.ZERO);
  }

  @Override
  public void validate(Problems problems) {
    if (!checkInterval.isPositive()) {
      problems.error("check_interval", "must be greater than 0");
    }
    if (limitMib < 0) {
      problems.error("limit_mib", "must not be negative");
    }
    if (limitPercentage < 0 || limitPercentage > 100) {
      problems.error("limit_percentage", "must be between 1 and 100");
    }
    if (spikeLimitPercentage < 0 || spikeLimitPercentage > 100) {
      problems.error("spike_limit_percentage", "must be between 0 and 100");
    }
    if (limitMib == 0 && limitPercentage == 0) {
      problems.error("limit_mib", "either limit_mib or limit_percentage must be set");
    }
    if (limitMib > 0 && spikeLimitMib >= limitMib) {
      problems.error("spike_limit_mib", "must be smaller than limit_mib (" + limitMib + ")");
    }
    if (limitMib == 0 && limitPercentage > 0 && spikeLimitPercentage >= limitPercentage) {
      problems.error("spike_limit_percentage", "must be smaller than limit_percentage (" + limitPercentage + ")");
    }
    if (spikeLimitMib < 0) {
      problems.error("spike_limit_mib", "must not be negative");
    }
  }
}
