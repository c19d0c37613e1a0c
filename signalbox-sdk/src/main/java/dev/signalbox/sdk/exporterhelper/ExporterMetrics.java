package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.pdata.Signal;
import dev.signalbox.telemetry.Meter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The helper's self-metrics, on the component's meter (which already carries {@code exporter}).
 * Names are the Collector's exporterhelper ones; {@code reason} and the byte gauges and the retry
 * counter are ours. See {@link ExporterHelper} for the list.
 */
final class ExporterMetrics {
  /** The reasons a queue refuses; the other reasons are for items it accepted. */
  private static final Set<DropReason> ENQUEUE_REASONS =
      EnumSet.of(DropReason.QUEUE_FULL, DropReason.TOO_LARGE, DropReason.NOT_RUNNING);

  private final Meter.Counter sent;
  private final Map<DropReason, Meter.Counter> sendFailed = new EnumMap<>(DropReason.class);
  private final Map<DropReason, Meter.Counter> enqueueFailed = new EnumMap<>(DropReason.class);
  private final Meter.Counter retries;

  ExporterMetrics(Meter meter, Signal<?> signal) {
    String items = signal.itemName();
    sent = meter.counter("otelcol_exporter_sent_" + items,
        "Number of " + items + " successfully sent to destination.");
    for (DropReason r : DropReason.values()) {
      if (r != DropReason.QUEUE_FULL && r != DropReason.TOO_LARGE) {
        sendFailed.put(r, meter.counter("otelcol_exporter_send_failed_" + items,
            "Number of " + items + " that could not be sent to destination, by reason.", "reason", r.label()));
      }
    }
    for (DropReason r : ENQUEUE_REASONS) {
      enqueueFailed.put(r, meter.counter("otelcol_exporter_enqueue_failed_" + items,
          "Number of " + items + " refused by the sending queue, by reason.", "reason", r.label()));
    }
    retries = meter.counter("otelcol_exporter_retries",
        "Number of send attempts that failed and were scheduled to be retried.", "data_type", signal.name());
  }

  /**
   * Registers the queue gauges; {@code queue} returns null before start, when sizes read 0 and
   * capacities come from {@code config}.
   */
  static void registerQueueGauges(Meter meter, Signal<?> signal, QueueConfig config,
      Supplier<SendingQueue<?>> queue) {
    String dt = signal.name();
    meter.gauge("otelcol_exporter_queue_size", "Current size of the sending queue, in units of its sizer.",
        () -> read(queue, SendingQueue::size), "data_type", dt);
    meter.gauge("otelcol_exporter_queue_capacity", "Capacity of the sending queue, in units of its sizer.",
        () -> {
          SendingQueue<?> q = queue.get();
          return q == null ? config.queueSize() : q.capacity();
        }, "data_type", dt);
    meter.gauge("otelcol_exporter_queue_size_bytes", "Bytes of the batches held by the sending queue.",
        () -> read(queue, SendingQueue::bytes), "data_type", dt);
    meter.gauge("otelcol_exporter_queue_capacity_bytes", "Byte bound of the sending queue (max_bytes).",
        () -> {
          SendingQueue<?> q = queue.get();
          return q == null ? config.effectiveMaxBytes() : q.byteCapacity();
        }, "data_type", dt);
  }

  private static double read(Supplier<SendingQueue<?>> queue, ToLongFunction<SendingQueue<?>> f) {
    SendingQueue<?> q = queue.get();
    return q == null ? 0 : f.applyAsLong(q);
  }

  void sent(long items) {
    if (items > 0) {
      sent.add(items);
    }
  }

  void sendFailed(DropReason reason, long items) {
    if (items > 0) {
      sendFailed.get(reason).add(items);
    }
  }

  void enqueueFailed(DropReason reason, long items) {
    if (items > 0) {
      enqueueFailed.get(reason).add(items);
    }
  }

  void retry() {
    retries.inc();
  }
}
