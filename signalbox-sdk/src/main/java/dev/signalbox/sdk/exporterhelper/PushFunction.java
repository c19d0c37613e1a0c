package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Telemetry;

/**
 * The one thing an exporter writes: send one batch to the backend, once. The {@link ExporterHelper}
 * calls it from its workers (or from the caller's thread when the queue is disabled), retries it
 * and counts its outcome.
 *
 * <p>Contract:
 * <ul>
 *   <li>Return normally when the backend accepted the whole batch.
 *   <li>Throw {@link RetryableException} when trying again may succeed (connection refused, 5xx,
 *       429, gRPC UNAVAILABLE); pass the server's {@code Retry-After} / {@code RetryInfo} delay as
 *       its {@code retryAfter}.
 *   <li>Throw {@link PermanentException} when it cannot (400, authentication, malformed data); with
 *       {@code rejectedItems >= 0} when the backend accepted the batch except that many items
 *       (OTLP partial success, bulk item errors): only those are counted as dropped.
 *   <li>Give {@code attemptDeadline} to the client's own timeout; when it passes, the helper
 *       interrupts the calling thread, so blocking I/O should be interruptible, and the attempt
 *       counts as a retryable failure. {@code InterruptedException} is best thrown on as a
 *       {@link RetryableException}.
 *   <li>Do not keep {@code data} after returning: the same batch may be passed again on a retry.
 *       Modify it only if the helper was built with {@code Capabilities.MUTATES_DATA}.
 *   <li>Exception messages are logged and reported as status: never put data content or secrets
 *       (headers, tokens) in them.
 * </ul>
 * Any other {@code RuntimeException} is treated as retryable, as the Collector treats any error not
 * marked permanent. Called from several threads at once (one per queue consumer).
 *
 * @param <T> the signal's batch type
 */
@FunctionalInterface
public interface PushFunction<T extends Telemetry> {
  void push(Context ctx, T data, Deadline attemptDeadline) throws ConsumeException;
}
