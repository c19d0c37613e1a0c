package dev.signalbox.extension.filestorage;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.sdk.storage.LogOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Config of the {@code file_storage} extension. Keys as the Collector's where it has them
 * ({@code directory}, {@code create_directory}, {@code directory_permissions}, {@code timeout},
 * {@code fsync}, {@code compaction}), plus ours for the segmented log.
 *
 * <pre>{@code
 * extensions:
 *   file_storage:
 *     directory: /var/lib/signalbox/queue   # required (the Collector defaults to /var/lib/otelcol/file_storage)
 *     create_directory: false               # true: create it (and its parents) at start
 *     directory_permissions: "0750"         # mode of directories we create
 *     timeout: 1s                           # how long to wait for a queue directory locked by another process
 *     fsync: batch                          # never | batch | always; the Collector's false = never, true = always
 *     fsync_interval: 0s                    # batch: group commit; > 0: at most one force per interval
 *     segment_size: 64MiB                   # size of each segment file
 *     max_size: 1GiB                        # bound on the segment files of each queue
 *     compaction: {on_start: true}          # accepted for compatibility, no effect (see FileStorageCompactionConfig)
 * }</pre>
 *
 * <p><b>Why {@code fsync: batch} by default.</b> The Collector defaults to {@code fsync: false}
 * ({@code never} here): a queued batch survives a crash of the process but not of the machine. Our
 * promise is that what we acknowledged is delivered or reported, across crashes, so the default
 * forces data to the device before acknowledging it; group commit keeps that cheap (one force per
 * 10ms shared by every concurrent request). {@code never} remains for those who prefer speed.
 * With small requests and few concurrent senders on a fast disk, {@code always} (a force as soon as
 * one is wanted, shared by whoever waits) is faster than {@code batch}, whose throughput is then
 * bounded by the senders' bytes per {@code fsync_interval}; see {@code FsyncPolicy}.
 *
 * @param directory where queues are stored, one subdirectory per (component, signal); required
 * @param createDirectory whether to create {@code directory} at start; default false (it must exist)
 * @param directoryPermissions the octal mode of directories created; default "0750"
 * @param timeout how long opening a queue waits for a lock another process holds; default 1s
 * @param fsync when data is forced to the device: never, batch, always, or the Collector's
 *     false (= never) and true (= always); default batch
 * @param fsyncInterval with {@code batch}, the least time between forces; default 0: forces run back to back,
 *     each covering every record appended while the previous one ran (group commit)
 * @param segmentSize the size of each segment file; default 64MiB
 * @param maxSize the most the segment files of one queue may take; default 1GiB. Space comes back
 *     a whole segment at a time, so it must be at least twice {@code segment_size}
 * @param compaction the Collector's compaction block: accepted, no effect
 */
public record FileStorageExtensionConfig(
    String directory,
    boolean createDirectory,
    String directoryPermissions,
    Duration timeout,
    String fsync,
    Duration fsyncInterval,
    ByteSize segmentSize,
    ByteSize maxSize,
    FileStorageCompactionConfig compaction) implements ComponentConfig {

  public static final String DEFAULT_PERMISSIONS = "0750";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  public static final String DEFAULT_FSYNC = "batch";
  public static final ByteSize MIN_SEGMENT_SIZE = ByteSize.ofMiB(1);
  public static final ByteSize MAX_SEGMENT_SIZE = ByteSize.ofMiB(1024);
  private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

  /** The defaults; {@code directory} has none and must be set. */
  public static FileStorageExtensionConfig defaults() {
    return new FileStorageExtensionConfig(null, false, DEFAULT_PERMISSIONS, DEFAULT_TIMEOUT, DEFAULT_FSYNC,
        LogOptions.DEFAULT_FSYNC_INTERVAL, ByteSize.ofBytes(LogOptions.DEFAULT_SEGMENT_SIZE),
        ByteSize.ofBytes(LogOptions.DEFAULT_MAX_SIZE), FileStorageCompactionConfig.defaults());
  }

  /**
   * Checks every key. Like the Collector, checks that {@code directory} exists unless
   * {@code create_directory} is set, so a missing volume is reported before anything starts.
   */
  @Override
  public void validate(Problems problems) {
    if (directory == null || directory.isBlank()) {
      problems.error("directory", "is required: where to store the persistent queues, e.g."
          + " /var/lib/signalbox/file_storage");
    } else {
      try {
        Path dir = Path.of(directory);
        if (!createDirectory && !Files.isDirectory(dir)) {
          problems.error("directory", "'" + directory + "' does not exist or is not a directory; create it or set"
              + " create_directory: true");
        } else if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
          problems.error("directory", "'" + directory + "' is not writable by this process");
        }
      } catch (InvalidPathException e) {
        problems.error("directory", "'" + directory + "' is not a valid path: " + e.getReason());
      }
    }
    if (directoryPermissions == null || !MODE.matcher(directoryPermissions).matches()) {
      problems.error("directory_permissions", "must be an octal mode such as \"0750\", got " + directoryPermissions);
    }
    if (timeout == null || timeout.isNegative()) {
      problems.error("timeout", "must not be negative, got " + timeout);
    }
    if (FsyncPolicy.parse(fsync) == null) {
      problems.error("fsync", "must be one of never, batch, always (or the Collector's false = never,"
          + " true = always), got " + fsync);
    }
    if (fsyncInterval == null || fsyncInterval.isNegative()) {
      problems.error("fsync_interval", "must not be negative (0 forces back to back), got " + fsyncInterval);
    }
    boolean segmentOk = true;
    if (segmentSize == null || segmentSize.compareTo(MIN_SEGMENT_SIZE) < 0
        || segmentSize.compareTo(MAX_SEGMENT_SIZE) > 0) {
      problems.error("segment_size", "must be between " + MIN_SEGMENT_SIZE + " and " + MAX_SEGMENT_SIZE + ", got "
          + segmentSize);
      segmentOk = false;
    }
    if (maxSize == null) {
      problems.error("max_size", "is required");
    } else if (segmentOk && maxSize.bytes() < 2 * segmentSize.bytes()) {
      problems.error("max_size", "must be at least twice segment_size (" + ByteSize.ofBytes(2 * segmentSize.bytes())
          + "), as space comes back a whole segment at a time; got " + maxSize);
    }
  }

  /** The fsync policy {@code fsync} names; call after validation. */
  public FsyncPolicy fsyncPolicy() {
    return FsyncPolicy.parse(fsync);
  }

  /** What each queue's log is opened with; call after validation. */
  public LogOptions logOptions() {
    return LogOptions.defaults()
        .withSizes(segmentSize.bytes(), maxSize.bytes())
        .withFsync(fsyncPolicy())
        .withFsyncInterval(fsyncInterval)
        .withLockTimeout(timeout);
  }

  /** {@code directory_permissions} as POSIX permissions; call after validation. */
  public Set<PosixFilePermission> permissions() {
    int mode = Integer.parseInt(directoryPermissions, 8);
    StringBuilder s = new StringBuilder(9);
    String rwx = "rwx";
    for (int i = 8; i >= 0; i--) {
      s.append((mode & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  public FileStorageExtensionConfig withDirectory(String v) {
    return new FileStorageExtensionConfig(v, createDirectory, directoryPermissions, timeout, fsync, fsyncInterval,
        segmentSize, maxSize, compaction);
  }

  public FileStorageExtensionConfig withCreateDirectory(boolean v) {
    return new FileStorageExtensionConfig(directory, v, directoryPermissions, timeout, fsync, fsyncInterval,
        segmentSize, maxSize, compaction);
  }

  public FileStorageExtensionConfig withDirectoryPermissions(String v) {
    return new FileStorageExtensionConfig(directory, createDirectory, v, timeout, fsync, fsyncInterval,
        segmentSize, maxSize, compaction);
  }

  public FileStorageExtensionConfig withTimeout(Duration v) {
    return new FileStorageExtensionConfig(directory, createDirectory, directoryPermissions, v, fsync, fsyncInterval,
        segmentSize, maxSize, compaction);
  }

  public FileStorageExtensionConfig withFsync(String v) {
    return new FileStorageExtensionConfig(directory, createDirectory, directoryPermissions, timeout, v, fsyncInterval,
        segmentSize, maxSize, compaction);
  }

  public FileStorageExtensionConfig withFsyncInterval(Duration v) {
    return new FileStorageExtensionConfig(directory, createDirectory, directoryPermissions, timeout, fsync, v,
        segmentSize, maxSize, compaction);
  }

  public FileStorageExtensionConfig withSegmentSize(ByteSize v) {
    return new FileStorageExtensionConfig(directory, createDirectory, directoryPermissions, timeout, fsync,
        fsyncInterval, v, maxSize, compaction);
  }

  public FileStorageExtensionConfig withMaxSize(ByteSize v) {
    return new FileStorageExtensionConfig(directory, createDirectory, directoryPermissions, timeout, fsync,
        fsyncInterval, segmentSize, v, compaction);
  }

  public FileStorageExtensionConfig withCompaction(FileStorageCompactionConfig v) {
    return new FileStorageExtensionConfig(directory, createDirectory, directoryPermissions, timeout, fsync,
        fsyncInterval, segmentSize, maxSize, v);
  }
}
