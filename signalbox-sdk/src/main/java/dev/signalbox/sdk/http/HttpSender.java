package dev.signalbox.sdk.http;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.Compressors;
import dev.signalbox.sdk.grpc.RpcStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Sends request bodies the way every HTTP exporter does: compressed per {@code compression}, with
 * the configured headers and timeout, and the answer mapped as the OTLP/HTTP specification says:
 * 2xx is success; 429, 502, 503 and 504 are retryable, honouring {@code Retry-After} (seconds or
 * an HTTP date); every other status is permanent; a network failure or timeout is retryable.
 * Failure messages quote the start of the response body (the message of a protobuf
 * {@code google.rpc.Status} body) and never the request headers or URL query.
 *
 * <p>Thread-safe.
 */
public final class HttpSender implements AutoCloseable {
  /** How much of a response body is read by default (the Collector's OTLP/HTTP exporter reads 64 KiB). */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
  /** How much of an error body is quoted in messages. */
  static final int SNIPPET = 200;

  /** Which non-2xx statuses may succeed on a retry. */
  public enum RetryableStatuses {
    /** The OTLP/HTTP spec's: 429, 502, 503, 504; every other status is permanent. */
    OTLP,
    /** 429 and every 5xx (Zipkin, Loki, Splunk HEC and most vendor APIs). */
    TOO_MANY_REQUESTS_AND_5XX;

    boolean retryable(int status) {
      return switch (this) {
        case OTLP -> status == 429 || status == 502 || status == 503 || status == 504;
        case TOO_MANY_REQUESTS_AND_5XX -> status == 429 || status >= 500;
      };
    }
  }

  private final HttpClientConfig config;
  private final HttpClient client;
  private final Compression compression;
  private final Clock clock;
  private final RetryableStatuses retryable;

  /**
   * The result of a successful exchange.
   *
   * @param status the 2xx status
   * @param headers the response headers
   * @param body at most the requested number of body bytes
   */
  public record Response(int status, HttpHeaders headers, byte[] body) {}

  public HttpSender(HttpClientConfig config, HttpClient client, Clock clock) {
    this(config, client, clock, RetryableStatuses.OTLP);
  }

  public HttpSender(HttpClientConfig config, HttpClient client, Clock clock, RetryableStatuses retryable) {
    this.config = config;
    this.client = client;
    this.compression = config.effectiveCompression();
    this.clock = clock;
    this.retryable = retryable;
  }

  /** A sender with a client built by {@link HttpClients#create}, OTLP's retryable statuses. */
  public static HttpSender create(HttpClientConfig config) throws IOException {
    return create(config, RetryableStatuses.OTLP);
  }

  /** A sender with a client built by {@link HttpClients#create} and the given retryable statuses. */
  public static HttpSender create(HttpClientConfig config, RetryableStatuses retryable) throws IOException {
    return new HttpSender(config, HttpClients.create(config), Clock.systemUTC(), retryable);
  }

  public HttpClient client() {
    return client;
  }

  /** POSTs {@code body} to the config's {@code endpoint}. */
  public Response post(String contentType, byte[] body) throws ConsumeException {
    return send("POST", URI.create(config.endpoint().strip()), contentType, body, Map.of(), DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** POSTs {@code body} to {@code url} (an exporter's per-signal URL, say). */
  public Response post(String url, String contentType, byte[] body) throws ConsumeException {
    return send("POST", URI.create(url), contentType, body, Map.of(), DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * Sends one request.
   *
   * @param extraHeaders request-specific headers, set after the configured ones
   * @param maxResponseBytes how much of the response body to read; the rest is discarded with the
   *     connection
   * @throws ConsumeException retryable or permanent as described above
   */
  public Response send(String method, URI uri, String contentType, byte[] body, Map<String, String> extraHeaders,
      int maxResponseBytes) throws ConsumeException {
    return send(method, uri, contentType, body, compression, extraHeaders, maxResponseBytes);
  }

  /**
   * Sends one request with {@code compression} instead of the configured one (e.g. NONE for a
   * body its format already compresses).
   */
  public Response send(String method, URI uri, String contentType, byte[] body, Compression compression,
      Map<String, String> extraHeaders, int maxResponseBytes) throws ConsumeException {
    String what = method + " " + redacted(uri);
    byte[] payload = Compressors.compress(compression, body, config.compressionParams().level());
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      rb.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on cleartext, as Go
    }
    if (!config.timeout().isZero()) {
      rb.timeout(config.timeout());
    }
    config.headers().forEach((k, v) -> rb.setHeader(k, v.reveal()));
    extraHeaders.forEach(rb::setHeader);
    if (contentType != null) {
      rb.setHeader("Content-Type", contentType);
    }
    if (compression != Compression.NONE) {
      rb.setHeader("Content-Encoding", compression.encoding());
    }
    HttpResponse<InputStream> resp;
    byte[] respBody;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        respBody = in.readNBytes(maxResponseBytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(what + " interrupted", e);
    } catch (IOException e) {
      throw new RetryableException(what + " failed: " + describe(e), e);
    }
    int status = resp.statusCode();
    if (status >= 200 && status < 300) {
      return new Response(status, resp.headers(), respBody);
    }
    throw failure(what, status, resp.headers(), respBody, clock, retryable);
  }

  /** Maps a non-2xx answer with OTLP's retryable statuses: see the class comment. */
  public static ConsumeException failure(String what, int status, HttpHeaders headers, byte[] body, Clock clock) {
    return failure(what, status, headers, body, clock, RetryableStatuses.OTLP);
  }

  /** Maps a non-2xx answer: retryable (honouring Retry-After) or permanent. */
  public static ConsumeException failure(String what, int status, HttpHeaders headers, byte[] body, Clock clock,
      RetryableStatuses retryable) {
    String detail = snippet(headers.firstValue("content-type").orElse(""), body);
    String message = what + " responded with HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
    if (retryable.retryable(status)) {
      return new RetryableException(message, null, retryAfter(headers.firstValue("retry-after").orElse(null), clock),
          status == 429);
    }
    return new PermanentException(message);
  }

  /**
   * A {@code Retry-After} value as a delay: delay-seconds or an RFC 1123 HTTP date (a date in the
   * past is zero); null when absent or unreadable.
   */
  public static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The first {@value #SNIPPET} characters of a body, or a protobuf Status's message. */
  static String snippet(String contentType, byte[] body) {
    if (body.length == 0) {
      return "";
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    if (ct.startsWith("application/x-protobuf") || ct.startsWith("application/protobuf")) {
      try {
        RpcStatus s = RpcStatus.parse(body);
        if (!s.message().isEmpty()) {
          return cut(s.message());
        }
      } catch (IllegalArgumentException e) {
        // not a Status: fall through to the raw text
      }
    }
    int n = Math.min(body.length, SNIPPET);
    StringBuilder sb = new StringBuilder(n);
    String text = new String(body, 0, n, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '.' : c);
    }
    return (sb.toString().strip() + (body.length > SNIPPET ? "..." : ""));
  }

  private static String cut(String s) {
    return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "...";
  }

  /** scheme://host:port/path: no user info, no query (API keys sometimes live there). */
  static String redacted(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
  }

  /** Closes the underlying client (JDK 21+). */
  @Override
  public void close() {
    client.close();
  }
}
