package dev.signalbox.sdk.storage;

/**
 * Data a {@link SegmentedLog} found damaged and could not deliver, as reported to its
 * {@link LogListener}: at open (recovery) or, rarely, while reading.
 *
 * @param kind what was wrong
 * @param file the file concerned (a segment or the checkpoint)
 * @param position the log position where the damage starts (for the checkpoint: where reading restarts)
 * @param bytes how many bytes of the file were skipped or cut off
 * @param records how many records are known to be lost: 1 for a damaged record, 0 when the count is
 *     unknown (broken framing, torn tail) or nothing was lost (checkpoint)
 */
public record Damage(Kind kind, String file, long position, long bytes, long records) {

  /** The kinds of damage. */
  public enum Kind {
    /**
     * A record whose checksum does not match but whose frame is intact (the next record is valid):
     * skipped, and every record after it delivered.
     */
    DAMAGED_RECORD,
    /**
     * A frame that cannot be followed (impossible length, or a damaged record not followed by a
     * valid one) in the middle of a segment: the rest of that segment is skipped; later segments
     * are delivered.
     */
    BROKEN_FRAMING,
    /**
     * The last segment ends in a partly written record, as left by a crash during an append: cut
     * off. The append of that record had not returned, so nobody was told it was stored.
     */
    TORN_TAIL,
    /** A segment whose header is unreadable: the whole segment is skipped. */
    BAD_SEGMENT_HEADER,
    /**
     * The checkpoint file is unreadable (bad checksum or size) or points outside the log: reading
     * restarts at the oldest retained record, so acknowledged records may be delivered again.
     */
    BAD_CHECKPOINT
  }

  /** One line for a log message. */
  public String describe() {
    return switch (kind) {
      case DAMAGED_RECORD -> "damaged record (checksum mismatch) at position " + position + " in " + file
          + ": skipped, " + bytes + " bytes lost";
      case BROKEN_FRAMING -> "broken record framing at position " + position + " in " + file
          + ": skipped the rest of the segment, " + bytes + " bytes lost";
      case TORN_TAIL -> "partly written record at the end of " + file + " (position " + position
          + ", " + bytes + " bytes) cut off: its append never completed";
      case BAD_SEGMENT_HEADER -> "unreadable segment header in " + file + ": skipped the whole segment, "
          + bytes + " bytes lost";
      case BAD_CHECKPOINT -> "unreadable checkpoint " + file + ": reading restarts at position " + position
          + " (the oldest retained record), so acknowledged records may be delivered again";
    };
  }

  /** True for damage that lost data (everything but a torn tail and a bad checkpoint). */
  public boolean lostData() {
    return kind == Kind.DAMAGED_RECORD || kind == Kind.BROKEN_FRAMING || kind == Kind.BAD_SEGMENT_HEADER;
  }
}
