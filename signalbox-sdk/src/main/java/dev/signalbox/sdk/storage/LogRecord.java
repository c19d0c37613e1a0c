package dev.signalbox.sdk.storage;

import java.util.Objects;

/**
 * A record read back from a {@link SegmentedLog}: where it is and what it holds. Acknowledge it
 * with {@link SegmentedLog#ack(LogRecord)} once it needs to be kept no longer.
 *
 * @param position the record's position in the log (the logical offset of its frame)
 * @param end the position right after the record: the next record's position
 * @param payload the bytes appended; owned by the caller
 */
public record LogRecord(long position, long end, byte[] payload) {
  public LogRecord {
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public String toString() {
    return "LogRecord{" + position + ".." + end + ", " + payload.length + " bytes}";
  }
}
