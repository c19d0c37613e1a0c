package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.component.PermanentException;
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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A sink for telemetrygen and the reliability tests: our gRPC or HTTP server decoding each request
 * with our codec and keeping every item's {@code seq}, every request's headers, and answering as
 * scripted. It can be taken {@link #down()} (not listening: connections are refused) and brought
 * {@link #up()} again on the same port, made {@link #slow} (a delay per request) or
 * {@link #permanent} (400 / INVALID_ARGUMENT). Items of refused requests are recorded in
 * {@link #attemptedSeqs()}, so a test sees how often a backend was offered each item.
 */
public final class SeqSink implements AutoCloseable {
  private final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> attempted = Collections.synchronizedList(new ArrayList<>());
  private final List<Telemetry> batches = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final Deque<Supplier<Exception>> refusals = new ConcurrentLinkedDeque<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile PartialSuccess answer = PartialSuccess.NONE;
  private volatile Supplier<Exception> always;
  private volatile long delayNanos;
  private volatile boolean keepBatches = true;
  private final boolean useGrpc;
  private final int port;
  private GrpcServer grpc;
  private HttpServer http;

  private SeqSink(boolean useGrpc, int port) throws IOException {
    this.useGrpc = useGrpc;
    if (port == 0) {
      listen(0);
      this.port = useGrpc ? grpc.port() : http.port();
    } else {
      this.port = port;
      listen(port);
    }
  }

  private void listen(int p) throws IOException {
    String address = "127.0.0.1:" + p;
    if (useGrpc) {
      GrpcServer.Builder b = GrpcServer.builder(GrpcServerConfig.defaults(address).withIncludeMetadata(true));
      for (Signal<?> s : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
        b.addUnary(OtlpRoutes.grpcMethod(s), (ctx, req) -> {
          handle(s, req, ctx.metadata());
          return OtlpProtoCodec.INSTANCE.encodeResponse(answer);
        });
      }
      grpc = b.start();
    } else {
      List<HttpRoute> routes = new ArrayList<>();
      for (Signal<?> s : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
        routes.add(HttpRoute.post(OtlpRoutes.httpPath(s), req -> {
          handle(s, req.body(), req.headers());
          return HttpResponse.ok(OtlpProtoCodec.CONTENT_TYPE, OtlpProtoCodec.INSTANCE.encodeResponse(answer));
        }));
      }
      http = HttpServer.start(HttpServerConfig.defaults(address), routes);
    }
  }

  public static SeqSink grpc() throws IOException {
    return new SeqSink(true, 0);
  }

  public static SeqSink http() throws IOException {
    return new SeqSink(false, 0);
  }

  public static SeqSink of(boolean http) throws IOException {
    return http ? http() : grpc();
  }

  /** A gRPC sink on {@code port} (0: a free one). */
  public static SeqSink grpc(int port) throws IOException {
    return new SeqSink(true, port);
  }

  public String endpoint() {
    return "127.0.0.1:" + port;
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized SeqSink down() {
    stopServers();
    return this;
  }

  /** Listens again on the same port. */
  public synchronized SeqSink up() throws IOException {
    if (grpc == null && http == null) {
      listen(port);
    }
    return this;
  }

  /** Answers each request only after {@code delay} (zero: at once). */
  public SeqSink slow(Duration delay) {
    delayNanos = delay.toNanos();
    return this;
  }

  /** Refuses every request permanently (400 / INVALID_ARGUMENT); false: accept again. */
  public SeqSink permanent(boolean on) {
    return refuseAll(on ? () -> new PermanentException("the sink refuses this permanently") : null);
  }

  /** Whether to keep each decoded batch for {@link #batches()} (default true; false for long runs). */
  public SeqSink keepBatches(boolean keep) {
    keepBatches = keep;
    return this;
  }

  /** Refuse the next requests with these exceptions, one each. */
  public SeqSink refuseNext(int times, Supplier<Exception> error) {
    for (int i = 0; i < times; i++) {
      refusals.add(error);
    }
    return this;
  }

  /** Refuse every request with this exception (null: accept again). */
  public SeqSink refuseAll(Supplier<Exception> error) {
    always = error;
    return this;
  }

  /** Answer every accepted request with this partial success. */
  public SeqSink answer(PartialSuccess ps) {
    answer = ps;
    return this;
  }

  /** The seq of every item accepted, in arrival order. */
  public List<Long> seqs() {
    synchronized (seqs) {
      return new ArrayList<>(seqs);
    }
  }

  public List<Long> sortedSeqs() {
    List<Long> l = seqs();
    Collections.sort(l);
    return l;
  }

  public List<Telemetry> batches() {
    return List.copyOf(batches);
  }

  /** The seq of every item offered, refused requests included. */
  public List<Long> attemptedSeqs() {
    synchronized (attempted) {
      return new ArrayList<>(attempted);
    }
  }

  /** Items accepted so far. */
  public int received() {
    return seqs.size();
  }

  public List<Map<String, List<String>>> headers() {
    return List.copyOf(headers);
  }

  public int attempts() {
    return attempts.get();
  }

  private void handle(Signal<?> signal, byte[] req, Map<String, List<String>> h) throws Exception {
    attempts.incrementAndGet();
    long delay = delayNanos;
    if (delay > 0) {
      LockSupport.parkNanos(delay); // the backend's latency, on the handler's virtual thread
    }
    Telemetry t = OtlpProtoCodec.INSTANCE.decodeEager(signal, req, 0, req.length);
    List<Long> found = seqsOf(t);
    attempted.addAll(found);
    Supplier<Exception> a = always;
    if (a != null) {
      throw a.get();
    }
    Supplier<Exception> r = refusals.poll();
    if (r != null) {
      throw r.get();
    }
    if (keepBatches) {
      batches.add(t);
      headers.add(h);
    }
    seqs.addAll(found);
  }

  /** The seq attribute of every item of {@code t}, in order. */
  public static List<Long> seqsOf(Telemetry t) {
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
    return found;
  }

  private static long seq(Attributes a) {
    return ((AnyValue.IntValue) a.get("seq")).value();
  }

  @Override
  public synchronized void close() {
    stopServers();
  }

  private void stopServers() {
    if (grpc != null) {
      grpc.shutdown(Duration.ofSeconds(2));
      grpc = null;
    }
    if (http != null) {
      http.shutdown(Duration.ofSeconds(2));
      http = null;
    }
  }
}
