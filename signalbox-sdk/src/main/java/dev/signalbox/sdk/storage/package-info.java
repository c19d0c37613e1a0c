/**
 * A crash-safe segmented log of byte records: the storage under the persistent sending queue
 * ({@code dev.signalbox.sdk.exporterhelper.PersistentQueue}) and the {@code file_storage}
 * extension. It knows nothing of telemetry: {@link dev.signalbox.sdk.storage.SegmentedLog} appends
 * byte arrays, a {@link dev.signalbox.sdk.storage.LogReader} reads them back in order, and
 * acknowledged records are deleted. {@link dev.signalbox.sdk.storage.StorageExtension} is what a
 * storage extension offers the exporter helper.
 *
 * <h2>Why our own</h2>
 * Measured here, a hand-written log was 2.5× faster than the best embedded store (H2 MVStore),
 * needs no JNI (RocksDB: a 90 MB jar, slow small-record queues), no {@code --add-opens}
 * (Chronicle Queue) and, unlike Tape, is crash-safe on ext4. The Collector's bbolt-backed queue is
 * known for memory blow-up and slow draining at volume; its maintainers are moving to segment
 * files too.
 *
 * <h2>Files in a log directory</h2>
 * <pre>
 * lock                      held with an OS file lock while the log is open (holds the pid, for people)
 * checkpoint                the acknowledged position (below)
 * checkpoint.tmp            a checkpoint being written; deleted at open
 * 00000000000000000000.seg  segments, named by their base position (20 digits, so names sort)
 * 00000000000067108844.seg
 * </pre>
 * All integers are big-endian. Checksums are CRC-32C (Castagnoli, {@link java.util.zip.CRC32C}).
 *
 * <h3>Segment file</h3>
 * <pre>
 * header, 20 bytes:  magic "SBLG" (0x53424C47) | format version (int32, 1) | base position (int64)
 *                    | CRC-32C of the previous 16 bytes (int32)
 * records, back to back until the end of the file:
 *   length   int32    payload length in bytes, 0 .. 2^31-65
 *   crc      int32    CRC-32C of the 4 length bytes followed by the payload
 *   payload  length bytes
 * </pre>
 * Positions are logical and run on from segment to segment: a segment holds positions
 * {@code [base, base + fileSize - 20)}; the record at position {@code p} starts at file offset
 * {@code 20 + p - base}; the next segment's base is this segment's end. A record's position is
 * that of its frame; its end ({@code p + 8 + length}) is the next record's position. The CRC covers
 * the length so that a zero-filled region (allocated by the file system but never written, as after
 * a power loss) never reads as valid empty records. A segment is sealed, and the next one started,
 * when a record would take it past the segment size (64 MiB by default); a record larger than that
 * gets a segment of its own.
 *
 * <h3>Checkpoint file</h3>
 * <pre>
 * magic "SBCK" (0x5342434B) | format version (int32, 1) | acknowledged position (int64) | CRC-32C of the 16 bytes before
 * </pre>
 * Every record before the acknowledged position was acknowledged. It is written as
 * {@code checkpoint.tmp}, forced, renamed over {@code checkpoint} and the directory forced (the
 * forces are skipped under {@code fsync: never}), at most every 100ms while acknowledgements move,
 * and at close. Segments wholly before it are deleted. Out-of-order acknowledgements beyond it are
 * kept in memory only: after a crash those records, and those acknowledged since the last
 * checkpoint, are delivered again (at-least-once).
 *
 * <h2>Durability</h2>
 * Every append is written to the operating system before it returns, so it survives the death of
 * the process ({@code kill -9}) whatever the policy. {@code never} stops there (page cache; lost in
 * a power failure). {@code batch} makes appenders wait for a force ({@code fdatasync}-like
 * {@code FileDescriptor.sync}) that covers their record; one force per {@code fsync_interval} at
 * most (10ms), sooner when 1 MiB waits, shared by all appenders meanwhile (group commit).
 * {@code always} forces as soon as an appender waits. New segment files and the checkpoint's rename
 * are made durable by forcing the directory. Readers see only durable records, so a record is never
 * delivered, acknowledged, and then lost to a power failure.
 *
 * <h2>Recovery (at open)</h2>
 * <ol>
 *   <li>Take the lock: a second open of the directory, by another process or in this one, fails
 *       with {@link dev.signalbox.sdk.storage.LogLockedException} after the lock timeout.
 *   <li>Read the checkpoint. If it is unreadable (size, magic or CRC), reading restarts at the
 *       oldest retained record and a {@code BAD_CHECKPOINT} is reported: nothing unacknowledged is
 *       lost, acknowledged records still on disk (at most one segment's worth plus what was
 *       acknowledged out of order) are delivered again. Without a checkpoint, reading starts at the
 *       oldest segment. A checkpoint past the end of the data (lost with the page cache under
 *       {@code never}) is clamped to the end.
 *   <li>Delete segments wholly before the checkpoint (a crash between checkpoint and deletion).
 *   <li>Validate every record after the checkpoint, segment by segment:
 *     <ul>
 *       <li>a record whose CRC does not match but whose frame is intact (the next record is valid,
 *           or it ends a sealed segment exactly): skipped, counted and reported
 *           ({@code DAMAGED_RECORD}); everything after it is delivered;
 *       <li>a frame that cannot be followed (impossible length, zeros, or a damaged record not
 *           followed by a valid one) in a sealed segment: the rest of that segment is skipped,
 *           counted (as one, with the bytes lost) and reported ({@code BROKEN_FRAMING}); later
 *           segments are delivered;
 *       <li>the same in the last segment is a torn tail (a crash during an append; reported as
 *           {@code TORN_TAIL} when it is one partly written record, else {@code BROKEN_FRAMING}):
 *           the file is truncated there and appends continue from that point. The torn record's
 *           append never returned, so no client was told it was stored;
 *       <li>a segment with an unreadable header: skipped whole ({@code BAD_SEGMENT_HEADER}); a
 *           file of a newer format version stops the open instead, rather than skip its data.
 *     </ul>
 * </ol>
 * Skipped data is acknowledged as the reader passes it, so damage never holds back deletion.
 *
 * <h2>Size</h2>
 * The segment files together never exceed {@code max_size}: an append that would is refused
 * ({@link dev.signalbox.sdk.storage.LogFullException}; the queue reports FULL) until acknowledged
 * segments are deleted. Space comes back a whole segment at a time, so {@code max_size} must be at
 * least twice the segment size.
 */
package dev.signalbox.sdk.storage;
