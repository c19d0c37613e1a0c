package dev.signalbox.extension.filestorage;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * The {@code compaction} block of {@code file_storage}, accepted so that a Collector config loads
 * unchanged. <b>It has no effect.</b> The Collector stores queues in bbolt files that never shrink
 * by themselves, so it compacts them (copies the live data to a new file) on start or when they
 * rebound. Our queues are segmented logs that give space back by deleting a segment file as soon as
 * every record in it is acknowledged, at start and while running, so there is nothing to compact:
 * {@code on_start} is in effect always on, and the other keys have nothing to tune. Keys and
 * defaults are the Collector's.
 *
 * @param onStart compact at start (no effect: acknowledged segments are always deleted); default false
 * @param onRebound compact when the file shrank after growing (no effect); default false
 * @param directory where the Collector writes the compacted copy (no effect); default empty
 * @param maxTransactionSize bbolt items per compaction transaction (no effect); default 65536
 * @param reboundNeededThresholdMib (no effect); default 100
 * @param reboundTriggerThresholdMib (no effect); default 10
 * @param checkInterval how often the Collector checks for a rebound (no effect); default 5s
 * @param cleanupOnStart remove leftover temporary compaction files (no effect); default false
 */
public record FileStorageCompactionConfig(
    boolean onStart,
    boolean onRebound,
    String directory,
    long maxTransactionSize,
    long reboundNeededThresholdMib,
    long reboundTriggerThresholdMib,
    Duration checkInterval,
    boolean cleanupOnStart) implements ConfigBlock {

  /** The Collector's defaults. */
  public static FileStorageCompactionConfig defaults() {
    return new FileStorageCompactionConfig(false, false, "", 65536, 100, 10, Duration.ofSeconds(5), false);
  }

  /** Only checks what the Collector would reject, so a config valid there is valid here. */
  @Override
  public void validate(Problems problems) {
    if (maxTransactionSize < 0) {
      problems.error("max_transaction_size", "must not be negative, got " + maxTransactionSize);
    }
    if (reboundNeededThresholdMib < 0) {
      problems.error("rebound_needed_threshold_mib", "must not be negative, got " + reboundNeededThresholdMib);
    }
    if (reboundTriggerThresholdMib < 0) {
      problems.error("rebound_trigger_threshold_mib", "must not be negative, got " + reboundTriggerThresholdMib);
    }
    if (checkInterval == null || checkInterval.isNegative()) {
      problems.error("check_interval", "must not be negative, got " + checkInterval);
    }
  }
}
