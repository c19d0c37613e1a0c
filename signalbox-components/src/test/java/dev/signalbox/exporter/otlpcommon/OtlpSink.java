package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.component.Context;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.otlp.OtlpCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP backend for tests, on 127.0.0.1 and a free port: a gRPC server with the four
 * {@code Export} methods, or an HTTP server with the four paths (and any extra ones), that decodes
 * every request with our codecs, keeps it, and answers as scripted (by default: success).
 */
public final class OtlpSink implements AutoCloseable {

  /**
   * One request as the server got it.
   *
   * @param path the gRPC method or HTTP path
   * @param headers request headers or gRPC metadata, names lower-case
   * @param body the request body, decompressed
   * @param data the body decoded (wire-backed for protobuf)
   * @param nanoTime when it arrived
   */
  public record Received(Signal<?> signal, String path, Map<String, List<String>> headers, byte[] body,
      Telemetry data, long nanoTime) {
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  /** What to answer one request with. */
  public sealed interface Answer {
    /** Success, with this partial success in the response. */
    record Ok(PartialSuccess partialSuccess, OtlpCodec responseCodec) implements Answer {}

    /** Fail: the exception goes through the server's standard mapping (or an exact HTTP response). */
    record Fail(Exception error) implements Answer {}

    /** HTTP only: exactly this response. */
    record Raw(HttpResponse response) implements Answer {}

    static Answer ok() {
      return new Ok(PartialSuccess.NONE, null);
    }

    static Answer partial(long rejected, String message) {
      return new Ok(new PartialSuccess(rejected, message), null);
    }

    static Answer fail(Exception e) {
      return new Fail(e);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private final GrpcServer grpc;
  private final HttpServer http;
  private volatile Duration delay = Duration.ZERO;

  private OtlpSink(boolean useGrpc, Map<String, Signal<?>> extraPaths) throws IOException {
    if (useGrpc) {
      GrpcServer.Builder b = GrpcServer.builder(GrpcServerConfig.defaults("127.0.0.1:0").withIncludeMetadata(true));
      for (Signal<?> s : Signal.all()) {
        String method = OtlpRoutes.grpcMethod(s);
        b.addUnary(method, (ctx, req) -> handleGrpc(s, method, ctx, req));
      }
      grpc = b.start();
      http = null;
    } else {
      Map<String, Signal<?>> paths = new LinkedHashMap<>();
      Signal.all().forEach(s -> paths.put(OtlpRoutes.httpPath(s), s));
      paths.putAll(extraPaths);
      List<HttpRoute> routes = new ArrayList<>();
      paths.forEach((p, s) -> routes.add(HttpRoute.post(p, req -> handleHttp(s, req))));
      http = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0").withIncludeMetadata(true), routes);
      grpc = null;
    }
  }

  /** A gRPC sink. */
  public static OtlpSink grpc() throws IOException {
    return new OtlpSink(true, Map.of());
  }

  /** An HTTP sink serving the four OTLP paths and {@code extraPaths}. */
  public static OtlpSink http(Map<String, Signal<?>> extraPaths) throws IOException {
    return new OtlpSink(false, extraPaths);
  }

  public static OtlpSink http() throws IOException {
    return http(Map.of());
  }

  public int port() {
    return grpc != null ? grpc.port() : http.port();
  }

  /** {@code 127.0.0.1:port}. */
  public String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return "http://" + hostPort();
  }

  /** Answers the next requests with {@code answers}, in order; then success again. */
  public OtlpSink then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Makes every request take this long before it is answered. */
  public OtlpSink delay(Duration d) {
    this.delay = d;
    return this;
  }

  /** Requests accepted (answered with success), in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(Signal<?> signal) {
    return received.stream().filter(r -> r.signal() == signal).toList();
  }

  /** Items accepted so far, as the data's item counts say. */
  public int items() {
    return received.stream().mapToInt(r -> r.data().itemCount()).sum();
  }

  /** Arrival times (nanoTime) of every request, accepted or not. */
  public List<Long> attempts() {
    return List.copyOf(attempts);
  }

  private byte[] handleGrpc(Signal<?> signal, String method, Context ctx, byte[] req) throws Exception {
    attempts.add(System.nanoTime());
    pause();
    Answer a = next();
    switch (a) {
      case Answer.Fail f -> throw f.error();
      case Answer.Raw r -> throw new IllegalStateException("raw HTTP answers are for the HTTP sink");
      case Answer.Ok ok -> {
        Telemetry data = OtlpProtoCodec.INSTANCE.decode(signal, req, 0, req.length);
        received.add(new Received(signal, method, ctx.metadata(), req, data, System.nanoTime()));
        return OtlpProtoCodec.INSTANCE.encodeResponse(ok.partialSuccess());
      }
    }
  }

  private HttpResponse handleHttp(Signal<?> signal, dev.signalbox.sdk.http.HttpRequest req) throws Exception {
    attempts.add(System.nanoTime());
    pause();
    Answer a = next();
    OtlpCodec codec = OtlpCodec.forContentType(req.header("content-type")).orElseThrow(
        () -> new dev.signalbox.component.PermanentException("unsupported content type " + req.header("content-type")));
    switch (a) {
      case Answer.Fail f -> throw f.error();
      case Answer.Raw r -> {
        return r.response();
      }
      case Answer.Ok ok -> {
        Telemetry data = codec.decode(signal, req.body(), 0, req.body().length);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        received.add(new Received(signal, req.path(), headers, req.body(), data, System.nanoTime()));
        OtlpCodec rc = ok.responseCodec() != null ? ok.responseCodec() : codec;
        return HttpResponse.ok(rc.contentType(), rc.encodeResponse(signal, ok.partialSuccess()));
      }
    }
  }

  private Answer next() {
    Answer a = script.poll();
    return a == null ? Answer.ok() : a;
  }

  private void pause() throws InterruptedException {
    Duration d = delay;
    if (d.isPositive()) {
      Thread.sleep(d);
    }
  }

  @Override
  public void close() {
    if (grpc != null) {
      grpc.shutdown(Duration.ofSeconds(2));
    }
    if (http != null) {
      http.shutdown(Duration.ofSeconds(2));
    }
  }
}
