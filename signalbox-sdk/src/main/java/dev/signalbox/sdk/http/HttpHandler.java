package dev.signalbox.sdk.http;

/**
 * Handles one request of a route. Runs on a virtual thread of its own, so it may block (to apply
 * back-pressure, for instance); the response is written back on the connection's event loop.
 *
 * <p>Exceptions become responses and are never shown to the client beyond their message:
 * {@link dev.signalbox.component.RetryableException} → 503, or 429 when
 * {@code resourceExhausted()}, with {@code Retry-After} when it has a delay;
 * {@link dev.signalbox.component.PermanentException} → 400 with its message; anything else → 500
 * {@code internal server error} (logged with its stack trace).
 */
@FunctionalInterface
public interface HttpHandler {
  HttpResponse handle(HttpRequest request) throws Exception;
}
