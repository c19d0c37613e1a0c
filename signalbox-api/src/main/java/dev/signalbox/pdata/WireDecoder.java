package dev.signalbox.pdata;

/**
 * Decodes wire chunks into a batch; supplied by the codec that created a wire-backed batch. Only
 * chunks that passed the codec's structural scan are wrapped, so decoding does not fail.
 */
@FunctionalInterface
public interface WireDecoder<T extends Telemetry> {
  /** Appends the resources encoded in {@code chunk} to {@code into}, which is mutable and decoded. */
  void decodeInto(WireChunk chunk, T into);
}
