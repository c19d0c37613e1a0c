package dev.signalbox.exporter.splunkhec;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.Compressors;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.http.HttpClients;
import dev.signalbox.sdk.http.HttpSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * POSTs bodies with the HTTP client keys (headers, timeout, TLS, proxy) and maps the
 * answer as this exporter's contract says: 2xx is success; 429 and every 5xx are retryable,
 * honouring {@code Retry-After}; every other status is permanent; a network failure or timeout is
 * retryable. Messages quote the start of the answer, never request headers. Thread-safe.
 */
final class HecPoster implements AutoCloseable {
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final int SNIPPET = 200;

  private final HttpClientConfig config;
  private final HttpClient client;

  HecPoster(HttpClientConfig config) throws IOException {
    this.config = config;
    this.client = HttpClients.create(config);
  }

  /**
   * POSTs {@code body}, gzip-compressed when {@code gzip} (the exporter decides, by
   * {@code disable_compression} and size).
   */
  void post(URI uri, String contentType, byte[] body, boolean gzip, java.util.Map<String, String> extraHeaders)
      throws ConsumeException {
    String what = "POST " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
    Compression c = gzip ? Compression.GZIP : Compression.NONE;
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(
        Compressors.compress(c, body, config.compressionParams().level())));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      rb.version(HttpClient.Version.HTTP_1_1);
    }
    if (!config.timeout().isZero()) {
      rb.timeout(config.timeout());
    }
    config.headers().forEach((k, v) -> rb.setHeader(k, v.reveal()));
    extraHeaders.forEach(rb::setHeader);
    rb.setHeader("Content-Type", contentType);
    if (c != Compression.NONE) {
      rb.setHeader("Content-Encoding", c.encoding());
    }
    HttpResponse<InputStream> resp;
    byte[] answer;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        answer = in.readNBytes(MAX_RESPONSE_BYTES);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(what + " interrupted", e);
    } catch (IOException e) {
      throw new RetryableException(what + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
    int status = resp.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String text = new String(answer, 0, Math.min(answer.length, SNIPPET), StandardCharsets.UTF_8)
        .replaceAll("[\\r\\n\\t]", " ").strip();
    String message = what + " responded with HTTP " + status + (text.isEmpty() ? "" : ": " + text);
    if (status == 429 || status >= 500) {
      throw new RetryableException(message, null,
          HttpSender.retryAfter(resp.headers().firstValue("retry-after").orElse(null), Clock.systemUTC()),
          false);
    }
    throw new PermanentException(message);
  }

  @Override
  public void close() {
    client.close();
  }
}
