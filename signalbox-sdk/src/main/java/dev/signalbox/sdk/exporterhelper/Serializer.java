package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import java.io.IOException;

/**
 * Turns an accepted request into the bytes a {@link PersistentQueue} stores, and back. What is
 * stored is the batch and the client metadata of the request's {@link dev.signalbox.component.Context}
 * (needed to rebuild per-tenant batches after a restart), nothing else: not the authenticated
 * principal, not the transport.
 *
 * <p>{@link #withContext} gives the standard record: a small header with the metadata, then the
 * batch as a {@link PayloadCodec} encodes it. Implementations must be thread-safe.
 *
 * @param <T> the signal's batch type
 */
public interface Serializer<T extends Telemetry> {

  /** The bytes to store for {@code request}. */
  byte[] serialize(ExportRequest<T> request);

  /**
   * The request stored as {@code bytes[offset .. offset + length)}; may keep a reference to the
   * array, which the caller hands over.
   *
   * @throws IOException if the bytes are not a record of this serializer
   */
  ExportRequest<T> deserialize(byte[] bytes, int offset, int length) throws IOException;

  /** The request stored as {@code bytes}. */
  default ExportRequest<T> deserialize(byte[] bytes) throws IOException {
    return deserialize(bytes, 0, bytes.length);
  }

  /** Encodes and decodes a batch, without its context. */
  interface PayloadCodec<T extends Telemetry> {
    /**
     * Identifies the encoding in every stored record, so that data written with one codec is never
     * decoded with another: {@link RequestRecord#OTLP_PROTOBUF} for OTLP (2 for OTLP profiles); tests use others.
     */
    byte formatId();

    byte[] encode(T data);

    /** @throws IOException if the bytes are malformed */
    T decode(byte[] bytes, int offset, int length) throws IOException;
  }

  /** The standard record: client metadata then the batch; see {@link RequestRecord} for the format. */
  static <T extends Telemetry> Serializer<T> withContext(PayloadCodec<T> codec) {
    return new RequestRecord.ContextSerializer<>(codec);
  }

  /**
   * The serializer persistent queues use in production: client metadata and the batch as OTLP
   * protobuf. An untouched wire-backed batch is stored as the bytes it arrived as and read back
   * wire-backed, so a request costs no encode or decode on its way through the queue. Profiles are
   * stored as their separate requests (see {@code OtlpPayloadCodec}).
   */
  static <T extends Telemetry> Serializer<T> otlp(Signal<T> signal) {
    return withContext(new OtlpPayloadCodec<>(signal));
  }
}
