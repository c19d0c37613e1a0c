package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.Component;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Problems;
import dev.signalbox.pdata.Batches;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Gives an exporter a sending queue, retries, per-attempt timeouts, self-metrics and status, so that
 * the exporter writes only its {@link PushFunction}. One helper per (exporter id, signal); the
 * exporter returns it from {@code Exporter.consumer(signal)} and calls its {@link #start} and
 * {@link #shutdown} from its own.
 *
 * <pre>{@code
 * helper = ExporterHelper.builder(settings, Signal.TRACES, this::pushTraces)
 *     .queue(config.sendingQueue())
 *     .retry(config.retryOnFailure())
 *     .timeout(config.timeout())
 *     .build();
 * }</pre>
 *
 * <h2>Stages</h2>
 * {@code consume → queue → observe → retry → timeout → push}, as in the Collector's exporterhelper.
 * <ul>
 *   <li><b>Queue</b> ({@code sending_queue}): bounded by its sizer and by bytes, drained by
 *       {@code num_consumers} virtual threads. When full, {@code consume} waits for space
 *       ({@code block_on_overflow}) or refuses at once with
 *       {@code RetryableException(resourceExhausted = true)}, which receivers turn into back-pressure
 *       (gRPC RESOURCE_EXHAUSTED, HTTP 429). A batch larger than a bound by itself is refused with a
 *       {@link PermanentException}. With the queue disabled, {@code consume} sends in the caller's
 *       thread, retries included, and returns or throws the final outcome; with
 *       {@code wait_for_result} it queues and then waits for that outcome.
 *   <li><b>Batch</b> ({@code sending_queue.batch}, off unless written): one batcher thread takes
 *       requests from the queue and merges them (wire-backed ones without decoding; never across
 *       different client metadata) until {@code min_size} or {@code flush_timeout}, splits by
 *       {@code max_size}, and hands each merged batch to a free worker. A queued request is done
 *       with the queue (freed; acknowledged on disk) when every merged batch holding part of it was
 *       delivered or dropped; if shutdown keeps any part, a persistent queue keeps the whole request.
 *   <li><b>Observe</b>: counts every accepted item exactly once, as sent or as failed with a reason,
 *       reports status and logs drops (rate-limited).
 *   <li><b>Retry</b> ({@code retry_on_failure}): exponential backoff with jitter; a longer
 *       {@link RetryableException#retryAfter()} from the server replaces the backoff; gives up when
 *       the next attempt would start after {@code max_elapsed_time} (0: never); a
 *       {@link PermanentException} is not retried, and a partial one ({@code rejectedItems >= 0})
 *       drops only the rejected items, the rest counting as sent.
 *   <li><b>Timeout</b> ({@code timeout}): each attempt gets a deadline; an attempt still running
 *       at it is interrupted and is a retryable failure (0: no timeout).
 * </ul>
 *
 * <h2>Shutdown</h2>
 * Stops accepting, lets the workers drain the queue (retrying as usual; the batcher sends what it
 * holds at once instead of waiting for {@code flush_timeout}) until shortly before the deadline,
 * then interrupts them: every batch still queued, pending in the batcher or being retried is counted
 * as dropped with reason {@code shutdown} and logged. A persistent queue keeps those instead (see
 * {@link SendingQueue}) and the helper logs one line saying how many requests and items it kept.
 * Idempotent and safe without start.
 *
 * <h2>Self-metrics</h2>
 * On {@code settings.meter()}, which carries the {@code exporter} label; {@code <items>} is
 * {@link Signal#itemName()} (spans, metric_points, log_records, profiles):
 * <ul>
 *   <li>{@code otelcol_exporter_sent_<items>}: items the backend accepted.
 *   <li>{@code otelcol_exporter_send_failed_<items>{reason}}: items accepted by this helper (or
 *       sent synchronously) that could not be delivered: {@code permanent},
 *       {@code retries_exhausted}, {@code retry_disabled}, {@code shutdown}, {@code interrupted},
 *       {@code internal_error}, {@code not_running}.
 *   <li>{@code otelcol_exporter_enqueue_failed_<items>{reason}}: items refused by the queue:
 *       {@code queue_full}, {@code too_large}, {@code not_running}.
 *   <li>{@code otelcol_exporter_queue_size{data_type}}, {@code otelcol_exporter_queue_capacity{data_type}}:
 *       in units of the sizer, in-flight batches included, as the Collector's.
 *   <li>Ours: {@code otelcol_exporter_queue_size_bytes{data_type}} and
 *       {@code otelcol_exporter_queue_capacity_bytes{data_type}} for the byte bound, and
 *       {@code otelcol_exporter_retries{data_type}}: attempts that failed and were scheduled for a
 *       retry (one per wait, whatever the batch size).
 * </ul>
 * The {@code reason} label is ours (the Collector adds {@code error.type} only at its detailed
 * level); summing over it gives the Collector's series.
 *
 * <p>Thread-safe. {@code consume} may be called by any number of threads.
 *
 * @param <T> the signal's batch type
 */
public final class ExporterHelper<T extends Telemetry> implements Consumer<T>, Component {

  /** At most one log line per reason per this interval. */
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  /** The deadline of an attempt when there is no timeout: far enough, and safe from overflow. */
  private static final long NO_TIMEOUT_NANOS = TimeUnit.DAYS.toNanos(365);
  /** At most this much of the shutdown time is kept to interrupt workers and count what is left. */
  private static final Duration MAX_ABORT_MARGIN = Duration.ofMillis(100);

  private enum State { NEW, RUNNING, DRAINING, STOPPED }

  private final ComponentSettings settings;
  private final Signal<T> signal;
  private final PushFunction<T> push;
  private final QueueConfig queueConfig;
  private final RetryConfig retryConfig;
  private final Duration timeout;
  private final TimeSource time;
  private final DoubleSupplier random;
  private final Capabilities capabilities;
  private final SendingQueue.Factory<T> queueFactory;
  private final ExporterMetrics metrics;
  private final RateLimitedLog log;
  /** "exporters.otlp/2": the YAML path of this exporter, for messages. */
  private final String key;

  private final Object lifecycle = new Object();
  private volatile State state = State.NEW;
  private volatile SendingQueue<T> queue;
  private final List<Thread> workers = new ArrayList<>();
  /** Set when the shutdown deadline arrives: retries stop and what is left is dropped. */
  private volatile boolean aborted;

  /** {@code sending_queue.batch}, or null: each queued request is sent as it is. */
  private final QueueBatchConfig batch;
  /** Merged batches from the batcher to the workers (batching only). */
  private final LinkedBlockingQueue<Merged<T>> handoff = new LinkedBlockingQueue<>();
  /** Merged batches handed off and not yet finished: at most one per worker. */
  private final Semaphore slots;
  /** Tells a worker to stop (batching only). */
  private final Merged<T> poison = new Merged<>(null, List.of());

  /** Callers sending synchronously (queue disabled), for shutdown to wait for or interrupt. */
  private final Set<Thread> syncCallers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger syncInFlight = new AtomicInteger();
  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition syncIdle = syncLock.newCondition();

  private ExporterHelper(Builder<T> b) {
    this.settings = b.settings;
    this.signal = b.signal;
    this.push = b.push;
    this.queueConfig = b.queue;
    this.retryConfig = b.retry;
    this.timeout = b.timeout.timeout();
    this.time = b.time;
    this.random = b.random;
    this.capabilities = b.capabilities;
    this.key = settings.kind().section() + "." + settings.id();
    this.batch = queueConfig.enabled() ? queueConfig.batch() : null;
    this.slots = new Semaphore(Math.max(1, queueConfig.numConsumers()));
    this.metrics = new ExporterMetrics(settings.meter(), signal);
    String prefix = settings.describe() + " (" + signal.name() + ")";
    this.log = new RateLimitedLog(time::nanoTime, LOG_INTERVAL, prefix, signal.itemName(),
        b.logSink != null ? b.logSink : RateLimitedLog.slf4j(LoggerFactory.getLogger(ExporterHelper.class)));
    if (b.queueFactory != null) {
      this.queueFactory = b.queueFactory;
    } else if (queueConfig.storage() != null && queueConfig.enabled()) {
      // The storage extension is looked up at start, when extensions are running.
      this.queueFactory = PersistentQueue.factory(settings, signal, Serializer.otlp(signal));
    } else {
      this.queueFactory = (config, host) -> new MemoryQueue<>(config);
    }
    if (queueConfig.enabled()) {
      ExporterMetrics.registerQueueGauges(settings.meter(), signal, queueConfig, () -> queue);
    }
  }

  /**
   * A builder for the helper of exporter {@code settings.id()} and {@code signal}, sending with
   * {@code push}. Queue, retry and timeout default to the Collector's defaults.
   */
  public static <T extends Telemetry> Builder<T> builder(ComponentSettings settings, Signal<T> signal,
      PushFunction<T> push) {
    return new Builder<>(settings, signal, push);
  }

  /** Starts the queue's workers. Called once, before any {@code consume}. */
  @Override
  public void start(Host host) throws Exception {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException(settings.describe() + " (" + signal + ") was already started");
      }
      if (queueConfig.enabled()) {
        SendingQueue<T> q = queueFactory.create(queueConfig, host);
        queue = q;
        var factory = Thread.ofVirtual().name(settings.kind().label() + "-" + settings.id() + "-" + signal + "-", 0);
        if (batch == null) {
          for (int i = 0; i < queueConfig.numConsumers(); i++) {
            workers.add(factory.unstarted(() -> work(q)));
          }
        } else {
          workers.add(Thread.ofVirtual().name(settings.kind().label() + "-" + settings.id() + "-" + signal + "-batcher")
              .unstarted(new Batcher(q)));
          for (int i = 0; i < queueConfig.numConsumers(); i++) {
            workers.add(factory.unstarted(this::sendBatches));
          }
        }
        workers.forEach(Thread::start);
      }
      state = State.RUNNING;
    }
  }

  /** Accepts {@code data}: queues it, or (queue disabled) sends it. See the class comment. */
  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    consume(ctx, data, null);
  }

  /**
   * As {@link #consume(Context, Telemetry)}, with a limit on how long a full queue with
   * {@code block_on_overflow} may make the caller wait: at {@code patience} the batch is refused as
   * if the queue did not block. Null: wait until there is room, shutdown or an interrupt.
   */
  public void consume(Context ctx, T data, Deadline patience) throws ConsumeException {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(data, "data");
    if (!queueConfig.enabled()) {
      sendInCallerThread(ctx, data);
      return;
    }
    SendingQueue<T> q = queue;
    if (state != State.RUNNING || q == null) {
      throw refuse(data.itemCount(), DropReason.NOT_RUNNING, notRunning(), false);
    }
    ExportRequest<T> r = new ExportRequest<>(ctx, data, queueConfig.waitForResult());
    SendingQueue.OfferResult result;
    try {
      result = q.offer(r, patience);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refuse(r.items(), DropReason.QUEUE_FULL,
          () -> "the caller was interrupted while waiting for room in the sending queue", true);
    }
    switch (result) {
      case ACCEPTED -> awaitResult(r);
      case FULL -> throw refuse(r.items(), DropReason.QUEUE_FULL, () -> "sending queue is full ("
          + q.capacity() + " " + queueConfig.sizer().unit() + "); raise " + key + ".sending_queue.queue_size"
          + (queueConfig.blockOnOverflow() ? "" : " or enable " + key + ".sending_queue.block_on_overflow"), true);
      case FULL_BYTES -> throw refuse(r.items(), DropReason.QUEUE_FULL, () -> "sending queue is full ("
          + ByteSize.ofBytes(q.byteCapacity()) + " of batches); raise " + key + "." + byteBoundKey()
          + (queueConfig.blockOnOverflow() ? "" : " or enable " + key + ".sending_queue.block_on_overflow"), true);
      case TOO_LARGE -> throw refuseTooLarge(r, q);
      case CLOSED -> throw refuse(r.items(), DropReason.NOT_RUNNING, notRunning(), false);
    }
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * Stops accepting, drains until shortly before {@code deadline}, then drops (and counts) what is
   * left. Idempotent; safe without start. Returns by the deadline unless a push function ignores
   * interrupts.
   */
  @Override
  public void shutdown(Deadline deadline) {
    synchronized (lifecycle) {
      if (state == State.STOPPED || state == State.DRAINING) {
        return;
      }
      if (state == State.NEW) {
        state = State.STOPPED;
        return;
      }
      state = State.DRAINING;
    }
    Duration margin = deadline.remaining().dividedBy(10);
    Deadline abortAt = new Deadline(deadline.nanoTime()
        - (margin.compareTo(MAX_ABORT_MARGIN) > 0 ? MAX_ABORT_MARGIN : margin).toNanos());
    SendingQueue<T> q = queue;
    try {
      boolean drained;
      if (q != null) {
        q.close();
        drained = q.awaitDrained(abortAt);
      } else {
        drained = awaitSyncCallers(abortAt);
      }
      if (!drained) {
        abort(q);
      }
      for (Thread w : workers) {
        long left = deadline.remaining().toNanos();
        if (left <= 0 || !w.join(Duration.ofNanos(left))) {
          break;
        }
      }
      if (aborted && q != null && q.keepsUnfinished() && q.size() > 0) {
        log.log("shutdown-kept", Level.INFO, 0, () -> q instanceof PersistentQueue<T> pq
            ? "the shutdown deadline came before the queue drained; kept " + pq.describeHeld().replace(" items)", " "
                + signal.itemName() + ")") + " for the next start"
            : "kept " + q.size() + " " + queueConfig.sizer().unit() + " in the persistent sending queue for the next start");
      }
    } catch (InterruptedException e) {
      abort(q);
      Thread.currentThread().interrupt();
    } finally {
      state = State.STOPPED;
      log.flush();
    }
  }

  /** The shutdown deadline has come: stop retries, interrupt sends, drop what is still queued. */
  private void abort(SendingQueue<T> q) {
    aborted = true;
    // Empty the queue before waking the workers, so that they do not take what is left.
    List<ExportRequest<T>> left = q == null ? List.of() : q.abandon();
    workers.forEach(Thread::interrupt);
    syncCallers.forEach(Thread::interrupt);
    if (q == null) {
      return;
    }
    long items = 0;
    for (ExportRequest<T> r : left) {
      items += r.items();
      metrics.sendFailed(DropReason.SHUTDOWN, r.items());
      complete(r, new RetryableException(settings.describe() + " shut down before the batch could be sent"));
    }
    if (!left.isEmpty()) {
      long n = items;
      // A key of its own, so the per-batch shutdown lines never suppress this summary.
      log.log("shutdown-queued", Level.ERROR, n, () -> "dropped " + n + " " + signal.itemName() + " in "
          + left.size() + " queued batch" + (left.size() == 1 ? "" : "es")
          + ": the shutdown deadline came before they could be sent");
    }
  }

  // ---- queue consumers -------------------------------------------------------------------------

  private void work(SendingQueue<T> q) {
    while (true) {
      ExportRequest<T> r;
      try {
        r = q.take();
      } catch (InterruptedException e) {
        if (aborted) {
          return;
        }
        continue;
      }
      if (r == null) {
        return;
      }
      boolean finished = true;
      try {
        // With wait_for_result the caller gets the error, so the data is not silently dropped.
        Outcome o = send(r, r.result == null ? "dropped" : "failed to send");
        finished = !o.kept();
        complete(r, o.error());
      } catch (RuntimeException | Error e) {
        // A bug in our own accounting (or a meter, status reporter or log sink): never lose the
        // worker, and never leave a waiting caller hanging.
        complete(r, new RetryableException("the exporter helper failed: " + e, e));
        if (e instanceof VirtualMachineError err) {
          throw err;
        }
      } finally {
        q.done(r, finished);
      }
    }
  }

  // ---- batching (sending_queue.batch) --------------------------------------------------------

  /**
   * A request the batcher took from the queue. Its items go into one or more merged batches (more
   * than one when {@code max_size} splits it); it is done with the queue (acknowledged, or kept by a
   * persistent queue) once every such part is finished and none of its items is left in the
   * batcher.
   */
  private static final class Source<T extends Telemetry> {
    final ExportRequest<T> request;
    /** Items and bytes of this request still in the batcher's pending batch (batcher thread only). */
    int pendingItems;
    long pendingBytes;
    /** Guarded by this: merged batches holding part of it and not finished yet. */
    private int parts;
    /** Guarded by this: no part of it is left in the batcher. */
    private boolean allCut;
    private boolean kept;
    private ConsumeException error;

    Source(ExportRequest<T> request) {
      this.request = request;
      this.pendingItems = request.items();
      this.pendingBytes = request.bytes();
    }
  }

  /** A merged batch and the requests whose items it holds. */
  private record Merged<T extends Telemetry>(ExportRequest<T> request, List<Source<T>> sources) {}

  /**
   * Takes requests from the queue and merges them until the pending batch reaches
   * {@code min_size} or its first request has waited {@code flush_timeout}, then hands it (split
   * by {@code max_size}) to a free worker. Requests of different client metadata are never merged.
   * One per helper; it exits when the queue is closed and empty (after flushing) or on abort.
   */
  private final class Batcher implements Runnable {
    private final SendingQueue<T> q;
    private final ArrayDeque<Source<T>> sources = new ArrayDeque<>();
    private T data;
    private Context ctx;
    private int items;
    private long bytes;
    private long flushAt;

    Batcher(SendingQueue<T> q) {
      this.q = q;
    }

    @Override
    public void run() {
      try {
        while (true) {
          ExportRequest<T> r = sources.isEmpty() ? q.take() : q.poll(new Deadline(flushAt));
          if (r == null) {
            if (sources.isEmpty()) {
              return; // closed and empty (or abandoned)
            }
            cutSafely(true); // flush_timeout, or the queue closed: send what is pending now
            continue;
          }
          if (!sources.isEmpty() && !ctx.metadata().equals(r.context().metadata())) {
            cutSafely(true);
          }
          try {
            add(r);
          } catch (RuntimeException e) {
            // Never lose the batcher (nor the request) to a batch that will not merge: send it alone.
            log.log("merge", Level.WARN, r.items(), () -> "could not merge a batch of " + r.items() + " "
                + signal.itemName() + " (" + e + "); sending it on its own");
            flushWhole();
            Source<T> alone = new Source<>(r);
            alone.parts = 1;
            alone.allCut = true;
            dispatch(new Merged<>(r, List.of(alone)));
            continue;
          }
          cutSafely(false);
        }
      } catch (InterruptedException e) {
        // only abort interrupts the batcher
      } finally {
        if (!sources.isEmpty()) {
          // aborted: what is pending was never sent; a persistent queue keeps it
          Merged<T> m = take(Integer.MAX_VALUE, true);
          finish(m, shutdownDrop(m.request(), "dropped", null));
        }
        if (aborted) {
          Merged<T> m;
          while ((m = handoff.poll()) != null) {
            if (m != poison) {
              finish(m, shutdownDrop(m.request(), "dropped", null));
            }
          }
        }
        for (int i = 0; i < queueConfig.numConsumers(); i++) {
          handoff.add(poison);
        }
      }
    }

    private void add(ExportRequest<T> r) {
      T d = r.data();
      if (d.isReadOnly()) {
        d = Batches.copy(d); // O(1) for a wire-backed batch
      }
      if (sources.isEmpty()) {
        data = signal.empty();
        ctx = r.context();
        items = 0;
        bytes = 0;
        flushAt = System.nanoTime() + batch.flushTimeout().toNanos();
      }
      Batches.append(data, d);
      sources.addLast(new Source<>(r));
      items += r.items();
      bytes += r.bytes();
    }

    private long size() {
      return batch.sizer() == QueueConfig.Sizer.BYTES ? bytes : items;
    }

    /** Hands off batches: those that reached min_size, or ({@code all}) everything pending. */
    private void cut(boolean all) throws InterruptedException {
      while (!sources.isEmpty() && (all || size() >= batch.minSize())) {
        int n = items;
        long max = batch.maxSize();
        if (max > 0 && size() > max) {
          n = batch.sizer() == QueueConfig.Sizer.ITEMS ? (int) max
              : (int) Math.max(1, Math.min(items, (long) ((double) items * max / Math.max(1, bytes))));
        }
        dispatch(take(n, n >= items));
      }
    }

    /** {@link #cut}, and if a batch will not split (max_size), everything pending as it is. */
    private void cutSafely(boolean all) throws InterruptedException {
      try {
        cut(all);
      } catch (RuntimeException e) {
        int n = items;
        log.log("split", Level.WARN, n, () -> "could not split a batch of " + n + " " + signal.itemName() + " ("
            + e + "); sending it whole");
        flushWhole();
      }
    }

    /** Hands off everything pending as one batch, without splitting. */
    private void flushWhole() throws InterruptedException {
      if (!sources.isEmpty()) {
        dispatch(take(Integer.MAX_VALUE, true));
      }
    }

    /** Removes the first {@code n} items (all when {@code whole}) as a merged batch. */
    private Merged<T> take(int n, boolean whole) {
      T part;
      if (whole) {
        part = data;
        data = signal.empty();
      } else {
        part = Batches.takeFirst(data, n);
      }
      int need = whole ? Integer.MAX_VALUE : part.itemCount();
      List<Source<T>> in = new ArrayList<>();
      int taken = 0;
      long takenBytes = 0;
      Source<T> s;
      while ((s = sources.peekFirst()) != null && (need > 0 || s.pendingItems == 0)) {
        if (s.pendingItems <= need) {
          sources.pollFirst();
          need -= s.pendingItems;
          taken += s.pendingItems;
          takenBytes += s.pendingBytes;
          synchronized (s) {
            s.parts++;
            s.allCut = true;
          }
        } else {
          long b = s.pendingBytes * need / Math.max(1, s.pendingItems);
          s.pendingItems -= need;
          s.pendingBytes -= b;
          taken += need;
          takenBytes += b;
          need = 0;
          synchronized (s) {
            s.parts++;
          }
        }
        in.add(s);
      }
      items -= taken;
      bytes -= takenBytes;
      return new Merged<>(new ExportRequest<>(ctx, part), in);
    }

    private void dispatch(Merged<T> m) throws InterruptedException {
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        finish(m, shutdownDrop(m.request(), "dropped", null));
        throw e;
      }
      handoff.add(m);
    }
  }

  /** A worker when batching: sends the merged batches the batcher hands off. */
  private void sendBatches() {
    while (true) {
      Merged<T> m;
      try {
        m = aborted ? handoff.poll() : handoff.take();
      } catch (InterruptedException e) {
        continue; // aborted: take what is left without waiting
      }
      if (m == null || m == poison) {
        return;
      }
      try {
        finish(m, send(m.request(), "dropped"));
      } catch (RuntimeException | Error e) {
        finish(m, new Outcome(new RetryableException("the exporter helper failed: " + e, e), false));
        if (e instanceof VirtualMachineError err) {
          throw err;
        }
      } finally {
        slots.release();
      }
    }
  }

  /** A merged batch is delivered, dropped (and counted) or kept: tells each of its requests. */
  private void finish(Merged<T> m, Outcome o) {
    SendingQueue<T> q = queue;
    for (Source<T> s : m.sources()) {
      boolean last;
      synchronized (s) {
        s.parts--;
        s.kept |= o.kept();
        if (o.error() != null && s.error == null) {
          s.error = o.error();
        }
        last = s.parts == 0 && s.allCut;
      }
      if (last) {
        complete(s.request, s.kept ? null : s.error);
        q.done(s.request, !s.kept);
      }
    }
  }

  private void awaitResult(ExportRequest<T> r) throws ConsumeException {
    if (r.result == null) {
      return;
    }
    try {
      r.result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConsumeException ce) {
        throw ce;
      }
      throw new RetryableException("sending failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted while waiting for the result; the batch stays queued", e);
    }
  }

  private static void complete(ExportRequest<?> r, ConsumeException error) {
    if (r.result != null) {
      if (error == null) {
        r.result.complete(null);
      } else {
        r.result.completeExceptionally(error);
      }
    }
  }

  // ---- queue disabled ------------------------------------------------------------------------

  private void sendInCallerThread(Context ctx, T data) throws ConsumeException {
    Thread me = Thread.currentThread();
    syncInFlight.incrementAndGet();
    try {
      if (state != State.RUNNING) {
        int items = data.itemCount();
        metrics.sendFailed(DropReason.NOT_RUNNING, items);
        log.log(DropReason.NOT_RUNNING.label(), Level.WARN, items,
            () -> "refused " + items + " " + signal.itemName() + ": " + notRunning().get());
        throw new RetryableException(settings.describe() + " is not running (" + notRunning().get() + ")");
      }
      syncCallers.add(me);
      Outcome o = send(new ExportRequest<>(ctx, data), "failed to send");
      if (o.error() != null) {
        throw o.error();
      }
    } finally {
      syncCallers.remove(me);
      if (syncInFlight.decrementAndGet() == 0 && state != State.RUNNING) {
        syncLock.lock();
        try {
          syncIdle.signalAll();
        } finally {
          syncLock.unlock();
        }
      }
    }
  }

  private boolean awaitSyncCallers(Deadline until) throws InterruptedException {
    syncLock.lock();
    try {
      while (syncInFlight.get() > 0) {
        long left = until.remaining().toNanos();
        if (left <= 0) {
          return false;
        }
        syncIdle.awaitNanos(left);
      }
      return true;
    } finally {
      syncLock.unlock();
    }
  }

  // ---- observe, retry, timeout ---------------------------------------------------------------

  /**
   * What became of a request: {@code error} null if it was delivered (wholly, or partly with the
   * rest dropped and counted), else the exception for a waiting caller; {@code kept} if shutdown
   * cut it short and the queue keeps it.
   */
  private record Outcome(ConsumeException error, boolean kept) {
    static final Outcome DELIVERED = new Outcome(null, false);
  }

  /**
   * Observe and retry: sends {@code r} until it is delivered, refused permanently, out of retries or
   * cut short by shutdown; counts and logs the outcome. {@code verb} says what a failure means for
   * the data in log lines ("dropped", or "failed to send" when the caller gets the error).
   */
  private Outcome send(ExportRequest<T> r, String verb) {
    int items = r.items();
    long start = time.nanoTime();
    Backoff backoff = null;
    ConsumeException last = null;
    while (true) {
      if (aborted) {
        return shutdownDrop(r, verb, last);
      }
      ConsumeException failure;
      try {
        failure = attempt(r);
      } catch (Error e) {
        metrics.sendFailed(DropReason.INTERNAL_ERROR, items);
        settings.status().recoverableError("the exporter failed unexpectedly: " + e);
        log.log(DropReason.INTERNAL_ERROR.label(), Level.ERROR, items,
            () -> verb + " " + items + " " + signal.itemName() + ": the exporter failed unexpectedly: " + e);
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        return new Outcome(new PermanentException("the exporter failed unexpectedly: " + e, e), false);
      }
      if (failure == null) {
        metrics.sent(items);
        settings.status().ok();
        return Outcome.DELIVERED;
      }
      if (aborted) {
        return shutdownDrop(r, verb, failure);
      }
      last = failure;
      if (failure instanceof PermanentException p) {
        return permanent(r, p, verb);
      }
      RetryableException re = (RetryableException) failure;
      settings.status().recoverableError("sending " + signal.itemName() + " failed: " + message(re));
      if (!retryConfig.enabled()) {
        metrics.sendFailed(DropReason.RETRY_DISABLED, items);
        log.log(DropReason.RETRY_DISABLED.label(), Level.ERROR, items, () -> verb + " " + items + " "
            + signal.itemName() + ": sending failed and retry_on_failure is disabled: " + message(re)
            + "; enable " + key + ".retry_on_failure");
        return new Outcome(re, false);
      }
      if (backoff == null) {
        backoff = new Backoff(retryConfig, random);
      }
      Duration wait = backoff.next();
      if (re.retryAfter() != null && re.retryAfter().compareTo(wait) > 0) {
        wait = re.retryAfter();
      }
      Duration maxElapsed = retryConfig.maxElapsedTime();
      if (maxElapsed.isPositive() && time.nanoTime() + wait.toNanos() - start > maxElapsed.toNanos()) {
        metrics.sendFailed(DropReason.RETRIES_EXHAUSTED, items);
        Duration w = wait;
        log.log(DropReason.RETRIES_EXHAUSTED.label(), Level.ERROR, items, () -> verb + " " + items + " "
            + signal.itemName() + ": still failing, and the next retry (in " + format(w)
            + ") would pass max_elapsed_time (" + format(maxElapsed) + "): " + message(re) + "; raise " + key
            + ".retry_on_failure.max_elapsed_time (0 = no limit) or fix the backend");
        return new Outcome(re, false);
      }
      Duration w = wait;
      log.log("retry", Level.WARN, items, () -> "sending " + items + " " + signal.itemName()
          + " failed, retrying in " + format(w) + ": " + message(re));
      metrics.retry();
      try {
        time.sleep(wait);
      } catch (InterruptedException e) {
        if (aborted) {
          return shutdownDrop(r, verb, re);
        }
        // Only a synchronous caller's owner interrupts us: it gave up on this batch.
        Thread.currentThread().interrupt();
        metrics.sendFailed(DropReason.INTERRUPTED, items);
        log.log(DropReason.INTERRUPTED.label(), Level.WARN, items, () -> verb + " " + items + " "
            + signal.itemName() + ": the calling thread was interrupted while waiting to retry");
        return new Outcome(new RetryableException("interrupted while waiting to retry: " + message(re), re), false);
      }
    }
  }

  private Outcome permanent(ExportRequest<T> r, PermanentException p, String verb) {
    int items = r.items();
    if (p.rejectedItems() >= 0 && p.rejectedItems() < items) {
      int rejected = p.rejectedItems();
      metrics.sent(items - rejected);
      settings.status().ok();
      if (rejected == 0) {
        log.log("partial", Level.INFO, 0, () -> "the backend accepted all " + items + " " + signal.itemName()
            + " with a warning: " + message(p));
        return Outcome.DELIVERED;
      }
      metrics.sendFailed(DropReason.PERMANENT, rejected);
      log.log(DropReason.PERMANENT.label(), Level.ERROR, rejected, () -> verb + " " + rejected + " of " + items
          + " " + signal.itemName() + ": the backend rejected them: " + message(p)
          + "; retrying cannot help, check the data");
      return new Outcome(p, false);
    }
    metrics.sendFailed(DropReason.PERMANENT, items);
    settings.status().recoverableError("sending " + signal.itemName() + " failed permanently: " + message(p));
    log.log(DropReason.PERMANENT.label(), Level.ERROR, items, () -> verb + " " + items + " " + signal.itemName()
        + ": the backend refused them permanently: " + message(p)
        + "; retrying cannot help, check the data and " + key + " (endpoint, auth)");
    return new Outcome(p, false);
  }

  private Outcome shutdownDrop(ExportRequest<T> r, String verb, ConsumeException last) {
    int items = r.items();
    SendingQueue<T> q = queue;
    if (q != null && q.keepsUnfinished()) {
      return new Outcome(null, true);
    }
    metrics.sendFailed(DropReason.SHUTDOWN, items);
    log.log(DropReason.SHUTDOWN.label(), Level.ERROR, items, () -> verb + " " + items + " " + signal.itemName()
        + ": the shutdown deadline came before they could be sent"
        + (last == null ? "" : " (last error: " + message(last) + ")"));
    return new Outcome(new RetryableException(settings.describe() + " shut down before the batch could be sent",
        last), false);
  }

  /**
   * Timeout and push: one attempt. Returns null on success, else the failure (a timeout or an
   * unexpected RuntimeException becomes a RetryableException).
   */
  private ConsumeException attempt(ExportRequest<T> r) {
    boolean timed = timeout.isPositive();
    long now = time.nanoTime();
    Deadline deadline = new Deadline(now + (timed ? timeout.toNanos() : NO_TIMEOUT_NANOS));
    AttemptTimer timer = timed ? new AttemptTimer(Thread.currentThread()) : null;
    if (timer != null) {
      timer.handle = time.schedule(timeout, timer::fire);
    }
    ConsumeException failure = null;
    try {
      push.push(r.context(), r.data(), deadline);
    } catch (ConsumeException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new RetryableException("unexpected " + e, e);
    } finally {
      if (timer != null && timer.finish()) {
        // We interrupted the push: clear our interrupt so it does not hit the next wait.
        Thread.interrupted();
        if (failure != null) {
          failure = new RetryableException("attempt timed out after " + format(timeout) + " (" + message(failure)
              + "); raise " + key + ".timeout if the backend is just slow", failure);
        }
      }
    }
    return failure;
  }

  /** Interrupts an attempt's thread at its timeout, never after the attempt ended. */
  private static final class AttemptTimer {
    private final Thread thread;
    TimeSource.Timer handle;
    private boolean done;
    private boolean fired;

    AttemptTimer(Thread thread) {
      this.thread = thread;
    }

    synchronized void fire() {
      if (!done) {
        fired = true;
        thread.interrupt();
      }
    }

    /** Ends the attempt; true if the timer fired during it. */
    synchronized boolean finish() {
      done = true;
      if (handle != null) {
        handle.cancel();
      }
      return fired;
    }
  }

  // ---- refusals and messages -----------------------------------------------------------------

  private ConsumeException refuse(int items, DropReason reason, Supplier<String> why, boolean resourceExhausted) {
    metrics.enqueueFailed(reason, items);
    log.log(reason.label(), Level.WARN, items, () -> "refused " + items + " " + signal.itemName() + ": " + why.get());
    return new RetryableException(settings.describe() + " (" + signal + "): " + why.get(), null, null,
        resourceExhausted);
  }

  private ConsumeException refuseTooLarge(ExportRequest<T> r, SendingQueue<T> q) {
    String why;
    if (r.size(queueConfig.sizer()) > q.capacity()) {
      why = "the batch (" + r.size(queueConfig.sizer()) + " " + queueConfig.sizer().unit()
          + ") is larger than the whole sending queue (" + q.capacity() + "); raise " + key
          + ".sending_queue.queue_size or send smaller batches";
    } else {
      why = "the batch (" + ByteSize.ofBytes(r.bytes()) + ") is larger than the whole sending queue ("
          + ByteSize.ofBytes(q.byteCapacity()) + "); raise " + key + "." + byteBoundKey()
          + " or send smaller batches";
    }
    metrics.enqueueFailed(DropReason.TOO_LARGE, r.items());
    log.log(DropReason.TOO_LARGE.label(), Level.WARN, r.items(),
        () -> "refused " + r.items() + " " + signal.itemName() + ": " + why);
    return new PermanentException(settings.describe() + " (" + signal + "): " + why);
  }

  /** The key behind the byte bound in force. */
  private String byteBoundKey() {
    return queueConfig.sizer() == QueueConfig.Sizer.BYTES
        && queueConfig.queueSize() < queueConfig.maxBytes().bytes()
        ? "sending_queue.queue_size" : "sending_queue.max_bytes";
  }

  private Supplier<String> notRunning() {
    return () -> state == State.NEW ? "the exporter has not been started" : "the exporter is shutting down";
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** "5m", "1h", "7.5s", "250ms". */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms > 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms > 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms >= 1000) {
      return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
    return ms + "ms";
  }

  /** Builds an {@link ExporterHelper}; every setting has the Collector's default. Not thread-safe. */
  public static final class Builder<T extends Telemetry> {
    private final ComponentSettings settings;
    private final Signal<T> signal;
    private final PushFunction<T> push;
    private QueueConfig queue = QueueConfig.defaults();
    private RetryConfig retry = RetryConfig.defaults();
    private TimeoutConfig timeout = TimeoutConfig.defaults();
    private TimeSource time = TimeSource.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Capabilities capabilities = Capabilities.NON_MUTATING;
    private SendingQueue.Factory<T> queueFactory;
    private RateLimitedLog.Sink logSink;

    private Builder(ComponentSettings settings, Signal<T> signal, PushFunction<T> push) {
      this.settings = Objects.requireNonNull(settings, "settings");
      this.signal = Objects.requireNonNull(signal, "signal");
      this.push = Objects.requireNonNull(push, "push");
    }

    /** The {@code sending_queue} block; default {@link QueueConfig#defaults()}. */
    public Builder<T> queue(QueueConfig queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /** The {@code retry_on_failure} block; default {@link RetryConfig#defaults()}. */
    public Builder<T> retry(RetryConfig retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** The {@code timeout} key; default 5s. */
    public Builder<T> timeout(TimeoutConfig timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Whether the push function modifies the batches it is given; default no. */
    public Builder<T> capabilities(Capabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
      return this;
    }

    /**
     * Where the queue comes from; default: in memory, or with {@code sending_queue.storage} a
     * {@link PersistentQueue} in that storage extension storing OTLP protobuf
     * ({@link PersistentQueue#factory}).
     */
    public Builder<T> queueFactory(SendingQueue.Factory<T> queueFactory) {
      this.queueFactory = Objects.requireNonNull(queueFactory, "queueFactory");
      return this;
    }

    /** Time for waits, timeouts and the log's rate limit; for tests. Default {@link TimeSource#SYSTEM}. */
    public Builder<T> timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Uniform values in [0, 1] for the backoff's jitter; for tests. */
    public Builder<T> random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    Builder<T> logSink(RateLimitedLog.Sink sink) {
      this.logSink = sink;
      return this;
    }

    /**
     * The helper, not started.
     *
     * @throws IllegalArgumentException if a config block is invalid (every problem listed)
     */
    public ExporterHelper<T> build() {
      String at = settings.kind().section() + "." + settings.id();
      Problems problems = new Problems();
      queue.validate(problems.at(at).at("sending_queue"));
      if (queue.enabled() && queue.batch() != null) {
        queue.batch().validate(problems.at(at).at("sending_queue").at("batch"));
      }
      retry.validate(problems.at(at).at("retry_on_failure"));
      timeout.validate(problems.at(at));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid exporter helper config: " + problems.all());
      }
      return new ExporterHelper<>(this);
    }
  }
}
