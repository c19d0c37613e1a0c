package dev.signalbox.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.Context;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.Compressors;
import dev.signalbox.sdk.net.EventLoops;
import dev.signalbox.sdk.net.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private final List<HttpServer> servers = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
  private final List<HttpRequest> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.shutdown(Duration.ofSeconds(2)));
    client.close();
  }

  private HttpServer start(HttpServerConfig config, HttpRoute... routes) throws IOException {
    HttpServer s = HttpServer.start(config, List.of(routes));
    servers.add(s);
    return s;
  }

  private HttpServer echoServer(HttpServerConfig config) throws IOException {
    return start(config, HttpRoute.post("/v1/traces", req -> {
      seen.add(req);
      return HttpResponse.ok("application/octet-stream", req.body());
    }));
  }

  private static HttpServerConfig local() {
    return HttpServerConfig.defaults("127.0.0.1:0");
  }

  private URI uri(HttpServer s, String path) {
    return URI.create("http://127.0.0.1:" + s.port() + path);
  }

  private java.net.http.HttpResponse<String> post(HttpServer s, String path, byte[] body, String... headers)
      throws Exception {
    var b = java.net.http.HttpRequest.newBuilder(uri(s, path)).POST(BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  @Test
  void bindsAnEphemeralPortAndServesAPost() throws Exception {
    HttpServer s = echoServer(local());
    assertThat(s.port()).isPositive();
    assertThat(s.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");

    var resp = post(s, "/v1/traces?x=1&y=2", "hello".getBytes(), "Content-Type", "application/x-protobuf; charset=x",
        "X-Tenant-ID", "acme");

    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body()).isEqualTo("hello");
    assertThat(resp.headers().firstValue("content-length")).hasValue("5");
    assertThat(resp.headers().firstValue("date")).isPresent();
    HttpRequest req = seen.get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/v1/traces");
    assertThat(req.query()).isEqualTo("x=1&y=2");
    assertThat(req.queryParameters()).containsEntry("y", List.of("2"));
    assertThat(req.header("x-tenant-id")).isEqualTo("acme");
    assertThat(req.headers().get("X-TENANT-ID")).containsExactly("acme");
    assertThat(req.mediaType()).isEqualTo("application/x-protobuf");
    assertThat(req.context().metadata()).isEmpty();
    assertThat(req.context().transport()).isEqualTo("http");
    assertThat(req.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void runsHandlersOnVirtualThreads() throws Exception {
    AtomicReference<Thread> thread = new AtomicReference<>();
    HttpServer s = start(local(), HttpRoute.post("/x", req -> {
      thread.set(Thread.currentThread());
      return HttpResponse.empty(204);
    }));
    assertThat(post(s, "/x", new byte[0]).statusCode()).isEqualTo(204);
    assertThat(thread.get().isVirtual()).isTrue();
  }

  @Test
  void unknownPathIs404() throws Exception {
    HttpServer s = echoServer(local());
    var resp = post(s, "/v1/nope", "x".getBytes());
    assertThat(resp.statusCode()).isEqualTo(404);
    assertThat(resp.body()).isEqualTo("404 page not found");
    assertThat(seen).isEmpty();
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    HttpServer s = echoServer(local());
    var resp = client.send(java.net.http.HttpRequest.newBuilder(uri(s, "/v1/traces")).GET().build(),
        BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(405);
    assertThat(resp.headers().firstValue("allow")).hasValue("POST");
    assertThat(resp.body()).isEqualTo("405 method not allowed, supported: [POST]");
    // the connection is still usable after the refusal
    assertThat(post(s, "/v1/traces", "ok".getBytes()).statusCode()).isEqualTo(200);
  }

  @Test
  void aRouteWordsTheServersErrorsItsOwnWayAndTheListenerGetsTheMessage() throws Exception {
    HttpErrorBodies bodies = (status, message, contentType) ->
        HttpResponse.of(status, "application/x-test", (status + "|" + contentType + "|" + message).getBytes());
    List<String> rejections = new CopyOnWriteArrayList<>();
    HttpServer s = HttpServer.start(local().withMaxRequestBodySize(ByteSize.ofBytes(16)), List.of(
        HttpRoute.post("/x", req -> {
          throw new RetryableException("busy", null, Duration.ofSeconds(2), false);
        }).withErrors(bodies)),
        (path, status, reason) -> rejections.add(path + " " + status + " " + reason));
    servers.add(s);

    var big = post(s, "/x", new byte[17], "Content-Type", "application/json");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.headers().firstValue("Content-Type")).hasValue("application/x-test");
    assertThat(big.body()).isEqualTo("413|application/json|request body too large: Content-Length 17 exceeds 16 bytes");

    var get = client.send(java.net.http.HttpRequest.newBuilder(uri(s, "/x")).GET().build(), BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST"); // the server's headers are added
    assertThat(get.body()).isEqualTo("405|null|405 method not allowed, supported: [POST]");

    var busy = post(s, "/x", new byte[1], "Content-Type", "text/plain");
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(busy.body()).isEqualTo("503|text/plain|busy");

    var none = post(s, "/elsewhere", new byte[1]);
    assertThat(none.statusCode()).isEqualTo(404); // no route, so no route's wording
    assertThat(none.body()).isEqualTo("404 page not found");

    assertThat(rejections).containsExactly(
        "/x 413 request body too large: Content-Length 17 exceeds 16 bytes",
        "/x 405 405 method not allowed, supported: [POST]",
        "/elsewhere 404 404 page not found");
  }

  @Test
  void decompressesEveryAcceptedEncoding() throws Exception {
    HttpServer s = echoServer(local());
    byte[] payload = "spans ".repeat(2000).getBytes(StandardCharsets.UTF_8);
    for (Compression c : List.of(Compression.GZIP, Compression.ZSTD, Compression.ZLIB, Compression.DEFLATE,
        Compression.SNAPPY, Compression.SNAPPY_FRAMED)) {
      byte[] compressed = Compressors.compress(c, payload);
      var resp = post(s, "/v1/traces", compressed, "Content-Encoding", c.encoding());
      assertThat(resp.statusCode()).as(c.encoding()).isEqualTo(200);
      assertThat(resp.body()).as(c.encoding()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
    }
    // raw deflate (RFC 1951) under "deflate" is accepted too
    var raw = new ByteArrayOutputStream();
    var deflater = new java.util.zip.Deflater(1, true);
    try (var out = new java.util.zip.DeflaterOutputStream(raw, deflater)) {
      out.write(payload);
    }
    assertThat(post(s, "/v1/traces", raw.toByteArray(), "Content-Encoding", "deflate").body())
        .isEqualTo(new String(payload, StandardCharsets.UTF_8));
  }

  @Test
  void unsupportedEncodingIs400ListingTheSupportedOnes() throws Exception {
    HttpServer s = echoServer(local().withCompressionAlgorithms(List.of("", "gzip", "zstd")));
    var resp = post(s, "/v1/traces", "x".getBytes(), "Content-Encoding", "br");
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.body()).isEqualTo("unsupported Content-Encoding: br (supported: gzip, zstd)");
    var snappy = post(s, "/v1/traces", Compressors.compress(Compression.SNAPPY, "x".getBytes()),
        "Content-Encoding", "snappy");
    assertThat(snappy.statusCode()).isEqualTo(400);
    assertThat(seen).isEmpty();
  }

  @Test
  void corruptCompressedBodyIs400() throws Exception {
    HttpServer s = echoServer(local());
    var resp = post(s, "/v1/traces", "definitely not gzip".getBytes(), "Content-Encoding", "gzip");
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.body()).startsWith("failed to decompress request body: invalid gzip data");
  }

  @Test
  void gzipBombIs413WithoutInflatingIt() throws Exception {
    HttpServer s = echoServer(local().withMaxRequestBodySize(ByteSize.ofMiB(1)));
    var compressed = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) { // 256 MiB of zeros
        gz.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan(1 << 20);

    var resp = post(s, "/v1/traces", compressed.toByteArray(), "Content-Encoding", "gzip");

    assertThat(resp.statusCode()).isEqualTo(413);
    assertThat(resp.body()).isEqualTo("request body too large: decompressed size exceeds 1048576 bytes");
    assertThat(seen).isEmpty();
  }

  @Test
  void contentLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
    HttpServer s = echoServer(local().withMaxRequestBodySize(ByteSize.ofBytes(1024)));
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n");
      RawHttp.Response resp = raw.read();
      assertThat(resp.status()).isEqualTo(413);
      assertThat(resp.body()).isEqualTo("request body too large: Content-Length 10485760 exceeds 1024 bytes");
      assertThat(resp.header("connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
    }
    // and through the JDK client, body included
    var resp = post(s, "/v1/traces", new byte[2048]);
    assertThat(resp.statusCode()).isEqualTo(413);
    assertThat(seen).isEmpty();
  }

  @Test
  void expectContinueOverTheLimitIs413WithoutContinue() throws Exception {
    HttpServer s = echoServer(local().withMaxRequestBodySize(ByteSize.ofBytes(1024)));
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4096\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(413);
    }
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(100);
      raw.send("ok");
      RawHttp.Response resp = raw.read();
      assertThat(resp.status()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo("ok");
    }
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    HttpServer s = echoServer(local().withMaxRequestBodySize(ByteSize.ofBytes(16 * 1024)));
    // ofInputStream has no known length: the JDK client sends it chunked
    var req = java.net.http.HttpRequest.newBuilder(uri(s, "/v1/traces"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64 * 1024]))).build();
    var resp = client.send(req, BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(413);
    assertThat(resp.body()).isEqualTo("request body too large: exceeds 16384 bytes");

    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      raw.send("4000\r\n" + "a".repeat(0x4000) + "\r\n");
      raw.send("1\r\nb\r\n");
      assertThat(raw.read().status()).isEqualTo(413);
      assertThat(raw.closedByServer()).isTrue();
    }
    // a chunked body within the limit is fine
    var small = java.net.http.HttpRequest.newBuilder(uri(s, "/v1/traces"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("chunked".getBytes()))).build();
    assertThat(client.send(small, BodyHandlers.ofString()).body()).isEqualTo("chunked");
    assertThat(seen).hasSize(1);
  }

  @Test
  void keepsConnectionsAliveAcrossRequests() throws Exception {
    HttpServer s = echoServer(local());
    for (int i = 0; i < 5; i++) {
      assertThat(post(s, "/v1/traces", ("r" + i).getBytes()).body()).isEqualTo("r" + i);
    }
    assertThat(seen).extracting(r -> r.remoteAddress().getPort()).containsOnly(seen.get(0).remoteAddress().getPort());
    assertThat(s.connectionCount()).isEqualTo(1);
  }

  @Test
  void closesWhenKeepAlivesAreOff() throws Exception {
    var cfg = local();
    cfg = new HttpServerConfig(cfg.endpoint(), null, null, cfg.maxRequestBodySize(), false, Map.of(),
        cfg.compressionAlgorithms(), cfg.readTimeout(), cfg.readHeaderTimeout(), cfg.writeTimeout(), cfg.idleTimeout(),
        false);
    HttpServer s = echoServer(cfg);
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na");
      RawHttp.Response resp = raw.read();
      assertThat(resp.status()).isEqualTo(200);
      assertThat(resp.header("connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void answersPipelinedRequestsInOrderOneAtATime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> entered = new CopyOnWriteArrayList<>();
    HttpServer s = start(local(),
        HttpRoute.post("/slow", req -> {
          entered.add("slow");
          release.await();
          return HttpResponse.text(200, "slow");
        }),
        HttpRoute.post("/fast", req -> {
          entered.add("fast");
          return HttpResponse.text(200, "fast");
        }));
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"
          + "POST /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nb");
      await().atMost(Duration.ofSeconds(5)).until(() -> entered.contains("slow"));
      assertThat(entered).containsExactly("slow"); // the second request waits for the first
      release.countDown();
      assertThat(raw.read().body()).isEqualTo("slow");
      assertThat(raw.read().body()).isEqualTo("fast");
    }
    assertThat(entered).containsExactly("slow", "fast");
  }

  @Test
  void includeMetadataPutsHeadersIntoTheContext() throws Exception {
    HttpServer s = echoServer(local().withIncludeMetadata(true));
    post(s, "/v1/traces", "x".getBytes(), "X-Tenant-ID", "acme", "Authorization", "Bearer t");
    Context ctx = seen.get(0).context();
    assertThat(ctx.transport()).isEqualTo("http");
    assertThat(ctx.metadata("x-tenant-id")).containsExactly("acme");
    assertThat(ctx.metadata("Authorization")).containsExactly("Bearer t");
    assertThat(ctx.metadata("content-length")).containsExactly("1");
  }

  @Test
  void handlersSetRetryAfterAndExceptionsMapToStatuses() throws Exception {
    HttpServer s = start(local(),
        HttpRoute.post("/busy", req -> HttpResponse.text(503, "busy").withRetryAfter(Duration.ofMillis(6500))),
        HttpRoute.post("/full", req -> {
          throw new RetryableException("queue is full", null, Duration.ofSeconds(3), true);
        }),
        HttpRoute.post("/down", req -> {
          throw new RetryableException("backend unavailable");
        }),
        HttpRoute.post("/bad", req -> {
          throw new PermanentException("field 3 is malformed");
        }),
        HttpRoute.post("/bug", req -> {
          throw new IllegalStateException("secret internal detail");
        }),
        HttpRoute.post("/null", req -> null));

    var busy = post(s, "/busy", new byte[0]);
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("retry-after")).hasValue("7");

    var full = post(s, "/full", new byte[0]);
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(full.headers().firstValue("retry-after")).hasValue("3");
    assertThat(full.body()).isEqualTo("queue is full");

    var down = post(s, "/down", new byte[0]);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("retry-after")).isEmpty();

    var bad = post(s, "/bad", new byte[0]);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("field 3 is malformed");

    var bug = post(s, "/bug", new byte[0]);
    assertThat(bug.statusCode()).isEqualTo(500);
    assertThat(bug.body()).isEqualTo("internal server error");

    assertThat(post(s, "/null", new byte[0]).statusCode()).isEqualTo(500);
  }

  @Test
  void addsConfiguredResponseHeadersHandlerHeadersWin() throws Exception {
    HttpServer s = start(local().withResponseHeaders(Map.of("X-Served-By", Secret.of("signalbox"),
            "X-Mode", Secret.of("config"))),
        HttpRoute.post("/x", req -> HttpResponse.empty(200).withHeader("X-Mode", "handler")));
    var resp = post(s, "/x", new byte[0]);
    assertThat(resp.headers().firstValue("x-served-by")).hasValue("signalbox");
    assertThat(resp.headers().allValues("x-mode")).containsExactly("handler");
  }

  @Test
  void answersCorsPreflightsAndDecoratesCrossOriginResponses() throws Exception {
    var cors = new CorsConfig(List.of("https://*.example.com", "http://localhost:3000"), List.of("X-Tenant-ID"),
        List.of("X-Trace"), 7200);
    HttpServer s = echoServer(local().withCors(cors));
    try (var raw = new RawHttp(s.port())) {
      raw.send("OPTIONS /v1/traces HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
          + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, x-tenant-id\r\n\r\n");
      RawHttp.Response pre = raw.read();
      assertThat(pre.status()).isEqualTo(204);
      assertThat(pre.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
      assertThat(pre.header("access-control-allow-methods")).isEqualTo("POST");
      assertThat(pre.header("access-control-allow-headers")).isEqualTo("content-type, x-tenant-id");
      assertThat(pre.header("access-control-allow-credentials")).isEqualTo("true");
      assertThat(pre.header("access-control-max-age")).isEqualTo("7200");

      raw.send("OPTIONS /v1/traces HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.com\r\n"
          + "Access-Control-Request-Method: POST\r\n\r\n");
      RawHttp.Response denied = raw.read();
      assertThat(denied.status()).isEqualTo(204);
      assertThat(denied.header("access-control-allow-origin")).isNull();

      raw.send("OPTIONS /v1/traces HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
          + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: x-other\r\n\r\n");
      assertThat(raw.read().header("access-control-allow-origin")).isNull();

      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nContent-Length: 2\r\n\r\nhi");
      RawHttp.Response actual = raw.read();
      assertThat(actual.status()).isEqualTo(200);
      assertThat(actual.header("access-control-allow-origin")).isEqualTo("http://localhost:3000");
      assertThat(actual.header("access-control-expose-headers")).isEqualTo("X-Trace");
      assertThat(actual.header("vary")).isEqualTo("Origin");
    }
    // without CORS, an OPTIONS request is just a method the route does not accept
    HttpServer plain = echoServer(local());
    try (var raw = new RawHttp(plain.port())) {
      raw.send("OPTIONS /v1/traces HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
          + "Access-Control-Request-Method: POST\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(405);
    }
  }

  @Test
  void malformedRequestsAre400AndOversizedHeaders431() throws Exception {
    HttpServer s = echoServer(local());
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(400);
      assertThat(raw.closedByServer()).isTrue();
    }
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
      assertThat(raw.read().status()).isEqualTo(431);
    }
  }

  @Test
  void closesIdleConnectionsAndTimesOutSlowBodies() throws Exception {
    HttpServer s = echoServer(local().withTimeouts(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO,
        Duration.ofMillis(200)));
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na");
      assertThat(raw.read().status()).isEqualTo(200);
      assertThat(raw.closedByServer()).isTrue(); // idle_timeout
    }
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
      RawHttp.Response resp = raw.read();
      assertThat(resp.status()).isEqualTo(408);
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void writeTimeoutClosesTheConnectionOfASlowHandler() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer s = start(local().withTimeouts(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(200),
        Duration.ofMinutes(1)), HttpRoute.post("/slow", req -> {
          release.await(10, TimeUnit.SECONDS);
          return HttpResponse.empty(200);
        }));
    try (var raw = new RawHttp(s.port())) {
      raw.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      assertThat(raw.closedByServer()).isTrue();
    } finally {
      release.countDown();
    }
  }

  @Test
  void toleratesTheJdkClientsH2cUpgradeAttempt() throws Exception {
    HttpServer s = echoServer(local());
    try (HttpClient h2 = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
      var resp = h2.send(java.net.http.HttpRequest.newBuilder(uri(s, "/v1/traces"))
          .POST(BodyPublishers.ofString("up")).build(), BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo("up");
      assertThat(resp.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  void shutdownIsIdempotentAndReleasesTheEventLoops() throws Exception {
    int before = EventLoops.openLeases();
    HttpServer s = HttpServer.start(local(), List.of(HttpRoute.post("/x", req -> HttpResponse.empty(200))));
    assertThat(EventLoops.openLeases()).isEqualTo(before + 1);
    assertThat(post(s, "/x", new byte[0]).statusCode()).isEqualTo(200);
    s.shutdown(Duration.ofSeconds(2));
    s.shutdown(Duration.ofSeconds(2));
    assertThat(EventLoops.openLeases()).isEqualTo(before);
    assertThatThrownBy(() -> post(s, "/x", new byte[0])).isInstanceOf(IOException.class);
  }

  @Test
  void reportsABusyPortAndInvalidConfig() throws Exception {
    HttpServer s = echoServer(local());
    assertThatThrownBy(() -> HttpServer.start(HttpServerConfig.defaults("127.0.0.1:" + s.port()), List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("listen tcp 127.0.0.1:" + s.port() + ": ");
    assertThatThrownBy(() -> HttpServer.start(HttpServerConfig.defaults("localhost"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint: invalid address \"localhost\": missing port");
  }
}
