package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.Context;
import dev.signalbox.pdata.Telemetry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A batch the helper accepted, with its context and its size measured once at acceptance: the
 * counts used for the queue's bounds and the self-metrics stay the same even if the push function
 * changes the batch. Immutable apart from the batch itself.
 *
 * @param <T> the signal's batch type
 */
public final class ExportRequest<T extends Telemetry> {
  private final Context context;
  private final T data;
  private final int items;
  private final long bytes;
  /** Completed with the final outcome when the caller waits for it (wait_for_result); else null. */
  final CompletableFuture<Void> result;

  /** A request for {@code data}; measures its items and bytes now. */
  public ExportRequest(Context context, T data) {
    this(context, data, false);
  }

  ExportRequest(Context context, T data, boolean waitForResult) {
    this.context = Objects.requireNonNull(context, "context");
    this.data = Objects.requireNonNull(data, "data");
    this.items = data.itemCount();
    this.bytes = data.sizeHint();
    this.result = waitForResult ? new CompletableFuture<>() : null;
  }

  public Context context() {
    return context;
  }

  public T data() {
    return data;
  }

  /** Items (spans, data points, log records, profiles) at acceptance. */
  public int items() {
    return items;
  }

  /** {@code sizeHint()} at acceptance. */
  public long bytes() {
    return bytes;
  }

  /** The size of this request in units of {@code sizer}. */
  public long size(QueueConfig.Sizer sizer) {
    return switch (sizer) {
      case REQUESTS -> 1;
      case ITEMS -> items;
      case BYTES -> bytes;
    };
  }

  @Override
  public String toString() {
    return "ExportRequest{" + data.signal() + ", " + items + " items, " + bytes + " bytes}";
  }
}
