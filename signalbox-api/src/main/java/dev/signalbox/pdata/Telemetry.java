package dev.signalbox.pdata;

/**
 * A batch of one signal's data. Batches are mutable and not thread-safe; ownership passes with
 * {@code Consumer.consume}. A batch shared between several consumers is marked read-only.
 *
 * <p>A batch built by a receiver may be <em>wire-backed</em>: it keeps the OTLP bytes it arrived as
 * and decodes them only when its content is first read. This is invisible to callers except in
 * speed: an untouched batch is re-sent as its original bytes. A batch may likewise hold data in the
 * form of another protocol ({@link NativeChunk}), for consumers that handle that form directly.
 */
public sealed interface Telemetry permits ResourceBatch, Profiles {

  Signal<?> signal();

  /** Spans, metric data points, log records or profiles in this batch; never decodes. */
  int itemCount();

  default boolean isEmpty() {
    return itemCount() == 0;
  }

  /** Marks the whole batch read-only; O(1). */
  void markReadOnly();

  boolean isReadOnly();

  /** A deep, mutable copy. Wire-backed batches share their immutable bytes, so copying them is O(1). */
  Telemetry copy();

  /** The encoded size in bytes if wire-backed, otherwise a rough estimate; for queue sizing. */
  long sizeHint();

  /** True while the batch holds undecoded data: OTLP bytes or {@link NativeChunk}s. */
  boolean isWireBacked();
}
