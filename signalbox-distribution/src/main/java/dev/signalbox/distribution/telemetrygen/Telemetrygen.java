package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.sdk.otlp.PartialSuccess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator: {@code workers} threads, each building a request of {@code batch_size} items
 * ({@link BatchFactory}), waiting for its slot ({@link Pacer}) and sending it with one request in
 * flight, until {@code count} items were generated or {@code duration} passed.
 *
 * <p><b>Sequence numbers.</b> Items are numbered by one process-wide counter from
 * {@code seq_start}; a worker claims a whole request's numbers at once, so every number is
 * generated exactly once and, in count mode, the numbers are exactly
 * {@code seq_start .. seq_start + count - 1}. A refused request is sent again as the same bytes,
 * so a retry never consumes numbers: a sink that sees every number once got everything once.
 *
 * <p><b>Refusals.</b> A retryable refusal (UNAVAILABLE, RESOURCE_EXHAUSTED with RetryInfo, 429,
 * 502-504, a connection failure) is retried after the server's RetryInfo / Retry-After delay, or
 * else an exponential backoff with jitter from 50ms to 5s, until {@code max_retry_time} since the
 * request's first attempt would pass; then its items count as failed. A permanent refusal fails its
 * items at once, and items rejected in a partial success count as failed.
 *
 * <p>One instance runs once. {@link #stop()} (Ctrl-C) stops generating and abandons retries;
 * requests in flight finish.
 */
public final class Telemetrygen {
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** At most one error line per kind in this interval. */
  private static final long NOTE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final TelemetrygenOptions options;
  private final PrintStream err;
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder failedRequests = new LongAdder();
  private final AtomicLong claimed = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<String> lastError = new AtomicReference<>("");
  private final AtomicLong lastRetryNote = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastFailureNote = new AtomicLong(Long.MIN_VALUE);
  private final CountDownLatch done = new CountDownLatch(1);
  private Transport transport;
  private Pacer pacer;
  private long startNanos;
  private long deadlineNanos;

  /** @param err where progress lines and error notes go */
  public Telemetrygen(TelemetrygenOptions options, PrintStream err) {
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    this.options = options;
    this.err = err;
  }

  /**
   * Generates, sends, waits for the last answer, writes the report file if asked, and returns the
   * outcome.
   *
   * @throws IOException when the client cannot be created (TLS material) or the report not written
   */
  public Summary run() throws IOException {
    try {
      transport = Transport.create(options);
    } catch (IllegalArgumentException e) {
      done.countDown();
      throw e;
    }
    try {
      Summary summary = generate();
      if (options.progress().isPositive()) {
        err.println("telemetrygen: done in " + seconds(summary.duration().toNanos()) + ", "
            + String.format(Locale.ROOT, "%.0f", summary.itemsPerSecond()) + " " + options.signal().itemName() + "/s");
      }
      if (options.reportFile() != null) {
        Files.writeString(options.reportFile(), summary.toJson());
      }
      return summary;
    } finally {
      // Only now: a shutdown hook waiting in awaitDone (Ctrl-C, SIGTERM) lets the JVM exit after this,
      // so the report must be written first.
      done.countDown();
    }
  }

  private Summary generate() {
    Summary summary;
    Thread progress = null;
    try {
      startNanos = System.nanoTime();
      deadlineNanos = startNanos + options.duration().toNanos();
      pacer = new Pacer(options.rate(), startNanos);
      long seed = ThreadLocalRandom.current().nextLong();
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < options.workers(); i++) {
        BatchFactory factory = BatchFactory.create(options, seed + i);
        workers.add(Thread.ofPlatform().name("telemetrygen-worker-" + i).daemon().start(() -> work(factory)));
      }
      if (options.progress().isPositive()) {
        progress = Thread.ofPlatform().name("telemetrygen-progress").daemon().start(this::printProgress);
      }
      for (Thread w : workers) {
        join(w);
      }
      summary = summary(System.nanoTime() - startNanos);
    } finally {
      if (progress != null) {
        progress.interrupt();
        join(progress);
      }
      transport.close();
    }
    return summary;
  }

  /** Stops generating: no new requests, no more retries. Returns at once. */
  public void stop() {
    stopped.countDown();
  }

  /** Waits until {@link #run()} returned (its report file written) or failed, at most {@code timeout}. */
  public boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private boolean stopping() {
    return stopped.getCount() == 0;
  }

  private void work(BatchFactory factory) {
    int batch = options.batchSize();
    while (!stopping()) {
      long first;
      int n;
      if (options.countMode()) {
        long start = claimed.getAndAdd(batch);
        if (start >= options.count()) {
          break;
        }
        n = (int) Math.min(batch, options.count() - start);
        first = start;
        // numbers are claimed: send them even if stopped while waiting, so none goes missing
        pacer.acquire(n, stopped);
      } else {
        if (!pacer.acquire(batch, stopped) || System.nanoTime() - deadlineNanos >= 0) {
          break;
        }
        first = claimed.getAndAdd(batch);
        n = batch;
      }
      byte[] request = factory.encode(options.seqStart() + first, n, BatchFactory.epochNanos());
      deliver(request, n);
    }
  }

  /** Sends one request until it is accepted, refused for good, or out of retry time. */
  private void deliver(byte[] request, int n) {
    long firstAttempt = System.nanoTime();
    long backoff = INITIAL_BACKOFF.toNanos();
    while (true) {
      ConsumeException failure;
      try {
        PartialSuccess ps = transport.send(request);
        long rejected = Math.min(Math.max(ps.rejected(), 0), n);
        sent.add(n - rejected);
        requests.increment();
        if (rejected > 0) {
          failed.add(rejected);
          noteFailure("the server rejected " + rejected + " of " + n + " items: " + ps.message());
        }
        return;
      } catch (ConsumeException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure = new RetryableException("unexpected " + e, e);
      }
      if (failure instanceof RetryableException r) {
        long wait = r.retryAfter() != null && r.retryAfter().isPositive() ? r.retryAfter().toNanos() : jitter(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toNanos());
        long elapsed = System.nanoTime() - firstAttempt;
        if (!stopping() && elapsed + wait <= options.maxRetryTime().toNanos()) {
          retries.increment();
          noteRetry(r.getMessage(), wait);
          if (!sleep(wait)) {
            fail(n, "stopped while retrying: " + r.getMessage());
            return;
          }
          continue;
        }
        fail(n, (stopping() ? "stopped while retrying: " : "giving up after retrying for "
            + seconds(elapsed) + " (--max-retry-time " + options.maxRetryTime() + "): ") + r.getMessage());
        return;
      }
      fail(n, "refused permanently: " + failure.getMessage());
      return;
    }
  }

  private void fail(int n, String why) {
    failed.add(n);
    failedRequests.increment();
    noteFailure(n + " items failed: " + why);
  }

  private static long jitter(long nanos) {
    return (long) (nanos * (0.5 + ThreadLocalRandom.current().nextDouble()));
  }

  /** Sleeps unless stopped first; false if stopped. */
  private boolean sleep(long nanos) {
    try {
      return !stopped.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void noteRetry(String message, long waitNanos) {
    if (claimNote(lastRetryNote)) {
      err.println("telemetrygen: retrying in " + seconds(waitNanos) + ": " + message);
    }
  }

  private void noteFailure(String message) {
    lastError.set(message);
    if (claimNote(lastFailureNote)) {
      err.println("telemetrygen: " + message);
    }
  }

  private static boolean claimNote(AtomicLong last) {
    long now = System.nanoTime();
    long prev = last.get();
    return (prev == Long.MIN_VALUE || now - prev >= NOTE_INTERVAL_NANOS) && last.compareAndSet(prev, now);
  }

  private void printProgress() {
    long interval = options.progress().toNanos();
    long lastSent = 0;
    long lastAt = startNanos;
    long next = startNanos + interval;
    while (true) {
      try {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long s = sent.sum();
      double rate = (s - lastSent) / ((now - lastAt) / 1e9);
      err.println(String.format(Locale.ROOT, "telemetrygen: %s sent %d failed %d retries %d rate %.0f/s",
          seconds(now - startNanos), s, failed.sum(), retries.sum(), rate));
      lastSent = s;
      lastAt = now;
      next += interval;
    }
  }

  private Summary summary(long elapsedNanos) {
    long generated = options.countMode() ? Math.min(claimed.get(), options.count()) : claimed.get();
    String endpoint = options.http() ? options.httpUrl() : options.endpoint();
    return new Summary(options.signal().name(), options.transport(), endpoint, sent.sum(), failed.sum(),
        retries.sum(), requests.sum(), failedRequests.sum(), generated, options.seqStart(),
        Duration.ofNanos(elapsedNanos), lastError.get());
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
  }

  private static void join(Thread t) {
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
}
