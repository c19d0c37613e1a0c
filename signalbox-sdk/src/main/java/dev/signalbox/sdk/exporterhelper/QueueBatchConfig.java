package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * The {@code sending_queue.batch} block: the helper merges requests it takes from the queue into
 * larger ones before sending them. Keys and defaults are the OpenTelemetry Collector's
 * exporterhelper ones ({@code queuebatch.BatchConfig}; present only when written, as its
 * {@code configoptional} default):
 *
 * <pre>{@code
 * sending_queue:
 *   batch:
 *     flush_timeout: 200ms  # a batch is sent at the latest this long after its first request was taken
 *     min_size: 8192        # a batch is sent as soon as it holds this much (in units of `sizer`)
 *     max_size: 0           # larger batches are split (0: no limit)
 *     sizer: items          # items | bytes
 * }</pre>
 *
 * <p><b>Why here rather than the {@code batch} processor.</b> The helper batches what it takes
 * from the sending queue, so with a persistent queue every request is on disk before it is merged,
 * and a request is acknowledged (deleted) only once every merged batch holding part of it was
 * delivered or dropped and counted. A {@code kill -9} loses nothing that was acknowledged to a
 * client; the {@code batch} processor, by contrast, holds up to a batch in memory for its
 * {@code timeout} after the receiver answered. See {@code docs/reliability.md}.
 *
 * <p>Wire-backed batches (the OTLP bytes a receiver accepted) are merged and split without being
 * decoded. Requests are merged only with requests of the same client metadata, so per-tenant
 * headers and routing stay correct. With {@code sizer: bytes}, {@code max_size} splits by the
 * average item size of the batch, so a part may exceed it slightly.
 *
 * @param flushTimeout how long the first request of a batch may wait for more; default 200ms
 * @param minSize the size at which a batch is sent at once; default 8192 (0: send what was taken)
 * @param maxSize the largest batch sent, larger ones are split; default 0 (no limit)
 * @param sizer how sizes are measured: items (default) or bytes
 */
public record QueueBatchConfig(Duration flushTimeout, long minSize, long maxSize, QueueConfig.Sizer sizer)
    implements ConfigBlock {

  /** The Collector's defaults: 200ms, 8192, 0, items. */
  public static QueueBatchConfig defaults() {
    return new QueueBatchConfig(Duration.ofMillis(200), 8192, 0, QueueConfig.Sizer.ITEMS);
  }

  @Override
  public void validate(Problems problems) {
    if (flushTimeout == null || !flushTimeout.isPositive()) {
      problems.error("flush_timeout", "must be greater than 0, got " + flushTimeout);
    }
    if (minSize < 0) {
      problems.error("min_size", "must not be negative, got " + minSize);
    }
    if (maxSize < 0) {
      problems.error("max_size", "must not be negative, got " + maxSize);
    } else if (maxSize > 0 && maxSize < minSize) {
      problems.error("max_size", "must be greater than or equal to min_size (" + minSize + "), or 0 for no limit");
    }
    if (sizer == null || sizer == QueueConfig.Sizer.REQUESTS) {
      problems.error("sizer", "must be items or bytes" + (sizer == null ? "" : ", got requests"));
    }
  }

  public QueueBatchConfig withFlushTimeout(Duration v) {
    return new QueueBatchConfig(v, minSize, maxSize, sizer);
  }

  public QueueBatchConfig withMinSize(long v) {
    return new QueueBatchConfig(flushTimeout, v, maxSize, sizer);
  }

  public QueueBatchConfig withMaxSize(long v) {
    return new QueueBatchConfig(flushTimeout, minSize, v, sizer);
  }

  public QueueBatchConfig withSizer(QueueConfig.Sizer v) {
    return new QueueBatchConfig(flushTimeout, minSize, maxSize, v);
  }
}
