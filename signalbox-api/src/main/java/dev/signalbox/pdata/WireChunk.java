package dev.signalbox.pdata;

import java.util.Objects;

/**
 * Encoded OTLP request bytes ({@code Export*ServiceRequest}: a sequence of top-level resource
 * entries) that a batch holds undecoded. The bytes are never modified once wrapped, so chunks are
 * shared freely between copies of a batch.
 *
 * @param itemCount items (spans, data points, log records, profiles) in the chunk, from a field scan
 */
public record WireChunk(byte[] bytes, int offset, int length, int itemCount) {
  public WireChunk {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
  }
}
