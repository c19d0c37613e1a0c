package dev.signalbox.sdk.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * A crash-safe append-only log of byte records in segment files, read back in order and
 * acknowledged record by record. The storage of the persistent sending queue; it knows nothing of
 * telemetry. The on-disk format and the recovery rules are in the {@linkplain
 * dev.signalbox.sdk.storage package documentation}.
 *
 * <h2>Writing</h2>
 * {@link #append} writes a record and returns once it is as durable as the {@link FsyncPolicy}
 * promises. {@link #write} and {@link #awaitDurable} are the two halves of it, for callers that must
 * know a record's position before waiting (the queue indexes records under its own lock, then
 * waits outside it). Appends are refused with {@link LogFullException} when the segment files
 * would pass {@link LogOptions#maxSize()}.
 *
 * <h2>Reading and acknowledging</h2>
 * One {@link LogReader} ({@link #reader()}) reads records in order from the oldest unacknowledged
 * one; it sees a record only once it is durable, so a record is never delivered and acknowledged
 * and then lost by a power failure. {@link #ack} acknowledges records in any order; the log tracks
 * the contiguous acknowledged prefix, writes it to the checkpoint file at most every
 * {@link LogOptions#checkpointInterval()}, and deletes segments wholly inside it. After a restart,
 * reading resumes at the checkpoint: records acknowledged out of order after it, or acknowledged
 * since the last checkpoint, are delivered again (at-least-once).
 *
 * <h2>Threads</h2>
 * Thread-safe, except the reader, which one thread at a time may use. A log runs a flusher thread
 * (policies {@code batch} and {@code always}) and a maintenance thread (checkpoints and segment
 * deletion), both daemons, until {@link #close}. File I/O goes through {@link RandomAccessFile},
 * which, unlike {@code FileChannel}, is not closed by an interrupt of the calling thread: an
 * exporter's workers are interrupted at shutdown and may be appending or reading at that moment.
 *
 * <p>One directory holds one log. A lock file ({@code lock}) keeps a second process, or a second
 * log in this process, out of it.
 */
public final class SegmentedLog implements Closeable {
  /** Record frame: length (4 bytes) and CRC32C (4 bytes) before the payload. */
  static final int FRAME = 8;
  /** The largest payload. */
  public static final int MAX_RECORD = Integer.MAX_VALUE - 64;
  static final String LOCK_FILE = "lock";
  private static final int WRITE_BUFFER_MAX = 1 << 20;
  private static final int READ_BUFFER = 256 * 1024;
  private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path dir;
  private final LogOptions options;
  private final LogListener listener;
  private final boolean sync;
  private final FileChannel lockChannel;
  private final FileLock fileLock;

  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final ReentrantLock appendLock = new ReentrantLock();
  /** Orders a force of the active segment with a roll that closes it. */
  private final ReentrantLock forceLock = new ReentrantLock();
  private final ReentrantLock syncLock = new ReentrantLock();
  /** Signalled when {@link #durableEnd} moves, the log fails or closes. */
  private final Condition durableMoved = syncLock.newCondition();
  /** Signalled when an appender waits for a force. */
  private final Condition flushWanted = syncLock.newCondition();

  private Segment active; // appendLock
  private byte[] writeBuffer = new byte[64 * 1024]; // appendLock
  private final CRC32C frameCrc = new CRC32C(); // appendLock
  private volatile long writtenEnd;
  private volatile long durableEnd;
  private boolean flushRequested; // syncLock
  private volatile int readersWaiting; // changed under syncLock
  private long lastForceNanos; // flusher thread

  private final AckTracker acks;
  private final Object maintenanceLock = new Object();
  private long checkpointed; // maintenanceLock
  private final AtomicLong bytesOnDisk = new AtomicLong();
  private final AtomicLong pendingRecords = new AtomicLong();
  private final AtomicLong damagedRecords = new AtomicLong();
  private final AtomicLong lostBytes = new AtomicLong();
  private volatile IOException failure;
  private volatile boolean closed;

  private final LogReader reader;
  private final Thread flusher;
  private final Thread maintainer;

  /**
   * Opens (creating if needed) the log in {@code dir}: takes the lock, recovers (see the package
   * documentation), and starts its threads. Damage found is reported to {@code listener} before
   * this returns.
   *
   * @throws LogLockedException if another process or log holds the directory for longer than
   *     {@link LogOptions#lockTimeout()}
   * @throws IOException if the directory cannot be read or written, or holds files of a newer format
   */
  public static SegmentedLog open(Path dir, LogOptions options, LogListener listener) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    Files.createDirectories(dir);
    FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lock(dir, lockChannel, options);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
    try {
      return new SegmentedLog(dir, options, listener, lockChannel, lock);
    } catch (IOException | RuntimeException | Error e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  /** Opens with {@link LogListener#NONE}. */
  public static SegmentedLog open(Path dir, LogOptions options) throws IOException {
    return open(dir, options, LogListener.NONE);
  }

  private static FileLock lock(Path dir, FileChannel ch, LogOptions options) throws IOException {
    long deadline = System.nanoTime() + options.lockTimeout().toNanos();
    while (true) {
      FileLock l;
      boolean here = false;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
        here = true;
      }
      if (l != null) {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(pid), 0);
        return l;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new LogLockedException("queue directory " + dir + " is in use by "
            + (here ? "another queue in this process" : "another process (lock held on " + dir.resolve(LOCK_FILE)
            + ")") + "; two writers would corrupt it. Give each exporter and signal its own directory");
      }
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
  }

  private SegmentedLog(Path dir, LogOptions options, LogListener listener, FileChannel lockChannel, FileLock lock)
      throws IOException {
    this.dir = dir;
    this.options = options;
    this.listener = listener;
    this.sync = options.fsync() != FsyncPolicy.NEVER;
    this.lockChannel = lockChannel;
    this.fileLock = lock;
    long start = recover();
    this.acks = new AckTracker(start);
    this.checkpointed = start;
    this.reader = new LogReader(this, start);
    String name = "signalbox-log-" + dir.getFileName();
    if (sync) {
      flusher = Thread.ofPlatform().daemon().name(name + "-flush").unstarted(this::flushLoop);
      flusher.start();
    } else {
      flusher = null;
    }
    maintainer = Thread.ofPlatform().daemon().name(name + "-maintain").unstarted(this::maintainLoop);
    maintainer.start();
  }

  // ---- recovery --------------------------------------------------------------------------------

  /** Loads the segments, checks every unacknowledged record; returns the acknowledged position. */
  private long recover() throws IOException {
    Files.deleteIfExists(dir.resolve(Checkpoint.FILE + ".tmp"));
    List<Segment> found = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        long base = Segment.parseBase(p.getFileName().toString());
        if (base >= 0 && Files.isRegularFile(p)) {
          long size = Files.size(p);
          found.add(new Segment(p, base, base + Math.max(0, size - Segment.HEADER)));
        }
      }
    }
    found.sort((a, b) -> Long.compare(a.base, b.base));

    Checkpoint.Read cp = Checkpoint.read(dir);
    long first = found.isEmpty() ? 0 : found.get(0).base;
    long ack;
    if (cp.valid()) {
      ack = Math.max(cp.position(), first);
    } else {
      ack = first;
      if (cp.present()) {
        // Fall back to the oldest retained record: nothing unacknowledged is lost, acknowledged
        // records still on disk are delivered again.
        damage(new Damage(Damage.Kind.BAD_CHECKPOINT, Checkpoint.FILE + " (" + cp.problem() + ")", first, 0, 0));
      }
    }

    // Segments wholly acknowledged (left by a crash between checkpoint and deletion) go now.
    while (found.size() > 1 && found.get(0).end <= ack) {
      Files.deleteIfExists(found.remove(0).path);
    }

    for (int i = 0; i < found.size(); i++) {
      Segment s = found.get(i);
      boolean last = i == found.size() - 1;
      scanSegment(s, Math.max(ack, s.base), last);
      if (s.end < s.base) {
        // a last segment too short for its header: removed
        found.remove(i);
        i--;
        continue;
      }
      segments.put(s.base, s);
    }

    Segment tail = segments.isEmpty() ? null : segments.lastEntry().getValue();
    if (tail == null || tail.readableEnd != Long.MAX_VALUE) {
      // Nothing to append to, or the last segment is unreadable: start a fresh one after it.
      long base = tail == null ? ack : tail.end;
      if (tail != null) {
        tail.sealed = true;
      }
      Segment s = Segment.create(dir, base, sync);
      segments.put(base, s);
      tail = s;
    } else {
      tail.openWriter();
    }
    for (Segment s : segments.values()) {
      if (s != tail) {
        s.sealed = true;
      }
      bytesOnDisk.addAndGet(s.fileSize());
    }
    active = tail;
    writtenEnd = tail.end;
    durableEnd = tail.end;
    // A checkpoint past the end (records lost with the page cache under fsync: never) must not
    // make new records look acknowledged.
    return Math.min(ack, writtenEnd);
  }

  /**
   * Validates the records of {@code s} from {@code from}; sets its end (truncating a torn tail of
   * the last segment) or its readable end, and reports damage. Sets {@code end < base} for a last
   * segment that was removed because it was too short to hold its header.
   */
  private void scanSegment(Segment s, long from, boolean last) throws IOException {
    long fileSize;
    try (SegmentFile f = new SegmentFile(s.path, READ_BUFFER)) {
      fileSize = f.length();
      if (fileSize < Segment.HEADER) {
        if (last) {
          if (fileSize > 0) {
            damage(new Damage(Damage.Kind.TORN_TAIL, s.path.getFileName().toString(), s.base, fileSize, 0));
          }
          f.close();
          Files.delete(s.path);
          s.end = s.base - 1;
          return;
        }
        damage(new Damage(Damage.Kind.BAD_SEGMENT_HEADER, s.path.getFileName().toString() + " (too short)",
            s.base, fileSize, 1));
        s.readableEnd = s.base;
        return;
      }
      String bad = Segment.checkHeader(f.copy(0, Segment.HEADER, fileSize), s.base, s.path);
      if (bad != null) {
        damage(new Damage(Damage.Kind.BAD_SEGMENT_HEADER, s.path.getFileName() + " (" + bad + ")", s.base,
            fileSize, 1));
        s.readableEnd = s.base;
        return;
      }
      long fileEnd = s.end; // base + size - HEADER
      long pos = Math.min(from, fileEnd);
      int prefixWanted = listener.recoveredPrefix();
      CRC32C crc = new CRC32C();
      while (pos < fileEnd) {
        long remaining = fileEnd - pos;
        boolean torn;
        long off = s.offset(pos);
        if (remaining < FRAME) {
          torn = true;
        } else {
          int len = f.readInt(off, fileSize);
          int sum = f.readInt(off + 4, fileSize);
          if (len == 0 && sum == 0) {
            torn = true; // zeros: space the file system allocated but never wrote
          } else if (len < 0 || len > remaining - FRAME) {
            torn = len > remaining - FRAME;
          } else if (check(f, crc, off, len, sum, fileSize)) {
            pendingRecords.incrementAndGet();
            if (prefixWanted > 0) {
              listener.recovered(pos, pos + FRAME + len, len,
                  f.copy(off + FRAME, Math.min(len, prefixWanted), fileSize));
            }
            pos += FRAME + len;
            continue;
          } else {
            long next = pos + FRAME + len;
            if (next == fileEnd && last) {
              torn = true; // the last record, written only in part
            } else if (next == fileEnd || validAt(f, crc, s.offset(next), fileSize)) {
              s.knownDamaged.add(pos);
              damage(new Damage(Damage.Kind.DAMAGED_RECORD, s.path.getFileName().toString(), pos, FRAME + len, 1));
              pos = next;
              continue;
            } else {
              torn = false;
            }
          }
        }
        // The frame at pos cannot be followed.
        String file = s.path.getFileName().toString();
        if (last) {
          damage(new Damage(torn ? Damage.Kind.TORN_TAIL : Damage.Kind.BROKEN_FRAMING, file, pos, remaining,
              torn ? 0 : 1));
          f.close();
          truncate(s, pos);
        } else {
          damage(new Damage(Damage.Kind.BROKEN_FRAMING, file, pos, remaining, 1));
          s.readableEnd = pos;
        }
        return;
      }
    }
  }

  private static boolean check(SegmentFile f, CRC32C crc, long off, int len, int sum, long limit) throws IOException {
    crc.reset();
    f.crc(crc, off, FRAME / 2, limit);
    f.crc(crc, off + FRAME, len, limit);
    return (int) crc.getValue() == sum;
  }

  /** True if a whole valid record starts at file offset {@code off}. */
  private static boolean validAt(SegmentFile f, CRC32C crc, long off, long fileSize) throws IOException {
    if (fileSize - off < FRAME) {
      return false;
    }
    int len = f.readInt(off, fileSize);
    int sum = f.readInt(off + 4, fileSize);
    if (len < 0 || len > fileSize - off - FRAME || (len == 0 && sum == 0)) {
      return false;
    }
    return check(f, crc, off, len, sum, fileSize);
  }

  private void truncate(Segment s, long pos) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(s.path.toFile(), "rw")) {
      f.setLength(s.offset(pos));
      if (sync) {
        f.getFD().sync();
      }
    }
    s.end = pos;
  }

  /** Counts and reports damage. */
  void damage(Damage d) {
    if (d.kind() == Damage.Kind.DAMAGED_RECORD || d.kind() == Damage.Kind.BROKEN_FRAMING
        || d.kind() == Damage.Kind.BAD_SEGMENT_HEADER) {
      damagedRecords.addAndGet(d.records());
      lostBytes.addAndGet(d.bytes());
    }
    try {
      listener.damaged(d);
    } catch (RuntimeException e) {
      // a listener's bug must not stop recovery or reading
    }
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** Writes {@code payload} and waits until it is durable per the fsync policy. */
  public Appended append(byte[] payload) throws IOException, InterruptedException {
    Appended a = write(null, payload);
    awaitDurable(a.end());
    return a;
  }

  /** Writes a record without waiting for it to be durable; see {@link #write(byte[], byte[])}. */
  public Appended write(byte[] payload) throws IOException {
    return write(null, payload);
  }

  /**
   * Writes a record whose payload is {@code prefix} followed by {@code payload} (saving the caller a
   * copy), without waiting for a force: call {@link #awaitDurable(long)} with the returned end.
   * Readers see the record once it is durable. The record is in the operating system's hands when
   * this returns, so it survives the death of this process.
   *
   * @param prefix bytes before the payload, or null
   * @throws LogFullException if the record would take the log past {@link LogOptions#maxSize()}
   * @throws RecordTooLargeException if the record could never fit
   * @throws IOException if the log is closed or the write failed. A failed write (a full device,
   *     say) is cut off the file and only this record is refused; if that fails too, or a force
   *     ever fails, the log refuses all appends until reopened: after a failed {@code fsync} what
   *     reached the device is unknown, and retrying it can report success falsely.
   */
  public Appended write(byte[] prefix, byte[] payload) throws IOException {
    int plen = prefix == null ? 0 : prefix.length;
    long len = (long) plen + payload.length;
    if (len > MAX_RECORD) {
      throw new RecordTooLargeException("a record of " + len + " bytes is larger than the maximum, " + MAX_RECORD);
    }
    long framed = FRAME + len;
    boolean signalFlusher = false;
    Appended result;
    appendLock.lock();
    try {
      checkWritable();
      if (framed + Segment.HEADER > options.maxSize()) {
        throw new RecordTooLargeException("a record of " + len + " bytes cannot fit in a log of at most "
            + options.maxSize() + " bytes");
      }
      Segment seg = active;
      boolean roll = seg.end > seg.base && seg.fileSize() + framed > options.segmentSize();
      long need = framed + (roll ? Segment.HEADER : 0);
      long used = bytesOnDisk.get();
      if (used + need > options.maxSize()) {
        throw new LogFullException("the log in " + dir + " is full: " + used + " of " + options.maxSize()
            + " bytes used, a record needs " + need);
      }
      if (roll) {
        seg = roll();
      }
      long pos = writtenEnd;
      try {
        writeFrame(seg.writer, prefix, payload, (int) len);
      } catch (IOException e) {
        undoPartialWrite(seg, e);
        throw e;
      }
      long end = pos + framed;
      seg.end = end;
      bytesOnDisk.addAndGet(framed);
      pendingRecords.incrementAndGet();
      if (!sync) {
        durableEnd = end;
      } else {
        long unforced = end - durableEnd;
        signalFlusher = unforced >= options.fsyncBytes() && unforced - framed < options.fsyncBytes();
      }
      writtenEnd = end;
      result = new Appended(pos, end);
    } finally {
      appendLock.unlock();
    }
    if ((!sync && readersWaiting > 0) || signalFlusher) {
      syncLock.lock();
      try {
        durableMoved.signalAll();
        flushWanted.signal();
      } finally {
        syncLock.unlock();
      }
    }
    return result;
  }

  /**
   * A write failed (the device is full, say): cut off whatever part of the record reached the file
   * so that the log stays well framed and later appends can succeed. If even that fails, the log
   * refuses all appends from now on.
   */
  private void undoPartialWrite(Segment seg, IOException cause) {
    try {
      seg.writer.setLength(seg.fileSize());
      seg.writer.seek(seg.fileSize());
    } catch (IOException e) {
      cause.addSuppressed(e);
      fail(cause);
    }
  }

  private void writeFrame(RandomAccessFile out, byte[] prefix, byte[] payload, int len) throws IOException {
    int plen = prefix == null ? 0 : prefix.length;
    byte[] lenBytes = {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
    CRC32C crc = frameCrc;
    crc.reset();
    crc.update(lenBytes, 0, 4);
    if (plen > 0) {
      crc.update(prefix, 0, plen);
    }
    crc.update(payload, 0, payload.length);
    int sum = (int) crc.getValue();
    int framed = FRAME + len;
    if (framed <= WRITE_BUFFER_MAX) {
      if (writeBuffer.length < framed) {
        writeBuffer = new byte[Math.min(WRITE_BUFFER_MAX, Math.max(framed, writeBuffer.length * 2))];
      }
      byte[] b = writeBuffer;
      System.arraycopy(lenBytes, 0, b, 0, 4);
      b[4] = (byte) (sum >>> 24);
      b[5] = (byte) (sum >>> 16);
      b[6] = (byte) (sum >>> 8);
      b[7] = (byte) sum;
      if (plen > 0) {
        System.arraycopy(prefix, 0, b, FRAME, plen);
      }
      System.arraycopy(payload, 0, b, FRAME + plen, payload.length);
      out.write(b, 0, framed);
    } else {
      byte[] h = {lenBytes[0], lenBytes[1], lenBytes[2], lenBytes[3],
          (byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum};
      out.write(h);
      if (plen > 0) {
        out.write(prefix);
      }
      out.write(payload);
    }
  }

  /** Seals the active segment and starts the next one at {@link #writtenEnd}. Holds appendLock. */
  private Segment roll() throws IOException {
    Segment old = active;
    forceLock.lock();
    try {
      if (sync) {
        old.sync();
      }
      old.closeWriter();
    } catch (IOException e) {
      fail(e);
      throw e;
    } finally {
      forceLock.unlock();
    }
    Segment next;
    try {
      next = Segment.create(dir, writtenEnd, sync);
    } catch (IOException e) {
      fail(e);
      throw e;
    }
    segments.put(next.base, next);
    bytesOnDisk.addAndGet(Segment.HEADER);
    active = next;
    if (sync) {
      advanceDurable(old.end);
    }
    old.sealed = true;
    return next;
  }

  private void checkWritable() throws IOException {
    if (closed) {
      throw new IOException("the log in " + dir + " is closed");
    }
    IOException f = failure;
    if (f != null) {
      throw new IOException("the log in " + dir + " failed earlier and refuses appends: " + f.getMessage(), f);
    }
  }

  private void fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    syncLock.lock();
    try {
      durableMoved.signalAll();
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Waits until every record up to {@code end} is durable per the fsync policy (at once for
   * {@link FsyncPolicy#NEVER}).
   *
   * @throws IOException if a force failed or the log was closed first: whether the record
   *     survives is then unknown
   */
  public void awaitDurable(long end) throws IOException, InterruptedException {
    if (durableEnd >= end) {
      return;
    }
    syncLock.lock();
    try {
      if (!flushRequested) {
        flushRequested = true; // the flusher resets it just before a force, so one wake-up per force
        flushWanted.signal();
      }
      while (durableEnd < end) {
        IOException f = failure;
        if (f != null) {
          throw new IOException("forcing the log in " + dir + " to disk failed: " + f.getMessage(), f);
        }
        if (closed) {
          throw new IOException("the log in " + dir + " was closed before the record was forced to disk");
        }
        durableMoved.await();
      }
    } finally {
      syncLock.unlock();
    }
  }

  private void advanceDurable(long end) {
    syncLock.lock();
    try {
      if (end > durableEnd) {
        durableEnd = end;
      }
      durableMoved.signalAll();
    } finally {
      syncLock.unlock();
    }
  }

  private void flushLoop() {
    long interval = options.fsyncInterval().toNanos();
    boolean always = options.fsync() == FsyncPolicy.ALWAYS;
    try {
      while (true) {
        syncLock.lock();
        try {
          while (true) {
            if (closed || failure != null) {
              return;
            }
            long unforced = writtenEnd - durableEnd;
            if (unforced > 0) {
              long wait = lastForceNanos + interval - System.nanoTime();
              if ((always && flushRequested) || wait <= 0 || unforced >= options.fsyncBytes()) {
                break;
              }
              flushWanted.awaitNanos(wait);
            } else {
              // Appenders waiting for a force wake us; records written without a waiter are
              // forced (and so become readable) at the latest after IDLE_CHECK.
              flushRequested = false;
              flushWanted.awaitNanos(IDLE_CHECK_NANOS);
            }
          }
          // Reset before the snapshot in force(): any waiter that set it wrote before the snapshot.
          flushRequested = false;
        } finally {
          syncLock.unlock();
        }
        force();
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  /** Forces the active segment and publishes what it covered. */
  private void force() {
    Segment seg;
    long target;
    appendLock.lock();
    try {
      seg = active;
      target = writtenEnd;
    } finally {
      appendLock.unlock();
    }
    lastForceNanos = System.nanoTime();
    forceLock.lock();
    try {
      if (!seg.sealed && seg.writer != null) {
        seg.sync();
      }
      // else a roll forced it entirely
    } catch (IOException e) {
      fail(e);
      return;
    } finally {
      forceLock.unlock();
    }
    advanceDurable(target);
  }

  // ---- reading and acknowledging ---------------------------------------------------------------

  /**
   * The reader, from the oldest unacknowledged record; the same one on every call. Not
   * thread-safe: one consumer at a time.
   */
  public LogReader reader() {
    return reader;
  }

  /** Acknowledges a record read back: it need not be kept any more. */
  public void ack(LogRecord record) {
    ack(record.position(), record.end());
  }

  /**
   * Acknowledges the record at {@code [position, end)}. Any order; duplicates are ignored. Once all
   * records of a segment are acknowledged (and all before them) the segment is deleted.
   */
  public void ack(long position, long end) {
    if (acks.ack(position, end)) {
      pendingRecords.decrementAndGet();
      wakeMaintainerIfSegmentDone();
    }
  }

  /** Acknowledges a range the reader skipped (damage, gaps): no record count changes. */
  void skip(long position, long end) {
    if (position < end && acks.ack(position, end)) {
      wakeMaintainerIfSegmentDone();
    }
  }

  private void wakeMaintainerIfSegmentDone() {
    Map.Entry<Long, Segment> oldest = segments.firstEntry();
    if (oldest != null && oldest.getValue().sealed && oldest.getValue().end <= acks.acked()) {
      LockSupport.unpark(maintainer);
    }
  }

  // package-private access for the reader
  Map.Entry<Long, Segment> segmentAt(long position) {
    Map.Entry<Long, Segment> e = segments.floorEntry(position);
    return e != null ? e : segments.firstEntry();
  }

  Map.Entry<Long, Segment> segmentAfter(Segment s) {
    return segments.higherEntry(s.base);
  }

  long durableEnd() {
    return durableEnd;
  }

  boolean isClosed() {
    return closed;
  }

  int readBufferSize() {
    return READ_BUFFER;
  }

  /** Waits until the durable end moves past {@code seen}, the log closes, or the timeout. */
  void awaitDurableMoved(long seen, long deadlineNanos) throws InterruptedException {
    syncLock.lock();
    try {
      readersWaiting++;
      try {
        while (durableEnd == seen && !closed && failure == null) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            return;
          }
          durableMoved.awaitNanos(left);
        }
      } finally {
        readersWaiting--;
      }
    } finally {
      syncLock.unlock();
    }
  }

  // ---- maintenance: checkpoint and deletion ----------------------------------------------------

  private void maintainLoop() {
    long interval = Math.max(options.checkpointInterval().toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
    while (!closed) {
      LockSupport.parkNanos(this, interval);
      if (closed) {
        return;
      }
      try {
        maintain();
      } catch (IOException | RuntimeException e) {
        // tried again next time; a stale checkpoint only means more redelivery after a crash
      }
    }
  }

  /** Writes the checkpoint if the acknowledged position moved, then deletes acknowledged segments. */
  private void maintain() throws IOException {
    synchronized (maintenanceLock) {
      long a = acks.acked();
      IOException checkpointFailure = null;
      if (a > checkpointed) {
        try {
          Checkpoint.write(dir, a, sync);
          checkpointed = a;
        } catch (IOException e) {
          // Deleting acknowledged segments is safe without it (reading restarts at the oldest
          // retained record), and frees the space a full disk may need.
          checkpointFailure = e;
        }
      }
      boolean freed = false;
      for (Segment s : segments.values()) {
        if (!s.sealed || s.end > a || s == active) {
          break;
        }
        Files.deleteIfExists(s.path);
        segments.remove(s.base);
        bytesOnDisk.addAndGet(-s.fileSize());
        freed = true;
      }
      if (freed) {
        try {
          listener.spaceFreed();
        } catch (RuntimeException e) {
          // the listener's problem
        }
      }
      if (checkpointFailure != null) {
        throw checkpointFailure;
      }
    }
  }

  /** Writes the checkpoint and deletes acknowledged segments now, rather than within the interval. */
  public void checkpoint() throws IOException {
    maintain();
  }

  // ---- metrics hooks -----------------------------------------------------------------------------

  /** Bytes all segment files take, acknowledged records not yet deleted included. */
  public long bytesOnDisk() {
    return bytesOnDisk.get();
  }

  /** Records written (or recovered) and not yet acknowledged. */
  public long records() {
    return pendingRecords.get();
  }

  /**
   * Records found damaged and skipped since open, recovery included. A skipped run of broken
   * framing or an unreadable segment counts as one (at least one record was lost).
   */
  public long damagedRecords() {
    return damagedRecords.get();
  }

  /** Bytes of damaged data skipped since open. */
  public long lostBytes() {
    return lostBytes.get();
  }

  /** The position before which every record is acknowledged. */
  public long ackedPosition() {
    return acks.acked();
  }

  /** Segment files, the active one included. */
  public int segmentCount() {
    return segments.size();
  }

  public Path directory() {
    return dir;
  }

  public LogOptions options() {
    return options;
  }

  // ---- closing -----------------------------------------------------------------------------------

  /**
   * Forces what was written (unless the policy is {@code never}), writes the checkpoint, deletes
   * acknowledged segments, stops the threads and releases the directory. Appenders still waiting
   * get an IOException. Idempotent; may be called from an interrupted thread.
   */
  @Override
  public void close() throws IOException {
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      if (sync && failure == null) {
        forceLock.lock();
        try {
          active.sync();
        } catch (IOException e) {
          fail(e);
        } finally {
          forceLock.unlock();
        }
      }
      if (failure == null) {
        advanceDurable(writtenEnd);
      }
      closed = true;
    } finally {
      appendLock.unlock();
    }
    syncLock.lock();
    try {
      durableMoved.signalAll();
      flushWanted.signalAll();
    } finally {
      syncLock.unlock();
    }
    LockSupport.unpark(maintainer);
    joinUninterruptibly(flusher);
    joinUninterruptibly(maintainer);
    IOException error = null;
    try {
      maintain();
    } catch (IOException e) {
      error = e;
    }
    try {
      reader.closeFile();
      appendLock.lock();
      try {
        active.closeWriter();
      } finally {
        appendLock.unlock();
      }
    } catch (IOException e) {
      error = error == null ? e : error;
    }
    try {
      fileLock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    lockChannel.close();
    if (error != null) {
      throw error;
    }
  }

  private static void joinUninterruptibly(Thread t) {
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "SegmentedLog{" + dir + ", " + segments.size() + " segments, " + bytesOnDisk.get() + " bytes}";
  }
}
