package dev.signalbox.processor.batch;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.Processor;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Batches;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.telemetry.Meter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches data per metadata shard. A batch reaching {@code send_batch_size} is sent by the thread
 * that filled it (so back-pressure from the next stage reaches that caller's thread); partial
 * batches are sent by a timer after {@code timeout}. Thread-safe.
 */
final class BatchProcessor<T extends Telemetry> implements Processor<T> {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
  private static final double[] SIZE_BOUNDS = {10, 25, 50, 75, 100, 250, 500, 750, 1000, 2000, 3000, 4000,
      5000, 6000, 7000, 8000, 9000, 10000, 20000, 30000, 50000, 100000};
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  private final Signal<T> signal;
  private final ComponentSettings settings;
  private final BatchProcessorConfig config;
  private final Consumer<T> next;
  private final int sendSize;
  private final int maxSize;
  private final int stalledLimit;
  private final Map<List<String>, Shard> shards = new ConcurrentHashMap<>();
  private final Shard single;
  private final ScheduledExecutorService timer;
  private final Meter.Histogram sendSizeHistogram;
  private final Meter.Counter sizeTriggers;
  private final Meter.Counter timeoutTriggers;
  private final Meter.Counter dropped;
  private volatile boolean stopping;

  /** Pending data of one metadata value combination. */
  private final class Shard {
    final Context ctx;
    T pending;
    int pendingItems;
    ScheduledFuture<?> timerTask;
    boolean stalled;
    Duration retryDelay = Duration.ZERO;

    Shard(Context ctx) {
      this.ctx = ctx;
      this.pending = signal.empty();
    }
  }

  BatchProcessor(Signal<T> signal, ComponentSettings settings, BatchProcessorConfig config, Consumer<T> next) {
    this.signal = signal;
    this.settings = settings;
    this.config = config;
    this.next = next;
    this.sendSize = config.sendBatchSize() > 0 ? config.sendBatchSize() : Integer.MAX_VALUE;
    this.maxSize = config.sendBatchMaxSize() > 0 ? config.sendBatchMaxSize() : Integer.MAX_VALUE;
    int unit = config.sendBatchMaxSize() > 0 ? config.sendBatchMaxSize() : Math.max(config.sendBatchSize(), 8192);
    this.stalledLimit = (int) Math.min(Integer.MAX_VALUE, 4L * unit);
    this.single = config.metadataKeys().isEmpty() ? new Shard(Context.empty()) : null;
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("batch-" + settings.id()).factory());
    Meter m = settings.meter();
    this.sendSizeHistogram = m.histogram("otelcol_processor_batch_batch_send_size",
        "Number of units in the batch", SIZE_BOUNDS);
    this.sizeTriggers = m.counter("otelcol_processor_batch_batch_size_trigger_send",
        "Number of times the batch was sent due to a size trigger");
    this.timeoutTriggers = m.counter("otelcol_processor_batch_timeout_trigger_send",
        "Number of times the batch was sent due to a timeout trigger");
    this.dropped = m.counter("otelcol_processor_dropped_" + signal.itemName(),
        "Number of " + signal.itemName() + " dropped by the processor", "otel_signal", signal.name());
    if (single == null) {
      m.gauge("otelcol_processor_batch_metadata_cardinality",
          "Number of distinct metadata value combinations being processed", shards::size);
    }
  }

  @Override
  public void start(Host host) {}

  /** Passes batches on without reading them: handles whatever native chunks its next consumer handles. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.NON_MUTATING.withNativeFormats(next.capabilities().nativeFormats());
  }

  @Override
  public void consume(Context ctx, T data) throws ConsumeException {
    int n = data.itemCount();
    if (n == 0) {
      return;
    }
    if (stopping) {
      throw new RetryableException("batch processor " + settings.id() + " is shutting down");
    }
    Shard shard = shardFor(ctx);
    List<T> ready;
    synchronized (shard) {
      if (shard.stalled && shard.pendingItems + n > stalledLimit) {
        throw new RetryableException("the next stage refused data and " + shard.pendingItems + " "
            + signal.itemName() + " are waiting in processor " + settings.id(), null, null, true);
      }
      Batches.append(shard.pending, data);
      shard.pendingItems += n;
      if (!shard.stalled && (config.timeout().isZero() || shard.pendingItems >= sendSize)) {
        ready = drain(shard, !config.timeout().isZero());
        if (!ready.isEmpty()) {
          sizeTriggers.add(ready.size());
        }
      } else {
        ready = List.of();
        if (shard.timerTask == null) {
          schedule(shard, config.timeout());
        }
      }
    }
    send(shard, ready);
  }

  private Shard shardFor(Context ctx) throws PermanentException {
    if (single != null) {
      return single;
    }
    List<String> key = new ArrayList<>(config.metadataKeys().size());
    Map<String, List<String>> subset = new LinkedHashMap<>();
    for (String k : config.metadataKeys()) {
      List<String> v = ctx.metadata(k);
      key.add(String.join("\u0000", v));
      if (!v.isEmpty()) {
        subset.put(k, v);
      }
    }
    Shard s = shards.get(key);
    if (s != null) {
      return s;
    }
    synchronized (shards) {
      s = shards.get(key);
      if (s == null) {
        if (shards.size() >= config.metadataCardinalityLimit()) {
          throw new PermanentException("too many batcher metadata-value combinations: the limit is "
              + config.metadataCardinalityLimit() + " (processors." + settings.id() + ".metadata_cardinality_limit)");
        }
        s = new Shard(Context.of(subset, ""));
        shards.put(key, s);
      }
    }
    return s;
  }

  /** Takes batches out of the shard: full ones only ({@code fullOnly}), or everything. Holds the lock. */
  private List<T> drain(Shard shard, boolean fullOnly) {
    List<T> out = new ArrayList<>(1);
    while (shard.pendingItems > 0 && (!fullOnly || shard.pendingItems >= sendSize)) {
      T batch;
      if (shard.pendingItems <= maxSize) {
        batch = shard.pending;
        shard.pending = signal.empty();
      } else {
        batch = Batches.takeFirst(shard.pending, maxSize);
      }
      shard.pendingItems -= batch.itemCount();
      out.add(batch);
    }
    if (shard.pendingItems == 0 && shard.timerTask != null) {
      shard.timerTask.cancel(false);
      shard.timerTask = null;
    }
    return out;
  }

  private void schedule(Shard shard, Duration delay) {
    if (stopping) {
      return;
    }
    shard.timerTask = timer.schedule(() -> onTimer(shard), Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  private void onTimer(Shard shard) {
    List<T> ready;
    synchronized (shard) {
      shard.timerTask = null;
      shard.stalled = false;
      ready = drain(shard, false);
    }
    if (!ready.isEmpty()) {
      timeoutTriggers.add(1);
    }
    send(shard, ready);
  }

  /**
   * Sends batches in order. On a retryable refusal the unsent ones go back to the front of the
   * shard, a retry is scheduled, and the refusal is returned; otherwise returns null.
   */
  private RetryableException send(Shard shard, List<T> batches) {
    for (int i = 0; i < batches.size(); i++) {
      T b = batches.get(i);
      int n = b.itemCount();
      try {
        next.consume(shard.ctx, b);
        sendSizeHistogram.record(n);
        synchronized (shard) {
          shard.retryDelay = Duration.ZERO;
        }
      } catch (RetryableException e) {
        requeue(shard, batches.subList(i, batches.size()), e);
        return e;
      } catch (PermanentException e) {
        int lost = e.rejectedItems() >= 0 ? Math.min(e.rejectedItems(), n) : n;
        dropped.add(lost);
        LOG.warn("processor {}: dropped {} {}: the next stage refused them permanently: {}",
            settings.id(), lost, signal.itemName(), e.getMessage());
      } catch (ConsumeException | RuntimeException e) {
        dropped.add(n);
        LOG.error("processor {}: dropped {} {}: the next stage failed: {}", settings.id(), n, signal.itemName(), e.toString());
      }
    }
    return null;
  }

  private void requeue(Shard shard, List<T> unsent, RetryableException cause) {
    synchronized (shard) {
      T merged = signal.empty();
      int items = 0;
      for (T b : unsent) {
        items += b.itemCount();
        Batches.append(merged, b);
      }
      Batches.append(merged, shard.pending);
      shard.pending = merged;
      shard.pendingItems = merged.itemCount();
      shard.stalled = true;
      Duration d = shard.retryDelay.isZero() ? Duration.ofMillis(100) : shard.retryDelay.multipliedBy(2);
      if (cause.retryAfter() != null && cause.retryAfter().compareTo(d) > 0) {
        d = cause.retryAfter();
      }
      shard.retryDelay = d.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : d;
      if (shard.timerTask != null) {
        shard.timerTask.cancel(false);
      }
      schedule(shard, shard.retryDelay);
      LOG.debug("processor {}: next stage refused {} {} ({}); retrying in {}", settings.id(), items,
          signal.itemName(), cause.getMessage(), shard.retryDelay);
    }
  }

  /** Sends everything pending, retrying refusals until the deadline; what is left is counted as dropped. */
  @Override
  public void shutdown(Deadline deadline) throws Exception {
    if (stopping) {
      return;
    }
    stopping = true;
    timer.shutdownNow();
    List<Shard> all = single != null ? List.of(single) : new ArrayList<>(shards.values());
    for (Shard shard : all) {
      flushUntil(shard, deadline);
    }
  }

  private void flushUntil(Shard shard, Deadline deadline) throws InterruptedException {
    long backoffMs = 50;
    while (true) {
      List<T> ready;
      synchronized (shard) {
        if (shard.timerTask != null) {
          shard.timerTask.cancel(false);
          shard.timerTask = null;
        }
        ready = drain(shard, false);
      }
      if (ready.isEmpty()) {
        return;
      }
      RetryableException refused = send(shard, ready);
      if (refused == null) {
        continue;
      }
      if (deadline.expired()) {
        int lost;
        synchronized (shard) {
          lost = shard.pendingItems;
          shard.pending = signal.empty();
          shard.pendingItems = 0;
        }
        dropped.add(lost);
        LOG.warn("processor {}: dropped {} {} at shutdown: the next stage still refused them ({}) when the "
            + "shutdown deadline passed", settings.id(), lost, signal.itemName(), refused.getMessage());
        return;
      }
      Thread.sleep(Math.min(backoffMs, Math.max(1, deadline.remaining().toMillis())));
      backoffMs = Math.min(backoffMs * 2, 1000);
    }
  }
}
