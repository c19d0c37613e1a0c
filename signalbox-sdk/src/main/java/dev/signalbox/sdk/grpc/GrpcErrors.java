package dev.signalbox.sdk.grpc;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps between our refusals and gRPC statuses, both ways, as the OTLP specification says.
 *
 * <p>Server side ({@link #toStatus}): {@link RetryableException} → UNAVAILABLE, or
 * RESOURCE_EXHAUSTED when {@code resourceExhausted()}, always with a {@code google.rpc.RetryInfo}
 * detail in the {@code grpc-status-details-bin} trailer (its delay is the exception's
 * {@code retryAfter()}, or 0 to let the client's own backoff decide; OTLP clients retry
 * RESOURCE_EXHAUSTED only when RetryInfo is present); {@link PermanentException} →
 * INVALID_ARGUMENT with its message; {@link GrpcStatusException} and grpc-java status exceptions as
 * they are; anything else → INTERNAL "internal error", logged, details not sent.
 *
 * <p>Client side ({@link #toConsumeException}): CANCELLED, DEADLINE_EXCEEDED, ABORTED,
 * OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS, and RESOURCE_EXHAUSTED with RetryInfo, are retryable with
 * the RetryInfo delay; every other code is permanent.
 */
public final class GrpcErrors {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  /** The trailer carrying a serialized {@code google.rpc.Status}. */
  public static final Metadata.Key<byte[]> STATUS_DETAILS_KEY =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private GrpcErrors() {}

  /** A status and the trailers to close a call with. */
  public record StatusAndTrailers(Status status, Metadata trailers) {}

  /** The status for a handler's failure; see the class comment. */
  public static StatusAndTrailers toStatus(Throwable t) {
    return switch (t) {
      case GrpcStatusException e -> withDetails(e.code(), e.getMessage(), e.retryDelay());
      case RetryableException e -> withDetails(e.resourceExhausted() ? Status.Code.RESOURCE_EXHAUSTED
          : Status.Code.UNAVAILABLE, e.getMessage(), e.retryAfter() == null ? Duration.ZERO : e.retryAfter());
      case PermanentException e -> withDetails(Status.Code.INVALID_ARGUMENT, e.getMessage(), null);
      case StatusRuntimeException e -> new StatusAndTrailers(e.getStatus(), trailersOf(e.getTrailers()));
      case StatusException e -> new StatusAndTrailers(e.getStatus(), trailersOf(e.getTrailers()));
      case InterruptedException e -> withDetails(Status.Code.UNAVAILABLE, "server shutting down", Duration.ZERO);
      default -> {
        LOG.error("gRPC handler failed", t);
        yield new StatusAndTrailers(Status.INTERNAL.withDescription("internal error"), new Metadata());
      }
    };
  }

  /**
   * A status with {@code message} and, when {@code retryDelay} is not null, a RetryInfo detail in
   * the {@code grpc-status-details-bin} trailer.
   */
  public static StatusAndTrailers withDetails(Status.Code code, String message, Duration retryDelay) {
    Status status = Status.fromCode(code).withDescription(message);
    Metadata trailers = new Metadata();
    if (retryDelay != null) {
      trailers.put(STATUS_DETAILS_KEY, new RpcStatus(code.value(), message, retryDelay).toByteArray());
    }
    return new StatusAndTrailers(status, trailers);
  }

  /** The RetryInfo delay in {@code trailers}, or null when there is no RetryInfo (or no trailer). */
  public static Duration retryDelay(Metadata trailers) {
    RpcStatus s = statusDetails(trailers);
    return s == null ? null : s.retryDelay();
  }

  /** The decoded {@code grpc-status-details-bin} trailer, or null. */
  public static RpcStatus statusDetails(Metadata trailers) {
    if (trailers == null) {
      return null;
    }
    byte[] bytes = trailers.get(STATUS_DETAILS_KEY);
    if (bytes == null) {
      return null;
    }
    try {
      return RpcStatus.parse(bytes);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** True for the codes the OTLP specification lets clients retry (RESOURCE_EXHAUSTED aside). */
  public static boolean isRetryable(Status.Code code) {
    return switch (code) {
      case CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS -> true;
      default -> false;
    };
  }

  /**
   * A client's view of a failed call. The message names what was called and the status; it never
   * contains request headers.
   *
   * @param what e.g. {@code "opentelemetry.proto.collector.trace.v1.TraceService/Export to otel:4317"}
   */
  public static ConsumeException toConsumeException(Status status, Metadata trailers, String what) {
    RpcStatus details = statusDetails(trailers);
    boolean hasRetryInfo = details != null && details.retryDelay() != null;
    Duration delay = hasRetryInfo && !details.retryDelay().isZero() ? details.retryDelay() : null;
    String message = "gRPC " + what + " failed: " + status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription());
    Throwable cause = status.getCause();
    Status.Code code = status.getCode();
    if (isRetryable(code)) {
      return new RetryableException(message, cause, delay, false);
    }
    if (code == Status.Code.RESOURCE_EXHAUSTED && hasRetryInfo) {
      return new RetryableException(message, cause, delay, true);
    }
    return new PermanentException(message, cause);
  }

  private static Metadata trailersOf(Metadata m) {
    return m == null ? new Metadata() : m;
  }
}
