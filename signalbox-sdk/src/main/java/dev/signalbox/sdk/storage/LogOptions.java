package dev.signalbox.sdk.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SegmentedLog} writes and bounds its files. Immutable; start from {@link #defaults()}
 * and change with the {@code with*} methods, each of which checks its argument.
 *
 * @param segmentSize the size at which the active segment file is sealed and a new one started
 *     (default 64 MiB); a record larger than this gets a segment of its own
 * @param maxSize the most bytes all segment files may take together (default 1 GiB); an append
 *     that would pass it is refused with {@link LogFullException}. Acknowledged records free their
 *     space only when their whole segment is deleted, so up to one segment of the bound may hold
 *     acknowledged data; it must be at least twice {@code segmentSize}
 * @param fsync when appends are forced to the device (default {@link FsyncPolicy#BATCH})
 * @param fsyncInterval with {@link FsyncPolicy#BATCH}, the least time between two forces (default 0: back to back, group commit)
 * @param fsyncBytes with {@link FsyncPolicy#BATCH}, force sooner once this many bytes wait (default 1 MiB)
 * @param checkpointInterval how often, at most, the acknowledged position is written to the
 *     checkpoint file when it moved (default 100ms); a crash redelivers what was acknowledged since
 * @param lockTimeout how long {@link SegmentedLog#open} waits for a directory locked by another
 *     process or log (default 1s; zero: fail at once)
 */
public record LogOptions(
    long segmentSize,
    long maxSize,
    FsyncPolicy fsync,
    Duration fsyncInterval,
    long fsyncBytes,
    Duration checkpointInterval,
    Duration lockTimeout) {

  public static final long DEFAULT_SEGMENT_SIZE = 64L << 20;
  public static final long DEFAULT_MAX_SIZE = 1L << 30;
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ZERO;
  public static final long DEFAULT_FSYNC_BYTES = 1L << 20;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(1);
  /** The smallest segment: room for the segment header and a small record. */
  public static final long MIN_SEGMENT_SIZE = 1024;

  public LogOptions {
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    if (segmentSize < MIN_SEGMENT_SIZE) {
      throw new IllegalArgumentException("segmentSize must be at least " + MIN_SEGMENT_SIZE + ", got " + segmentSize);
    }
    if (maxSize < 2 * segmentSize) {
      throw new IllegalArgumentException("maxSize (" + maxSize + ") must be at least twice segmentSize ("
          + segmentSize + ")");
    }
    if (fsyncInterval.isNegative()) {
      throw new IllegalArgumentException("fsyncInterval must not be negative, got " + fsyncInterval);
    }
    if (fsyncBytes <= 0) {
      throw new IllegalArgumentException("fsyncBytes must be positive, got " + fsyncBytes);
    }
    if (checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("checkpointInterval must not be negative, got " + checkpointInterval);
    }
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative, got " + lockTimeout);
    }
  }

  /** 64 MiB segments, 1 GiB in all, batched fsync every 10ms or 1 MiB, checkpoint every 100ms. */
  public static LogOptions defaults() {
    return new LogOptions(DEFAULT_SEGMENT_SIZE, DEFAULT_MAX_SIZE, FsyncPolicy.BATCH, DEFAULT_FSYNC_INTERVAL,
        DEFAULT_FSYNC_BYTES, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_LOCK_TIMEOUT);
  }

  public LogOptions withSegmentSize(long v) {
    return new LogOptions(v, maxSize, fsync, fsyncInterval, fsyncBytes, checkpointInterval, lockTimeout);
  }

  public LogOptions withMaxSize(long v) {
    return new LogOptions(segmentSize, v, fsync, fsyncInterval, fsyncBytes, checkpointInterval, lockTimeout);
  }

  /** Both sizes at once, as changing one alone may break the {@code maxSize >= 2 * segmentSize} rule. */
  public LogOptions withSizes(long segment, long max) {
    return new LogOptions(segment, max, fsync, fsyncInterval, fsyncBytes, checkpointInterval, lockTimeout);
  }

  public LogOptions withFsync(FsyncPolicy v) {
    return new LogOptions(segmentSize, maxSize, v, fsyncInterval, fsyncBytes, checkpointInterval, lockTimeout);
  }

  public LogOptions withFsyncInterval(Duration v) {
    return new LogOptions(segmentSize, maxSize, fsync, v, fsyncBytes, checkpointInterval, lockTimeout);
  }

  public LogOptions withFsyncBytes(long v) {
    return new LogOptions(segmentSize, maxSize, fsync, fsyncInterval, v, checkpointInterval, lockTimeout);
  }

  public LogOptions withCheckpointInterval(Duration v) {
    return new LogOptions(segmentSize, maxSize, fsync, fsyncInterval, fsyncBytes, v, lockTimeout);
  }

  public LogOptions withLockTimeout(Duration v) {
    return new LogOptions(segmentSize, maxSize, fsync, fsyncInterval, fsyncBytes, checkpointInterval, v);
  }
}
