package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.pdata.Telemetry;
import java.util.List;

/**
 * Where accepted requests wait for the helper's workers: the seam between the
 * {@link ExporterHelper} and its storage. The helper ships an in-memory implementation; the
 * persistent queue ({@code sending_queue.storage}) plugs in here through a {@link Factory}.
 *
 * <p>Life of a request: {@link #offer} accepts it and takes its space; a worker {@link #take}s it,
 * sends it (with retries) and reports {@link #done}; only then is its space given back, so requests
 * being sent or awaiting a retry count against the bounds. At shutdown the helper {@link #close}s
 * the queue, lets the workers drain it until the deadline ({@link #awaitDrained}), then
 * {@link #abandon}s what is left.
 *
 * <p><b>For a persistent implementation</b>: {@code offer} returns once the request is durable;
 * {@code take} also yields requests recovered from a previous run (before new ones); {@code done}
 * with {@code finished = true} acknowledges (deletes) the request, with {@code finished = false}
 * (a retry cut short by shutdown) it must keep it for the next start; {@code abandon} keeps
 * everything and returns an empty list; {@link #keepsUnfinished()} returns true, which tells the
 * helper not to count those requests as dropped. {@code wait_for_result} is refused by config
 * validation for persistent queues, so requests read back from storage need no waiter.
 *
 * <p>Implementations are thread-safe: {@code offer} is called by many callers, {@code take} and
 * {@code done} by the workers, the rest by start/shutdown and metric scrapes.
 *
 * @param <T> the signal's batch type
 */
public interface SendingQueue<T extends Telemetry> {

  /** The outcome of an {@link #offer}. */
  enum OfferResult {
    ACCEPTED,
    /** No room by the configured sizer ({@code queue_size}). */
    FULL,
    /** No room by the byte bound ({@code max_bytes}). */
    FULL_BYTES,
    /** Larger than a bound by itself: it can never fit. */
    TOO_LARGE,
    /** The queue is closed (shutdown). */
    CLOSED
  }

  /**
   * Adds {@code request} if there is room. When full and the queue blocks on overflow, waits for
   * room until {@code patience} (null: no limit) or {@link #close}; otherwise returns at once.
   *
   * @throws InterruptedException if the caller is interrupted while waiting; nothing was added
   */
  OfferResult offer(ExportRequest<T> request, Deadline patience) throws InterruptedException;

  /** The next request to send; waits for one. Null once the queue is closed and has none left. */
  ExportRequest<T> take() throws InterruptedException;

  /**
   * As {@link #take}, waiting at most until {@code until}: null if none came by then, or the queue
   * is closed and has none left. The helper's batcher ({@code sending_queue.batch}) uses it to wait
   * for more requests until a batch's {@code flush_timeout}.
   */
  ExportRequest<T> poll(Deadline until) throws InterruptedException;

  /**
   * The worker is finished with a taken request: sent or dropped ({@code finished = true}), or cut
   * short by shutdown ({@code finished = false}). Frees its space.
   */
  void done(ExportRequest<T> request, boolean finished);

  /** Refuses further offers (and wakes blocked ones, which get {@link OfferResult#CLOSED}). */
  void close();

  /** Waits until every accepted request is done, or the deadline; true if drained. */
  boolean awaitDrained(Deadline deadline) throws InterruptedException;

  /**
   * Removes the requests not yet taken; {@link #take} returns null from then on. Returns those the
   * helper must count as dropped: all of them for a memory queue, none for a persistent one (it
   * keeps them, and still counts them in {@link #size}).
   */
  List<ExportRequest<T>> abandon();

  /** True if requests left unfinished at shutdown survive to the next start (persistent queue). */
  boolean keepsUnfinished();

  /** Space used, in units of the sizer (requests queued or in flight): {@code otelcol_exporter_queue_size}. */
  long size();

  /** {@code queue_size}: {@code otelcol_exporter_queue_capacity}. */
  long capacity();

  /** Bytes used by requests queued or in flight. */
  long bytes();

  /** The byte bound in force. */
  long byteCapacity();

  /** Creates the queue of one helper at start, when extensions (storage) can be reached. */
  @FunctionalInterface
  interface Factory<T extends Telemetry> {
    SendingQueue<T> create(QueueConfig config, Host host) throws Exception;
  }
}
