package dev.signalbox.sdk.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The storage of one persistent queue, handed out by a {@link StorageExtension}: a directory and
 * the options its log is opened with. The extension closes logs still open when it shuts down.
 */
public interface StorageClient {
  /** The queue's own directory. */
  Path directory();

  /** What the log is opened with (segment size, size bound, fsync policy, lock timeout). */
  LogOptions options();

  /**
   * Opens the queue's log; the caller closes it. At most one log per directory is open at a time.
   *
   * @throws LogLockedException if it is open already, here or in another process
   */
  SegmentedLog open(LogListener listener) throws IOException;
}
