package dev.signalbox.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.grpc.RpcStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HttpSender against the JDK's own tiny HTTP server, an independent oracle. */
class HttpSenderTest {
  private com.sun.net.httpserver.HttpServer server;
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpSender sender;

  record Received(com.sun.net.httpserver.Headers headers, byte[] body) {}

  @BeforeEach
  void start() throws IOException {
    server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/ok", ex -> {
      record(ex);
      reply(ex, 200, Map.of("Content-Type", "application/x-protobuf"), new byte[] {8, 1});
    });
    server.createContext("/throttle", ex -> {
      record(ex);
      reply(ex, 429, Map.of("Retry-After", "7"), "slow down".getBytes());
    });
    server.createContext("/unavailable-date", ex -> {
      record(ex);
      reply(ex, 503, Map.of("Retry-After", "Sat, 21 Nov 2026 10:00:30 GMT"), new byte[0]);
    });
    server.createContext("/bad-gateway", ex -> reply(ex, 502, Map.of(), "upstream down".getBytes()));
    server.createContext("/bad", ex -> reply(ex, 400, Map.of("Content-Type", "application/x-protobuf"),
        new RpcStatus(3, "resource_spans[0]: invalid trace id", null).toByteArray()));
    server.createContext("/unauthorized", ex -> reply(ex, 401, Map.of("Content-Type", "text/plain"),
        ("x".repeat(500)).getBytes()));
    server.createContext("/slow", ex -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(ex, 200, Map.of(), new byte[0]);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (sender != null) {
      sender.close();
    }
    server.stop(0);
  }

  private void record(HttpExchange ex) throws IOException {
    received.put(ex.getRequestURI().getPath(), new Received(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes()));
  }

  private static void reply(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
    ex.getRequestBody().readAllBytes();
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private HttpSender sender(HttpClientConfig config) throws IOException {
    sender = new HttpSender(config, HttpClients.create(config),
        Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    return sender;
  }

  @Test
  void postsCompressedWithHeadersAndReturnsTheBody() throws Exception {
    byte[] payload = "spans ".repeat(1000).getBytes(StandardCharsets.UTF_8);
    var config = HttpClientConfig.defaults(url("/ok")).withCompression("gzip")
        .withHeaders(Map.of("Authorization", Secret.of("Bearer s3cret"), "X-Scope-OrgID", Secret.of("acme")));
    HttpSender.Response resp = sender(config).post("application/x-protobuf", payload);

    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.body()).containsExactly(8, 1);
    Received r = received.get("/ok");
    assertThat(r.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(r.headers().getFirst("X-scope-orgid")).isEqualTo("acme");
    assertThat(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes()).isEqualTo(payload);
    assertThat(r.body().length).isLessThan(payload.length / 10);
  }

  @Test
  void compressesWithEachConfiguredEncoding() throws Exception {
    byte[] payload = "metrics ".repeat(500).getBytes(StandardCharsets.UTF_8);
    sender(HttpClientConfig.defaults(url("/ok")).withCompression("deflate")).post("application/json", payload);
    Received r = received.get("/ok");
    assertThat(r.headers().getFirst("Content-Encoding")).isEqualTo("deflate");
    assertThat(new InflaterInputStream(new ByteArrayInputStream(r.body())).readAllBytes()).isEqualTo(payload);
    sender.close();

    sender(HttpClientConfig.defaults(url("/ok")).withCompression("zstd")).post("application/json", payload);
    r = received.get("/ok");
    assertThat(r.headers().getFirst("Content-Encoding")).isEqualTo("zstd");
    assertThat(com.github.luben.zstd.Zstd.decompress(r.body(), payload.length)).isEqualTo(payload);
    sender.close();

    sender(HttpClientConfig.defaults(url("/ok")).withCompression("none")).post("application/json", payload);
    r = received.get("/ok");
    assertThat(r.headers().containsKey("Content-Encoding")).isFalse();
    assertThat(r.body()).isEqualTo(payload);
  }

  @Test
  void throttledAnswersAreRetryableWithRetryAfter() throws Exception {
    HttpSender s = sender(HttpClientConfig.defaults().withHeaders(Map.of("Authorization", Secret.of("Bearer s3cret"))));
    RetryableException e = catchThrowableOfType(RetryableException.class,
        () -> s.post(url("/throttle?api_key=k3y"), "application/x-protobuf", new byte[1]));
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(e.resourceExhausted()).isTrue();
    assertThat(e.getMessage()).isEqualTo("POST " + url("/throttle") + " responded with HTTP 429: slow down");
    assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("k3y");

    RetryableException date = catchThrowableOfType(RetryableException.class,
        () -> s.post(url("/unavailable-date"), "application/x-protobuf", new byte[1]));
    assertThat(date.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(date.resourceExhausted()).isFalse();

    RetryableException gateway = catchThrowableOfType(RetryableException.class,
        () -> s.post(url("/bad-gateway"), "application/x-protobuf", new byte[1]));
    assertThat(gateway.retryAfter()).isNull();
    assertThat(gateway.getMessage()).endsWith("responded with HTTP 502: upstream down");
  }

  @Test
  void otherErrorsArePermanentQuotingTheBody() throws Exception {
    HttpSender s = sender(HttpClientConfig.defaults());
    PermanentException bad = catchThrowableOfType(PermanentException.class,
        () -> s.post(url("/bad"), "application/x-protobuf", new byte[1]));
    assertThat(bad.getMessage()).isEqualTo("POST " + url("/bad")
        + " responded with HTTP 400: resource_spans[0]: invalid trace id");

    PermanentException unauthorized = catchThrowableOfType(PermanentException.class,
        () -> s.post(url("/unauthorized"), "application/x-protobuf", new byte[1]));
    assertThat(unauthorized.getMessage()).endsWith("responded with HTTP 401: " + "x".repeat(200) + "...");

    PermanentException notFound = catchThrowableOfType(PermanentException.class,
        () -> s.post(url("/missing"), "application/x-protobuf", new byte[1]));
    assertThat(notFound.getMessage()).startsWith("POST " + url("/missing") + " responded with HTTP 404");
  }

  @Test
  void networkFailuresAndTimeoutsAreRetryable() throws Exception {
    int closedPort;
    try (ServerSocket ss = new ServerSocket(0)) {
      closedPort = ss.getLocalPort();
    }
    HttpSender s = sender(HttpClientConfig.defaults().withTimeout(Duration.ofMillis(300)));
    assertThat(catchThrowableOfType(RetryableException.class,
        () -> s.post("http://127.0.0.1:" + closedPort + "/v1/traces", "application/x-protobuf", new byte[1])).getMessage())
        .startsWith("POST http://127.0.0.1:" + closedPort + "/v1/traces failed: ConnectException");
    assertThat(catchThrowableOfType(RetryableException.class,
        () -> s.post(url("/slow"), "application/x-protobuf", new byte[1])).getMessage())
        .contains("HttpTimeoutException");
  }

  @Test
  void parsesRetryAfter() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    assertThat(HttpSender.retryAfter("120", clock)).isEqualTo(Duration.ofMinutes(2));
    assertThat(HttpSender.retryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
    assertThat(HttpSender.retryAfter("Sat, 21 Nov 2026 10:01:00 GMT", clock)).isEqualTo(Duration.ofMinutes(1));
    assertThat(HttpSender.retryAfter("Sat, 21 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(HttpSender.retryAfter("soon", clock)).isNull();
    assertThat(HttpSender.retryAfter(null, clock)).isNull();
    assertThat(HttpSender.retryAfter("-5", clock)).isNull();
  }

  @Test
  void failureMappingCoversTheSpecsCodes() {
    Clock clock = Clock.systemUTC();
    HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
    for (int status : List.of(429, 502, 503, 504)) {
      assertThat(HttpSender.failure("POST x", status, none, new byte[0], clock)).as("" + status)
          .isInstanceOf(RetryableException.class);
    }
    for (int status : List.of(400, 401, 403, 404, 405, 413, 415, 500, 501)) {
      assertThat(HttpSender.failure("POST x", status, none, new byte[0], clock)).as("" + status)
          .isInstanceOf(PermanentException.class);
    }
  }

  @Test
  void neverUsesTheSystemProxyButTheConfiguredOne() throws Exception {
    // The configured proxy is the JDK server itself: an absolute-form request line reaches /ok.
    String proxied = "http://proxied.invalid:9/ok";
    var config = HttpClientConfig.defaults().withProxyUrl("http://127.0.0.1:" + server.getAddress().getPort());
    assertThat(sender(config).post(proxied, "application/x-protobuf", new byte[] {1}).status()).isEqualTo(200);
    assertThat(received.get("/ok").body()).containsExactly(1);
  }

  @Test
  void readsAtMostTheRequestedResponseBytes() throws Exception {
    server.createContext("/big", ex -> reply(ex, 200, Map.of(), new byte[200_000]));
    HttpSender s = sender(HttpClientConfig.defaults());
    var resp = s.send("POST", java.net.URI.create(url("/big")), "application/x-protobuf", new byte[0], Map.of(), 1000);
    assertThat(resp.body()).hasSize(1000);
  }
}
