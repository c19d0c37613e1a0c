package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A no-op OTLP sink for measuring telemetrygen by hand: accepts every request after the codec's
 * structural scan (which counts items) and prints items/s every second. Not a test.
 *
 * <pre>{@code
 * java -cp <test classpath> dev.signalbox.distribution.telemetrygen.NoopSink grpc 127.0.0.1:14317
 * }</pre>
 */
public final class NoopSink {
  private NoopSink() {}

  public static void main(String[] args) throws Exception {
    boolean http = args.length > 0 && args[0].equals("http");
    String endpoint = args.length > 1 ? args[1] : (http ? "127.0.0.1:14318" : "127.0.0.1:14317");
    LongAdder items = new LongAdder();
    byte[] ok = new byte[0];
    if (http) {
      List<HttpRoute> routes = new ArrayList<>();
      for (Signal<?> s : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
        routes.add(HttpRoute.post(OtlpRoutes.httpPath(s), req -> {
          items.add(OtlpProtoCodec.INSTANCE.validate(s, req.body(), 0, req.body().length));
          return HttpResponse.ok(OtlpProtoCodec.CONTENT_TYPE, ok);
        }));
      }
      HttpServer.start(HttpServerConfig.defaults(endpoint), routes);
    } else {
      GrpcServer.Builder b = GrpcServer.builder(GrpcServerConfig.defaults(endpoint).withMaxRecvMsgSizeMib(64));
      for (Signal<?> s : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
        b.addUnary(OtlpRoutes.grpcMethod(s), (ctx, req) -> {
          items.add(OtlpProtoCodec.INSTANCE.validate(s, req, 0, req.length));
          return ok;
        });
      }
      b.start();
    }
    System.out.println("noop sink (" + (http ? "http" : "grpc") + ") on " + endpoint);
    long last = 0;
    while (true) {
      Thread.sleep(1000);
      long now = items.sum();
      if (now != last) {
        System.out.println("items/s " + (now - last) + " total " + now);
      }
      last = now;
    }
  }
}
