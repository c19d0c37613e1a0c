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
   * at most once per {@code fsync_interval} (10ms), sooner when 1 MiB is waiting, so concurrent
   * appenders share one force and the device sees at most ~100 forces per second per log, however
   * busy. Survives a power loss for every record whose append returned.
   *
   * <p>The price is latency under load (up to the interval) and, with small records and few
   * concurrent appenders, throughput: it is then bounded by appenders × record size per interval
   * (measured here: 16 appenders of 4 KiB records, 6 MB/s; of 64 KiB, 290 MB/s; 256 appenders of
   * 4 KiB, 230 MB/s). On a fast device, {@link #ALWAYS} is faster in that case, at the cost of a
   * force per round of appends.
   */
  BATCH("batch"),
  /**
   * Every append returns only after a force that started after its record was written. Appenders
   * running at the same time may share one force (group commit without a delay: a force starts as
   * soon as an appender waits and the previous force is done). The Collector's {@code fsync: true}.
   * Lowest latency; the device sees as many forces as it can do while appends keep coming.
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
