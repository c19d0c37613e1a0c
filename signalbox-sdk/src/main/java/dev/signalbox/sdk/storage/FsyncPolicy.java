package dev.signalbox.sdk.storage;

import java.util.Locale;

/**
 * When appended records are forced to the storage device ({@code FileChannel.force}/{@code fsync}).
 * Every policy writes each record to the operating system before {@code append} returns, so a
 * record survives the death of the process ({@code kill -9}); the policies differ only in what
 * survives a power loss or a kernel crash.
 */
public enum FsyncPolicy {
  /**
   * Never forced: records live in the page cache until the kernel writes them back. Survives a
   * process crash, not a power loss. The Collector's {@code fsync: false}.
   */
  NEVER("never"),
  /**
   * Group commit: an append returns once a force covering its record has completed. Forces happen
   * at most once per {@code fsync_interval}, sooner when enough bytes are waiting, so concurrent
   * appenders share one force. Survives a power loss for every record whose append returned.
   */
  BATCH("batch"),
  /**
   * Every append returns only after a force that started after its record was written. Appenders
   * running at the same time may share one force (there is no deliberate delay). The Collector's
   * {@code fsync: true}.
   */
  ALWAYS("always");

  private final String label;

  FsyncPolicy(String label) {
    this.label = label;
  }

  /** "never", "batch" or "always": the value in config. */
  public String label() {
    return label;
  }

  /**
   * Parses a config value: {@code never}, {@code batch}, {@code always}, or the Collector's boolean
   * {@code true} (= always) and {@code false} (= never); case-insensitive. Returns null if the value
   * is none of these.
   */
  public static FsyncPolicy parse(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "never", "false" -> NEVER;
      case "batch" -> BATCH;
      case "always", "true" -> ALWAYS;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
