package dev.signalbox.sdk.storage;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a {@link SegmentedLog}'s records in order, from the oldest unacknowledged one at open,
 * each once. Sees a record only once it is durable. Skips damaged records (counting and reporting
 * those recovery had not already reported) and acknowledges what it skips, so that damage never
 * holds back the acknowledged position. Not thread-safe: one consumer at a time (the persistent
 * queue calls it under its lock).
 */
public final class LogReader {
  private final SegmentedLog log;
  private final CRC32C crc = new CRC32C();
  private long position;
  private Segment segment;
  private SegmentFile file;

  LogReader(SegmentedLog log, long start) {
    this.log = log;
    this.position = start;
  }

  /** The position of the next record to read: every record before it was returned or skipped. */
  public long position() {
    return position;
  }

  /**
   * The next durable record, or null if there is none yet.
   *
   * @throws IOException if reading fails or the log is closed
   */
  public LogRecord next() throws IOException {
    if (log.isClosed()) {
      throw new IOException("the log in " + log.directory() + " is closed");
    }
    while (true) {
      if (segment == null) {
        Map.Entry<Long, Segment> e = log.segmentAt(position);
        if (e == null) {
          return null;
        }
        moveTo(e.getValue());
      }
      Segment s = segment;
      long limit = Math.min(s.readLimit(), log.durableEnd());
      if (position >= limit) {
        if (!s.sealed || position < s.readLimit()) {
          return null; // nothing durable yet
        }
        Map.Entry<Long, Segment> next = log.segmentAfter(s);
        if (next == null) {
          return null; // the next segment is being created
        }
        // Whatever lies between here and the next segment (the unreadable rest of a damaged
        // segment, a missing file) was reported at recovery; acknowledge it so it holds nothing up.
        log.skip(position, next.getValue().base);
        closeFile();
        moveTo(next.getValue());
        continue;
      }
      if (file == null) {
        file = new SegmentFile(s.path, log.readBufferSize());
      }
      long off = s.offset(position);
      long limitOff = s.offset(limit);
      if (limit - position < SegmentedLog.FRAME) {
        broken(s, limit);
        continue;
      }
      int len = file.readInt(off, limitOff);
      int sum = file.readInt(off + 4, limitOff);
      long end = position + SegmentedLog.FRAME + len;
      if (len < 0 || end > limit) {
        broken(s, limit);
        continue;
      }
      byte[] payload = new byte[len];
      file.read(off + SegmentedLog.FRAME, payload, 0, len, limitOff);
      crc.reset();
      file.crc(crc, off, 4, limitOff);
      crc.update(payload, 0, len);
      if ((int) crc.getValue() == sum) {
        LogRecord r = new LogRecord(position, end, payload);
        position = end;
        return r;
      }
      if (!s.knownDamaged.remove(position)) {
        log.damage(new Damage(Damage.Kind.DAMAGED_RECORD, s.path.getFileName().toString(), position,
            end - position, 1));
      }
      log.skip(position, end);
      position = end;
    }
  }

  /**
   * The next durable record, waiting up to {@code timeout} for one. Null at the timeout or when the
   * log closes.
   */
  public LogRecord next(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = log.durableEnd();
      LogRecord r = next();
      if (r != null) {
        return r;
      }
      if (System.nanoTime() - deadline >= 0 || log.isClosed()) {
        return null;
      }
      log.awaitDurableMoved(seen, deadline);
      if (log.isClosed()) {
        return null;
      }
    }
  }

  /** A frame that cannot be followed, found after recovery: skip to what is known to be readable. */
  private void broken(Segment s, long limit) {
    long to = s.sealed ? s.end : limit;
    log.damage(new Damage(Damage.Kind.BROKEN_FRAMING, s.path.getFileName().toString(), position, to - position, 1));
    log.skip(position, to);
    if (s.sealed) {
      s.readableEnd = position;
    }
    position = to;
  }

  private void moveTo(Segment s) {
    segment = s;
    if (position < s.base) {
      log.skip(position, s.base);
      position = s.base;
    }
  }

  void closeFile() throws IOException {
    SegmentFile f = file;
    file = null;
    if (f != null) {
      f.close();
    }
  }
}
