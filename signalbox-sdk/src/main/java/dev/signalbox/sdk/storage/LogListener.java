package dev.signalbox.sdk.storage;

/**
 * Hears what a {@link SegmentedLog} cannot return through its methods. Called from the log's own
 * threads (and from {@link SegmentedLog#open} during recovery) with no log lock held; must be fast
 * and must not call back into the log's append or read methods.
 */
public interface LogListener {
  /** Does nothing. */
  LogListener NONE = new LogListener() {};

  /** Damage was found and skipped; the log counted it. The caller decides how to log it. */
  default void damaged(Damage damage) {}

  /** Segments were deleted: appends refused with {@link LogFullException} may fit now. */
  default void spaceFreed() {}

  /**
   * How many leading payload bytes {@link #recovered} wants (0, the default: the method is not
   * called).
   */
  default int recoveredPrefix() {
    return 0;
  }

  /**
   * During {@link SegmentedLog#open}, once for every valid unacknowledged record, in log order:
   * lets a caller rebuild what it keeps in memory about the records without reading them twice.
   *
   * @param prefix the first {@link #recoveredPrefix()} bytes of the payload (fewer if it is shorter)
   */
  default void recovered(long position, long end, int payloadLength, byte[] prefix) {}
}
