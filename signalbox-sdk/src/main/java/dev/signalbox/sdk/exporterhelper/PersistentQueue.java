package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Extension;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.storage.Appended;
import dev.signalbox.sdk.storage.Damage;
import dev.signalbox.sdk.storage.LogFullException;
import dev.signalbox.sdk.storage.LogListener;
import dev.signalbox.sdk.storage.LogRecord;
import dev.signalbox.sdk.storage.RecordTooLargeException;
import dev.signalbox.sdk.storage.SegmentedLog;
import dev.signalbox.sdk.storage.StorageClient;
import dev.signalbox.sdk.storage.StorageExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent {@link SendingQueue} ({@code sending_queue.storage}): requests wait in a
 * {@link SegmentedLog} on disk rather than in memory, and survive a crash or a restart.
 *
 * <ul>
 *   <li>{@link #offer} serializes the request, appends it, and returns {@code ACCEPTED} once it is
 *       durable per the storage's fsync policy. Bounds as the memory queue's: {@code queue_size} in
 *       units of the sizer and {@code max_bytes}, plus the storage's {@code max_size} on disk (the
 *       segment files, framing and not-yet-deleted acknowledged records included), which refuses as
 *       {@code FULL}. Here the bounds cap the backlog, not memory: waiting requests are on disk,
 *       only those being sent are in memory, so {@code max_bytes} may be raised freely up to
 *       {@code max_size}.
 *   <li>{@link #take} reads the next request from disk, in order: first those recovered from the
 *       previous run, then new ones.
 *   <li>{@link #done} with {@code finished = true} acknowledges the request (its space is freed,
 *       and its segment deleted once every record in it is acknowledged). With
 *       {@code finished = false} (a retry cut short by shutdown) it is not acknowledged: it stays on
 *       disk for the next start and, like the requests {@link #abandon} leaves behind, keeps
 *       counting in {@link #size()}, so that the helper's "kept N" line at shutdown says what the
 *       next start will send.
 *   <li>{@link #abandon} keeps everything and returns an empty list.
 * </ul>
 * Delivery is at-least-once: after a crash, requests acknowledged since the last checkpoint
 * (100ms) or acknowledged out of order after an unacknowledged one are sent again.
 *
 * <p>The queue closes its log (forcing it and writing the checkpoint) once it is closed and every
 * request is done or abandoned. Damage the log finds is logged here, one line per damage for the
 * first 20, then every 100th.
 *
 * <p>Each stored record is this queue's 13-byte header, then what the {@link Serializer} wrote:
 * <pre>
 * version  u8     1
 * items    i32    the request's item count at acceptance
 * bytes    i64    the request's size at acceptance
 * </pre>
 * The counts are those the bounds were charged with; storing them lets the queue charge recovered
 * requests the same at start without decoding them, and free exactly what it took.
 *
 * @param <T> the signal's batch type
 */
public final class PersistentQueue<T extends Telemetry> implements SendingQueue<T> {
  static final int HEADER = 13;
  static final byte HEADER_VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(PersistentQueue.class);
  private static final int DAMAGE_LINES = 20;

  /** A stored request not yet acknowledged, as charged against the bounds. */
  private record Pending(long position, long end, int items, long bytes) {}

  private final QueueConfig.Sizer sizer;
  private final long capacity;
  private final long byteCapacity;
  private final boolean blockOnOverflow;
  private final Serializer<T> serializer;
  private final String where;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition hasRequests = lock.newCondition();
  private final Condition hasSpace = lock.newCondition();
  private final Condition drained = lock.newCondition();
  /** Stored and not yet taken, in log order (being written included). */
  private final ArrayDeque<Pending> queued = new ArrayDeque<>();
  private final IdentityHashMap<ExportRequest<T>, Pending> inFlight = new IdentityHashMap<>();
  private long used;
  private long usedBytes;
  /** Offers between their write and its durability. */
  private int writing;
  private int recovered;
  private boolean closed;
  private boolean abandoned;
  private boolean released;
  private boolean readFailed;
  private final AtomicLong damages = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();

  private final SegmentedLog log;

  /**
   * Opens the queue stored in {@code storage}: recovers its log and charges the requests found
   * against the bounds (they may exceed them if the config shrank: new offers then wait or are
   * refused until enough are sent).
   */
  public static <T extends Telemetry> PersistentQueue<T> open(QueueConfig config, StorageClient storage,
      Serializer<T> serializer) throws IOException {
    return new PersistentQueue<>(config, storage, serializer);
  }

  /**
   * The queue factory for the helper of {@code signal} in component {@code settings}: a persistent
   * queue in the storage extension that {@code sending_queue.storage} names, found through
   * {@link dev.signalbox.component.Host#extension}, or the memory queue when it names none.
   *
   * @throws IllegalArgumentException at create time if the extension is missing or not a storage
   *     extension, with the key to fix
   */
  public static <T extends Telemetry> SendingQueue.Factory<T> factory(ComponentSettings settings, Signal<T> signal,
      Serializer<T> serializer) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(serializer, "serializer");
    return (config, host) -> {
      ComponentId id = config.storage();
      if (id == null) {
        return new MemoryQueue<>(config);
      }
      String key = settings.kind().section() + "." + settings.id() + ".sending_queue.storage";
      Extension e = host.extensions().get(id);
      if (e == null) {
        throw new IllegalArgumentException(key + ": extension '" + id + "' is not configured; define it under"
            + " extensions and list it in service.extensions");
      }
      StorageExtension storage = host.extension(id, StorageExtension.class).orElseThrow(() ->
          new IllegalArgumentException(key + ": extension '" + id + "' is not a storage extension"));
      StorageClient client = storage.client(settings.kind(), settings.id(), signal);
      return open(config, client, serializer);
    };
  }

  private PersistentQueue(QueueConfig config, StorageClient storage, Serializer<T> serializer) throws IOException {
    this.sizer = config.sizer();
    this.capacity = config.queueSize();
    this.byteCapacity = config.effectiveMaxBytes();
    this.blockOnOverflow = config.blockOnOverflow();
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.where = "persistent sending queue " + storage.directory();
    this.log = storage.open(new Listener());
    if (recovered > 0) {
      LOG.info("{}: {} requests ({} {}) recovered from the previous run are sent first", where, recovered,
          used, sizer.unit());
    }
  }

  /** What the log tells the queue: recovered records, damage, freed space. */
  private final class Listener implements LogListener {
    @Override
    public int recoveredPrefix() {
      return HEADER;
    }

    @Override
    public void recovered(long position, long end, int payloadLength, byte[] prefix) {
      // During open: no other thread sees the queue yet.
      Pending p;
      ByteBuffer b = ByteBuffer.wrap(prefix);
      if (prefix.length == HEADER && b.get(0) == HEADER_VERSION) {
        p = new Pending(position, end, b.getInt(1), b.getLong(5));
      } else {
        p = new Pending(position, end, 0, payloadLength); // decoding will fail and drop it
      }
      queued.addLast(p);
      used += size(p);
      usedBytes += p.bytes();
      recovered++;
    }

    @Override
    public void damaged(Damage damage) {
      long n = damages.incrementAndGet();
      if (n <= DAMAGE_LINES || n % 100 == 0) {
        String suffix = n < DAMAGE_LINES ? "" : " (" + n + " damages so far)";
        if (damage.lostData()) {
          LOG.error("{}: {}{}", where, damage.describe(), suffix);
        } else {
          LOG.warn("{}: {}{}", where, damage.describe(), suffix);
        }
      }
    }

    @Override
    public void spaceFreed() {
      lock.lock();
      try {
        hasSpace.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private long size(Pending p) {
    return switch (sizer) {
      case REQUESTS -> 1;
      case ITEMS -> p.items();
      case BYTES -> p.bytes();
    };
  }

  static byte[] header(int items, long bytes) {
    return ByteBuffer.allocate(HEADER).put(HEADER_VERSION).putInt(items).putLong(bytes).array();
  }

  @Override
  public OfferResult offer(ExportRequest<T> request, Deadline patience) throws InterruptedException {
    long size = request.size(sizer);
    long bytes = request.bytes();
    if (size > capacity || bytes > byteCapacity) {
      return OfferResult.TOO_LARGE;
    }
    byte[] body = serializer.serialize(request);
    byte[] head = header(request.items(), bytes);
    Appended at;
    lock.lock();
    try {
      while (true) {
        if (closed || released) {
          return OfferResult.CLOSED;
        }
        OfferResult fit = used + size > capacity ? OfferResult.FULL
            : usedBytes + bytes > byteCapacity ? OfferResult.FULL_BYTES
            : null;
        if (fit == null) {
          try {
            at = log.write(head, body);
            break;
          } catch (LogFullException e) {
            fit = OfferResult.FULL;
          } catch (RecordTooLargeException e) {
            return OfferResult.TOO_LARGE;
          } catch (IOException e) {
            long n = writeFailures.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: every failure counts, few are logged
              LOG.error("{}: cannot store requests, refusing them ({} so far): {}", where, n, e.getMessage());
            }
            return OfferResult.FULL;
          }
        }
        if (!blockOnOverflow) {
          return fit;
        }
        if (patience == null) {
          hasSpace.await();
        } else {
          long left = patience.remaining().toNanos();
          if (left <= 0) {
            return fit;
          }
          hasSpace.awaitNanos(left);
        }
      }
      Pending p = new Pending(at.position(), at.end(), request.items(), bytes);
      queued.addLast(p);
      used += size;
      usedBytes += bytes;
      writing++;
    } finally {
      lock.unlock();
    }
    boolean durable = awaitDurable(at);
    lock.lock();
    try {
      writing--;
      hasRequests.signal(); // one record: one taker
    } finally {
      lock.unlock();
    }
    releaseIfDone();
    return durable ? OfferResult.ACCEPTED : OfferResult.FULL;
  }

  /**
   * Waits for the record to be durable, through interrupts: the record is written and will be
   * delivered, so the offer cannot back out. False if the log failed (the caller is told to retry;
   * the record may survive, which at-least-once allows).
   */
  private boolean awaitDurable(Appended at) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          log.awaitDurable(at.end());
          return true;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (IOException e) {
          LOG.error("{}: a request could not be forced to disk and is refused: {}", where, e.getMessage());
          return false;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public ExportRequest<T> take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (abandoned || released) {
          return null;
        }
        LogRecord rec = null;
        if (!readFailed) {
          try {
            rec = log.reader().next();
          } catch (IOException e) {
            readFailed = true;
            LOG.error("{}: reading stored requests failed; they stay on disk for the next start: {}", where,
                e.getMessage());
          }
        }
        if (rec != null) {
          Pending p = claim(rec);
          ExportRequest<T> r = decode(rec, p);
          if (r != null) {
            inFlight.put(r, p);
            return r;
          }
          continue;
        }
        freeSkipped(log.reader().position());
        if (closed && (queued.isEmpty() || readFailed)) {
          return null;
        }
        hasRequests.await();
      }
    } finally {
      lock.unlock();
      releaseIfDone();
    }
  }

  /** The pending entry of a record read back; frees entries the reader skipped before it. */
  private Pending claim(LogRecord rec) {
    Pending head;
    while ((head = queued.peekFirst()) != null && head.position() < rec.position()) {
      free(queued.pollFirst());
    }
    if (head != null && head.position() == rec.position()) {
      return queued.pollFirst();
    }
    return new Pending(rec.position(), rec.end(), 0, 0); // not charged: cannot happen, but never undercount
  }

  /** Frees entries the reader passed without returning them (damaged). */
  private void freeSkipped(long readerPosition) {
    Pending head;
    while ((head = queued.peekFirst()) != null && head.end() <= readerPosition) {
      free(queued.pollFirst());
    }
  }

  private ExportRequest<T> decode(LogRecord rec, Pending p) {
    byte[] b = rec.payload();
    try {
      if (b.length < HEADER || b[0] != HEADER_VERSION) {
        throw new IOException("unknown record header");
      }
      return serializer.deserialize(b, HEADER, b.length - HEADER);
    } catch (IOException | RuntimeException e) {
      undecodable.incrementAndGet();
      LOG.error("{}: a stored request ({} items) at position {} cannot be decoded and is dropped: {}", where,
          p.items(), rec.position(), e.getMessage());
      log.ack(rec);
      free(p);
      return null;
    }
  }

  private void free(Pending p) {
    used -= size(p);
    usedBytes -= p.bytes();
    hasSpace.signalAll();
    if (held() == 0) {
      drained.signalAll();
    }
  }

  /** Requests still to be worked on: stored and not taken (unless abandoned), and in flight. */
  private int held() {
    return inFlight.size() + (abandoned ? 0 : queued.size());
  }

  @Override
  public void done(ExportRequest<T> request, boolean finished) {
    lock.lock();
    try {
      Pending p = inFlight.remove(request);
      if (p == null) {
        return;
      }
      if (finished) {
        log.ack(p.position(), p.end());
        free(p);
      } else if (held() == 0) {
        // kept on disk and still counted in size(): the next start sends it
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
    releaseIfDone();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      hasRequests.signalAll();
      hasSpace.signalAll();
    } finally {
      lock.unlock();
    }
    releaseIfDone();
  }

  @Override
  public boolean awaitDrained(Deadline deadline) throws InterruptedException {
    lock.lock();
    try {
      while (held() > 0) {
        long left = deadline.remaining().toNanos();
        if (left <= 0) {
          return false;
        }
        drained.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ExportRequest<T>> abandon() {
    lock.lock();
    try {
      abandoned = true;
      hasRequests.signalAll();
      if (held() == 0) {
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
    releaseIfDone();
    return List.of();
  }

  /** Closes the log once closed (or abandoned) and nothing is left to do. Never under the lock. */
  private void releaseIfDone() {
    boolean release;
    lock.lock();
    try {
      release = !released && (closed || abandoned) && writing == 0 && held() == 0;
      if (release) {
        released = true;
        hasRequests.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (release) {
      try {
        log.close();
      } catch (IOException e) {
        LOG.warn("{}: closing the log failed; the next start may send some requests again: {}", where,
            e.getMessage());
      }
    }
  }

  @Override
  public boolean keepsUnfinished() {
    return true;
  }

  @Override
  public long size() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long capacity() {
    return capacity;
  }

  @Override
  public long bytes() {
    lock.lock();
    try {
      return usedBytes;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long byteCapacity() {
    return byteCapacity;
  }

  /** Requests recovered from the previous run at open. */
  public int recovered() {
    return recovered;
  }

  /** Stored requests that could not be decoded and were dropped (logged). */
  public long undecodable() {
    return undecodable.get();
  }

  /** The log underneath, for its metrics ({@link SegmentedLog#bytesOnDisk()} and the like). */
  public SegmentedLog log() {
    return log;
  }

  @Override
  public String toString() {
    return where;
  }
}
