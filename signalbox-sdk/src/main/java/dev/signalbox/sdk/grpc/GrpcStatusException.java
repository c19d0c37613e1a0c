package dev.signalbox.sdk.grpc;

import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link GrpcUnaryHandler} to answer with an exact status code, message and optional
 * RetryInfo delay, when the default mapping of {@link GrpcErrors} is not what it wants.
 */
public final class GrpcStatusException extends Exception {
  private final Status.Code code;
  private final Duration retryDelay;

  public GrpcStatusException(Status.Code code, String message) {
    this(code, message, null);
  }

  /** @param retryDelay sent as a {@code google.rpc.RetryInfo} detail when not null */
  public GrpcStatusException(Status.Code code, String message, Duration retryDelay) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.retryDelay = retryDelay;
  }

  public Status.Code code() {
    return code;
  }

  /** The RetryInfo delay to send, or null. */
  public Duration retryDelay() {
    return retryDelay;
  }
}
