package dev.signalbox.exporter.debug;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;

/**
 * Config of the {@code debug} exporter; keys and defaults as the Collector's.
 *
 * @param verbosity basic (one summary line per batch), normal (one line per item) or detailed (everything)
 * @param samplingInitial batches logged in full each second before sampling starts (2)
 * @param samplingThereafter after that, one batch in this many is logged (1: all)
 * @param useInternalLogger log through the service's logger (true) or print to standard output
 */
public record DebugExporterConfig(
    Verbosity verbosity, int samplingInitial, int samplingThereafter, boolean useInternalLogger)
    implements ComponentConfig {

  public enum Verbosity {
    BASIC, NORMAL, DETAILED
  }

  public static DebugExporterConfig defaults() {
    return new DebugExporterConfig(Verbosity.BASIC, 2, 1, true);
  }

  @Override
  public void validate(Problems problems) {
    if (samplingInitial < 0) {
      problems.error("sampling_initial", "must not be negative");
    }
    if (samplingThereafter < 1) {
      problems.error("sampling_thereafter", "must be at least 1");
    }
  }
}
