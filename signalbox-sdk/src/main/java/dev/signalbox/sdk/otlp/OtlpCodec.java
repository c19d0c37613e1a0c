package dev.signalbox.sdk.otlp;

import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * An OTLP encoding: {@link OtlpProtoCodec} ({@code application/x-protobuf}) or
 * {@link OtlpJsonCodec} ({@code application/json}). Lets receivers and exporters that support both
 * pick one by content type or config and then stay generic in the signal.
 *
 * <p>Implementations are stateless and immutable: share one instance between all threads.
 */
public sealed interface OtlpCodec permits OtlpProtoCodec, OtlpJsonCodec {

  /** The protobuf codec. */
  static OtlpProtoCodec proto() {
    return OtlpProtoCodec.INSTANCE;
  }

  /** The JSON codec. */
  static OtlpJsonCodec json() {
    return OtlpJsonCodec.INSTANCE;
  }

  /**
   * The codec for an HTTP {@code Content-Type} value (parameters such as {@code charset} ignored):
   * {@code application/x-protobuf} or {@code application/protobuf} for protobuf,
   * {@code application/json} for JSON; empty for anything else.
   */
  static Optional<OtlpCodec> forContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semi = contentType.indexOf(';');
    String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return switch (mime) {
      case "application/x-protobuf", "application/protobuf" -> Optional.of(proto());
      case "application/json" -> Optional.of(json());
      default -> Optional.empty();
    };
  }

  /** The content type this codec writes. */
  String contentType();

  /**
   * Encodes a batch as an {@code Export*ServiceRequest}. Only reads the batch, so it may be a
   * read-only batch shared with other consumers.
   *
   * @throws IllegalArgumentException for a signal or batch this codec cannot write in one request
   */
  byte[] encode(Telemetry data);

  /** Like {@link #encode} but writes to {@code out} (not closed, not flushed). */
  void writeTo(Telemetry data, OutputStream out) throws IOException;

  /**
   * Decodes an {@code Export*ServiceRequest} of {@code signal}. The caller must not modify
   * {@code buf[off .. off+len)} afterwards: the batch may keep and re-send those bytes.
   */
  <T extends Telemetry> T decode(Signal<T> signal, byte[] buf, int off, int len) throws MalformedDataException;

  /** Encodes an {@code Export*ServiceResponse} for {@code signal}; {@link PartialSuccess#NONE} gives an empty response. */
  byte[] encodeResponse(Signal<?> signal, PartialSuccess partialSuccess);

  /** Decodes an {@code Export*ServiceResponse}; an absent {@code partial_success} is {@link PartialSuccess#NONE}. */
  PartialSuccess decodeResponse(Signal<?> signal, byte[] buf, int off, int len) throws MalformedDataException;
}
