package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.ComponentId;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;

/**
 * The {@code sending_queue} block of an exporter: where accepted batches wait for a worker to send
 * them. Keys and defaults are the OpenTelemetry Collector's exporterhelper ones (its README,
 * "Sending Queue", and {@code NewDefaultQueueConfig}: 10 consumers, 1000 requests, non-blocking),
 * plus {@code max_bytes}, ours.
 *
 * <pre>{@code
 * sending_queue:
 *   enabled: true            # false: consume() sends in the caller's thread and returns the outcome
 *   num_consumers: 10        # workers (virtual threads) sending in parallel
 *   queue_size: 1000         # capacity, in units of `sizer`
 *   sizer: requests          # requests | items | bytes
 *   block_on_overflow: false # true: a full queue makes the caller wait; false: refuses at once
 *   storage: file_storage    # a storage extension's id: persistent queue (PersistentQueue)
 *   wait_for_result: false   # true: consume() returns only when the batch is sent or dropped
 *   max_bytes: 64MiB         # ours: a second bound, on the batches' bytes, whatever the sizer
 * }</pre>
 *
 * <p><b>Why {@code max_bytes}.</b> Every Signalbox queue is bounded by bytes as well as by its
 * sizer. The Collector bounds a queue only by its sizer, and its default of 1000 <em>requests</em>
 * says nothing about memory: at the 256 KiB of a typical SDK export request that is 250 MiB per
 * queue, and the Collector's own maintainers cut the default from 5000 to 1000 because filled
 * queues were OOM-killing collectors (opentelemetry-collector#7592). We chose an explicit key
 * rather than a value derived from the heap so that the bound is visible, testable and the same on
 * every machine. The default, 64 MiB per (exporter, signal) queue, keeps an exporter serving three
 * signals under 192 MiB while still buffering a few minutes of a moderate stream; gateways that
 * must ride out long outages raise it. Bytes are the batches' {@code sizeHint()}: exact for
 * batches still in their received wire form, an estimate for decoded ones. With
 * {@code sizer: bytes} both bounds apply and the smaller wins.
 *
 * <p>Space is taken when a batch is accepted and given back when it is sent or dropped, so batches
 * being sent or waiting for a retry count against the bounds: the bounds cap memory, not only the
 * backlog. A batch larger than a bound can never fit and is refused permanently.
 *
 * @param enabled whether there is a queue; default true
 * @param numConsumers workers sending in parallel; default 10
 * @param queueSize capacity in units of {@code sizer}; default 1000
 * @param sizer how {@code queue_size} is measured; default {@link Sizer#REQUESTS}
 * @param blockOnOverflow whether a full queue makes the caller wait for space; default false
 * @param storage the storage extension of a persistent queue, or null for memory (default)
 * @param waitForResult whether {@code consume} waits until the batch is sent or dropped; default false
 * @param maxBytes capacity in bytes of the batches held, whatever the sizer; default 64 MiB
 */
public record QueueConfig(
    boolean enabled,
    int numConsumers,
    long queueSize,
    Sizer sizer,
    boolean blockOnOverflow,
    ComponentId storage,
    boolean waitForResult,
    ByteSize maxBytes) implements ConfigBlock {

  /** The Collector's default number of consumers. */
  public static final int DEFAULT_NUM_CONSUMERS = 10;
  /** The Collector's default queue size (requests). */
  public static final long DEFAULT_QUEUE_SIZE = 1000;
  /** Our default byte bound; see the class comment for why. */
  public static final ByteSize DEFAULT_MAX_BYTES = ByteSize.ofMiB(64);

  /** How {@code queue_size} is measured; written in lower case in YAML. */
  public enum Sizer {
    /** Batches, whatever their size (the cheapest). */
    REQUESTS("requests"),
    /** Spans, metric data points, log records or profiles. */
    ITEMS("items"),
    /** The batches' {@code sizeHint()} in bytes. */
    BYTES("bytes");

    private final String unit;

    Sizer(String unit) {
      this.unit = unit;
    }

    /** "requests", "items" or "bytes": the YAML value and the unit in messages. */
    public String unit() {
      return unit;
    }
  }

  /** The defaults: enabled, 10 consumers, 1000 requests, non-blocking, in memory, 64 MiB. */
  public static QueueConfig defaults() {
    return new QueueConfig(true, DEFAULT_NUM_CONSUMERS, DEFAULT_QUEUE_SIZE, Sizer.REQUESTS, false, null, false,
        DEFAULT_MAX_BYTES);
  }

  /**
   * Checks the block's own keys. Like the Collector, a disabled queue is not checked: its other
   * keys are ignored.
   */
  @Override
  public void validate(Problems problems) {
    if (!enabled) {
      return;
    }
    if (numConsumers <= 0) {
      problems.error("num_consumers", "must be > 0, got " + numConsumers);
    }
    if (queueSize <= 0) {
      problems.error("queue_size", "must be > 0, got " + queueSize);
    }
    if (sizer == null) {
      problems.error("sizer", "must be one of requests, items, bytes");
    }
    if (maxBytes == null || maxBytes.bytes() <= 0) {
      problems.error("max_bytes", "must be > 0, got " + maxBytes);
    }
    if (storage != null && waitForResult) {
      problems.error("wait_for_result", "is not supported with a persistent queue (storage is set)");
    }
  }

  /**
   * The byte bound in force: {@code max_bytes}, or {@code queue_size} when the sizer is bytes and
   * that is smaller.
   */
  public long effectiveMaxBytes() {
    long b = maxBytes.bytes();
    return sizer == Sizer.BYTES ? Math.min(b, queueSize) : b;
  }

  public QueueConfig withEnabled(boolean v) {
    return new QueueConfig(v, numConsumers, queueSize, sizer, blockOnOverflow, storage, waitForResult, maxBytes);
  }

  public QueueConfig withNumConsumers(int v) {
    return new QueueConfig(enabled, v, queueSize, sizer, blockOnOverflow, storage, waitForResult, maxBytes);
  }

  public QueueConfig withQueueSize(long v) {
    return new QueueConfig(enabled, numConsumers, v, sizer, blockOnOverflow, storage, waitForResult, maxBytes);
  }

  public QueueConfig withSizer(Sizer v) {
    return new QueueConfig(enabled, numConsumers, queueSize, v, blockOnOverflow, storage, waitForResult, maxBytes);
  }

  public QueueConfig withBlockOnOverflow(boolean v) {
    return new QueueConfig(enabled, numConsumers, queueSize, sizer, v, storage, waitForResult, maxBytes);
  }

  public QueueConfig withStorage(ComponentId v) {
    return new QueueConfig(enabled, numConsumers, queueSize, sizer, blockOnOverflow, v, waitForResult, maxBytes);
  }

  public QueueConfig withWaitForResult(boolean v) {
    return new QueueConfig(enabled, numConsumers, queueSize, sizer, blockOnOverflow, storage, v, maxBytes);
  }

  public QueueConfig withMaxBytes(ByteSize v) {
    return new QueueConfig(enabled, numConsumers, queueSize, sizer, blockOnOverflow, storage, waitForResult, v);
  }
}
