package dev.signalbox.sdk.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@code google.rpc.Status} with at most a {@code google.rpc.RetryInfo} detail: what a gRPC
 * server puts in the {@code grpc-status-details-bin} trailer, and what an OTLP/HTTP server sends as
 * the body of a 4xx/5xx response. Encoded and decoded by hand (a handful of fields); other details
 * are skipped when reading and never written.
 *
 * @param code the {@code google.rpc.Code} (same numbers as gRPC status codes)
 * @param message the developer-facing message, may be empty
 * @param retryDelay the RetryInfo delay, or null when there is no RetryInfo detail
 */
public record RpcStatus(int code, String message, Duration retryDelay) {
  /** The type URL of RetryInfo in an {@code Any}. */
  public static final String RETRY_INFO_TYPE_URL = "type.googleapis.com/google.rpc.RetryInfo";

  public RpcStatus {
    message = message == null ? "" : message;
    if (retryDelay != null && retryDelay.isNegative()) {
      throw new IllegalArgumentException("negative retry delay");
    }
  }

  /** Encodes {@code Status{code, message, details: [Any{RetryInfo{retry_delay}}]}}. */
  public byte[] toByteArray() {
    var w = new ProtoWire.Writer();
    if (code != 0) {
      w.varint(1, code);
    }
    if (!message.isEmpty()) {
      w.string(2, message);
    }
    if (retryDelay != null) {
      var duration = new ProtoWire.Writer();
      if (retryDelay.getSeconds() != 0) {
        duration.varint(1, retryDelay.getSeconds());
      }
      if (retryDelay.getNano() != 0) {
        duration.varint(2, retryDelay.getNano());
      }
      byte[] retryInfo = new ProtoWire.Writer().bytes(1, duration.toByteArray()).toByteArray();
      byte[] any = new ProtoWire.Writer().string(1, RETRY_INFO_TYPE_URL).bytes(2, retryInfo).toByteArray();
      w.bytes(3, any);
    }
    return w.toByteArray();
  }

  /**
   * Decodes a {@code google.rpc.Status}, keeping the first RetryInfo detail's delay.
   *
   * @throws IllegalArgumentException when the bytes are not a valid Status message
   */
  public static RpcStatus parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    int code = 0;
    String message = "";
    Duration delay = null;
    var r = new ProtoWire.Reader(bytes);
    while (r.next()) {
      switch (r.field()) {
        case 1 -> {
          expect(r, ProtoWire.VARINT);
          code = (int) r.varint();
        }
        case 2 -> {
          expect(r, ProtoWire.LEN);
          message = r.string();
        }
        case 3 -> {
          expect(r, ProtoWire.LEN);
          Duration d = retryDelayOfAny(r.bytes());
          if (delay == null) {
            delay = d;
          }
        }
        default -> r.skip();
      }
    }
    return new RpcStatus(code, message, delay);
  }

  private static Duration retryDelayOfAny(byte[] any) {
    String typeUrl = "";
    byte[] value = new byte[0];
    var r = new ProtoWire.Reader(any);
    while (r.next()) {
      if (r.field() == 1 && r.type() == ProtoWire.LEN) {
        typeUrl = r.string();
      } else if (r.field() == 2 && r.type() == ProtoWire.LEN) {
        value = r.bytes();
      } else {
        r.skip();
      }
    }
    if (!typeUrl.endsWith("/google.rpc.RetryInfo")) {
      return null;
    }
    long seconds = 0;
    int nanos = 0;
    var info = new ProtoWire.Reader(value);
    while (info.next()) {
      if (info.field() == 1 && info.type() == ProtoWire.LEN) {
        var d = new ProtoWire.Reader(info.bytes());
        while (d.next()) {
          if (d.field() == 1 && d.type() == ProtoWire.VARINT) {
            seconds = d.varint();
          } else if (d.field() == 2 && d.type() == ProtoWire.VARINT) {
            nanos = (int) d.varint();
          } else {
            d.skip();
          }
        }
      } else {
        info.skip();
      }
    }
    Duration delay = Duration.ofSeconds(seconds, nanos);
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  private static void expect(ProtoWire.Reader r, int type) {
    if (r.type() != type) {
      throw new IllegalArgumentException("unexpected wire type " + r.type() + " for field " + r.field());
    }
  }
}
