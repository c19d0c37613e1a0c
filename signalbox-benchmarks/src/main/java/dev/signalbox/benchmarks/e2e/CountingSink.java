package dev.signalbox.benchmarks.e2e;

import dev.signalbox.config.ByteSize;
import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.grpc.GrpcStatusException;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The receiving end of a benchmark: an OTLP/gRPC and an OTLP/HTTP (protobuf) server on 127.0.0.1
 * with free ports that count what arrives, per signal, with our codec's structural scan
 * ({@link OtlpProtoCodec#validate}: checks and counts, builds nothing), then answer an empty
 * {@code Export*ServiceResponse}. gzip/zstd/snappy requests are decompressed by the servers.
 * Malformed requests are refused (INVALID_ARGUMENT / 400) and counted. It runs in the harness JVM,
 * whose CPU is not the one measured.
 */
public final class CountingSink implements AutoCloseable {
  private static final List<Signal<?>> SIGNALS = List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
  private static final byte[] EMPTY = new byte[0];

  private final Map<Signal<?>, LongAdder> items = Map.of(Signal.TRACES, new LongAdder(), Signal.METRICS,
      new LongAdder(), Signal.LOGS, new LongAdder());
  private final Map<Signal<?>, LongAdder> requests = Map.of(Signal.TRACES, new LongAdder(), Signal.METRICS,
      new LongAdder(), Signal.LOGS, new LongAdder());
  private final LongAdder bytes = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private GrpcServer grpc;
  private HttpServer http;

  private CountingSink() {}

  /**
   * Runs a sink on its own, for measuring by hand: {@code java -cp signalbox-benchmarks.jar
   * dev.signalbox.benchmarks.e2e.CountingSink [grpcPort] [httpPort]} (0 or absent: free ports);
   * prints the endpoints, then the items received every 5 seconds.
   */
  public static void main(String[] args) throws Exception {
    int grpcPort = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    try (CountingSink s = start(grpcPort, httpPort)) {
      System.out.println("sink: gRPC " + s.grpcEndpoint() + ", HTTP " + s.httpEndpoint());
      long last = 0;
      while (true) {
        Thread.sleep(5000);
        long now = 0;
        for (Signal<?> signal : SIGNALS) {
          now += s.received(signal);
        }
        System.out.printf(java.util.Locale.ROOT, "sink: %,d items (%,.0f/s), %d malformed%n", now, (now - last) / 5.0,
            s.malformed());
        last = now;
      }
    }
  }

  /** Starts both servers on free loopback ports. */
  public static CountingSink start() throws IOException {
    return start(0, 0);
  }

  /** Starts both servers on these loopback ports (0: a free one). */
  public static CountingSink start(int grpcPort, int httpPort) throws IOException {
    CountingSink s = new CountingSink();
    try {
      GrpcServer.Builder b = GrpcServer.builder(
          GrpcServerConfig.defaults("127.0.0.1:" + grpcPort).withMaxRecvMsgSizeMib(256));
      for (Signal<?> signal : SIGNALS) {
        b.addUnary(OtlpRoutes.grpcMethod(signal), (ctx, req) -> {
          try {
            s.count(signal, req);
          } catch (MalformedDataException e) {
            throw new GrpcStatusException(Status.Code.INVALID_ARGUMENT, e.getMessage());
          }
          return EMPTY;
        });
      }
      s.grpc = b.start();
      List<HttpRoute> routes = new ArrayList<>();
      for (Signal<?> signal : SIGNALS) {
        routes.add(HttpRoute.post(OtlpRoutes.httpPath(signal), req -> {
          try {
            s.count(signal, req.body());
          } catch (MalformedDataException e) {
            return HttpResponse.text(400, e.getMessage());
          }
          return HttpResponse.ok(OtlpProtoCodec.CONTENT_TYPE, EMPTY);
        }));
      }
      s.http = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:" + httpPort).withMaxRequestBodySize(ByteSize.ofMiB(256)),
          routes);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void count(Signal<?> signal, byte[] body) throws MalformedDataException {
    int n;
    try {
      n = OtlpProtoCodec.INSTANCE.validate(signal, body, 0, body.length);
    } catch (MalformedDataException e) {
      malformed.increment();
      throw e;
    }
    items.get(signal).add(n);
    requests.get(signal).increment();
    bytes.add(body.length);
  }

  /** {@code 127.0.0.1:port} of the gRPC server. */
  public String grpcEndpoint() {
    return "127.0.0.1:" + grpc.port();
  }

  /** {@code http://127.0.0.1:port} of the HTTP server (the otlphttp exporter appends /v1/...). */
  public String httpEndpoint() {
    return "http://127.0.0.1:" + http.port();
  }

  /** Items of {@code signal} received so far. */
  public long received(Signal<?> signal) {
    return items.get(signal).sum();
  }

  /** Requests of {@code signal} received so far. */
  public long requests(Signal<?> signal) {
    return requests.get(signal).sum();
  }

  /** Request bytes received so far (after decompression), all signals. */
  public long bytes() {
    return bytes.sum();
  }

  /** Requests refused as malformed. */
  public long malformed() {
    return malformed.sum();
  }

  /**
   * Waits until {@code signal}'s count reaches {@code expected}, or stops changing for
   * {@code quiet}, or {@code max} passes; returns the count then.
   */
  public long awaitReceived(Signal<?> signal, long expected, Duration quiet, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    long last = received(signal);
    long lastChange = System.nanoTime();
    while (true) {
      long now = received(signal);
      if (now >= expected) {
        return now;
      }
      long t = System.nanoTime();
      if (now != last) {
        last = now;
        lastChange = t;
      } else if (t - lastChange > quiet.toNanos() || t - end > 0) {
        return now;
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    if (http != null) {
      http.shutdown(Duration.ofSeconds(2));
    }
    if (grpc != null) {
      grpc.shutdown(Duration.ofSeconds(2));
    }
  }
}
