package dev.signalbox.pdata;

import java.util.List;

/**
 * Data that a batch holds in the form a receiver got it in, when that form is not OTLP (remote
 * write series, say), for consumers that handle that form directly: a remote-write exporter
 * forwards remote-write series as they came instead of translating them into OTLP and back.
 * Anyone else who reads the batch's content decodes the chunk into OTLP on first read, as a
 * wire-backed batch decodes its OTLP bytes ({@link Telemetry}).
 *
 * <p>A receiver creates such batches only when every consumer of its pipelines declares the
 * chunk's {@link #format()} in {@code Capabilities.nativeFormats()}, so that in practice they are
 * never decoded; decoding is the fallback that keeps them correct anywhere.
 *
 * <p>Immutable: chunks are shared between copies of a batch.
 *
 * @param <T> the signal's batch type
 */
public interface NativeChunk<T extends Telemetry> {
  /** The form of the data, e.g. {@code prometheus.remote_write.v1}; consumers declare the forms they handle. */
  String format();

  /**
   * Items in the chunk, counted in its own form (samples for remote write). The OTLP it decodes
   * into may count differently (a histogram's bucket, sum and count samples make one data point),
   * so a batch's {@link Telemetry#itemCount()} can change when it is decoded.
   */
  int itemCount();

  /** Bytes the chunk takes, roughly; for queue sizing. */
  long sizeHint();

  /** Appends the chunk's data, translated into OTLP, to {@code into} (mutable, decoded). */
  void decodeInto(T into);

  /**
   * The chunk cut after its first {@code n} items (0 &lt; n &lt; {@link #itemCount()}): the first
   * part then the rest, whose item counts are {@code n} and {@code itemCount() - n}; or null when
   * the chunk cannot be cut without decoding (the batch then decodes it).
   */
  default List<NativeChunk<T>> splitAt(int n) {
    return null;
  }
}
