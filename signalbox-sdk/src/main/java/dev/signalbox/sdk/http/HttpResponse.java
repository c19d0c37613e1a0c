package dev.signalbox.sdk.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A handler's answer. The server adds {@code Content-Length}, {@code Date}, {@code Connection},
 * the config's {@code response_headers} and CORS headers; headers set here win over the configured
 * ones.
 *
 * @param status the HTTP status code
 * @param headers response headers (name to value)
 * @param body the body, sent as is; the server does not copy or modify it
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  public HttpResponse {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("invalid HTTP status " + status);
    }
    Objects.requireNonNull(body, "body");
    var h = new LinkedHashMap<String, String>();
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (!HttpTokens.isToken(k)) {
          throw new IllegalArgumentException("invalid header name \"" + k + "\"");
        }
        if (v == null || !HttpTokens.isValue(v)) {
          throw new IllegalArgumentException("invalid value for header " + k);
        }
        h.put(k, v);
      });
    }
    headers = java.util.Collections.unmodifiableMap(h);
  }

  /** A response with a {@code Content-Type} and body. */
  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, Map.of("Content-Type", contentType), body);
  }

  /** 200 with a body. */
  public static HttpResponse ok(String contentType, byte[] body) {
    return of(200, contentType, body);
  }

  /** A {@code text/plain; charset=utf-8} response. */
  public static HttpResponse text(int status, String message) {
    return of(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
  }

  /** A response with no body. */
  public static HttpResponse empty(int status) {
    return new HttpResponse(status, Map.of(), new byte[0]);
  }

  /** This response with one more header (replacing one of the same name). */
  public HttpResponse withHeader(String name, String value) {
    var h = new LinkedHashMap<>(headers);
    h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    h.put(name, value);
    return new HttpResponse(status, h, body);
  }

  /** This response with {@code Retry-After} in whole seconds, rounded up. */
  public HttpResponse withRetryAfter(Duration delay) {
    long seconds = Math.max(0, (delay.toMillis() + 999) / 1000);
    return withHeader("Retry-After", Long.toString(seconds));
  }

  /** The value of a header (case-insensitive), or null. */
  public String header(String name) {
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "HttpResponse{" + status + ", " + body.length + " bytes}";
  }
}
