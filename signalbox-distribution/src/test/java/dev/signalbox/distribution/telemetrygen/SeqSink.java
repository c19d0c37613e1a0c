package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A sink for telemetrygen: our gRPC or HTTP server decoding each request with our codec and
 * keeping every item's {@code seq}, every request's headers, and answering as scripted.
 */
final class SeqSink implements AutoCloseable {
  private final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
  private final List<Telemetry> batches = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final Deque<Supplier<Exception>> refusals = new ConcurrentLinkedDeque<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile PartialSuccess answer = PartialSuccess.NONE;
  private volatile Supplier<Exception> always;
  private final GrpcServer grpc;
  private final HttpServer http;

  private SeqSink(boolean useGrpc) throws IOException {
    if (useGrpc) {
      GrpcServer.Builder b = GrpcServer.builder(GrpcServerConfig.defaults("127.0.0.1:0").withIncludeMetadata(true));
      for (Signal<?> s : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
        b.addUnary(OtlpRoutes.grpcMethod(s), (ctx, req) -> {
          handle(s, req, ctx.metadata());
          return OtlpProtoCodec.INSTANCE.encodeResponse(answer);
        });
      }
      grpc = b.start();
      http = null;
    } else {
      List<HttpRoute> routes = new ArrayList<>();
      for (Signal<?> s : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
        routes.add(HttpRoute.post(OtlpRoutes.httpPath(s), req -> {
          handle(s, req.body(), req.headers());
          return HttpResponse.ok(OtlpProtoCodec.CONTENT_TYPE, OtlpProtoCodec.INSTANCE.encodeResponse(answer));
        }));
      }
      http = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0"), routes);
      grpc = null;
    }
  }

  static SeqSink grpc() throws IOException {
    return new SeqSink(true);
  }

  static SeqSink http() throws IOException {
    return new SeqSink(false);
  }

  static SeqSink of(boolean http) throws IOException {
    return http ? http() : grpc();
  }

  String endpoint() {
    return "127.0.0.1:" + (grpc != null ? grpc.port() : http.port());
  }

  /** Refuse the next requests with these exceptions, one each. */
  SeqSink refuseNext(int times, Supplier<Exception> error) {
    for (int i = 0; i < times; i++) {
      refusals.add(error);
    }
    return this;
  }

  /** Refuse every request with this exception (null: accept again). */
  SeqSink refuseAll(Supplier<Exception> error) {
    always = error;
    return this;
  }

  /** Answer every accepted request with this partial success. */
  SeqSink answer(PartialSuccess ps) {
    answer = ps;
    return this;
  }

  List<Long> seqs() {
    synchronized (seqs) {
      return new ArrayList<>(seqs);
    }
  }

  List<Long> sortedSeqs() {
    List<Long> l = seqs();
    Collections.sort(l);
    return l;
  }

  List<Telemetry> batches() {
    return List.copyOf(batches);
  }

  List<Map<String, List<String>>> headers() {
    return List.copyOf(headers);
  }

  int attempts() {
    return attempts.get();
  }

  private void handle(Signal<?> signal, byte[] req, Map<String, List<String>> h) throws Exception {
    attempts.incrementAndGet();
    Supplier<Exception> a = always;
    if (a != null) {
      throw a.get();
    }
    Supplier<Exception> r = refusals.poll();
    if (r != null) {
      throw r.get();
    }
    Telemetry t = OtlpProtoCodec.INSTANCE.decodeEager(signal, req, 0, req.length);
    batches.add(t);
    headers.add(h);
    List<Long> found = new ArrayList<>();
    switch (t) {
      case Traces tr -> tr.resourceSpans().forEach(rs -> rs.scopeSpans().forEach(ss -> ss.spans().forEach(
          sp -> found.add(seq(sp.attributes())))));
      case Logs l -> l.resourceLogs().forEach(rl -> rl.scopeLogs().forEach(sl -> sl.logRecords().forEach(
          lr -> found.add(seq(lr.attributes())))));
      case Metrics m -> m.resourceMetrics().forEach(rm -> rm.scopeMetrics().forEach(sm -> {
        for (Metric metric : sm.metrics()) {
          switch (metric.type()) {
            case SUM -> metric.sum().dataPoints().forEach(p -> found.add(seq(p.attributes())));
            case GAUGE -> metric.gauge().dataPoints().forEach(p -> found.add(seq(p.attributes())));
            default -> throw new AssertionError("unexpected metric type " + metric.type());
          }
        }
      }));
      default -> throw new AssertionError(t);
    }
    seqs.addAll(found);
  }

  private static long seq(Attributes a) {
    return ((AnyValue.IntValue) a.get("seq")).value();
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
