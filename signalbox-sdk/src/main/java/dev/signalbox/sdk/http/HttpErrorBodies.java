package dev.signalbox.sdk.http;

/**
 * How a route words the errors the server answers for it before (or instead of) its handler:
 * an oversized or undecompressable body, a wrong method, a refused admission, a handler that threw.
 * OTLP/HTTP, for one, requires every 4xx and 5xx body to be a {@code google.rpc.Status} in the
 * request's encoding. Headers such as {@code Retry-After} and {@code Allow} are added by the server
 * to what this returns.
 */
@FunctionalInterface
public interface HttpErrorBodies {

  /** Plain text, the default. */
  HttpErrorBodies TEXT = (status, message, requestContentType) -> HttpResponse.text(status, message);

  /**
   * The response for {@code status}.
   *
   * @param message what went wrong, for people
   * @param requestContentType the request's {@code Content-Type}, or {@code null}
   */
  HttpResponse error(int status, String message, String requestContentType);
}
