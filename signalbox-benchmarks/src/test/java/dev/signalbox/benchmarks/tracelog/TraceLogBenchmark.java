package dev.signalbox.benchmarks.tracelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.ProcessStats;
import dev.signalbox.testing.SignalboxProcess;
import dev.signalbox.testing.TestData;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

/**
 * CPU cost of the trace and log backends, as spans or log records per CPU-second of a Signalbox
 * child process (user + system time from /proc, {@link ProcessStats}); reported, not asserted.
 * <ul>
 *   <li>{@code zipkinToOtlp}: Zipkin v2 JSON (500 spans a request, 4 client threads) into the
 *       zipkin receiver, translated to OTLP and sent by the otlp exporter (gRPC) to a sink in
 *       this JVM.
 *   <li>{@code logsToElasticsearch}: OTLP/gRPC log requests (1,000 records each) into the otlp
 *       receiver, encoded as documents ({@code mapping.mode: none}) by the elasticsearch exporter
 *       and sent as {@code _bulk} requests to a sink in this JVM that answers every item 201 (a
 *       real node would measure OpenSearch, which shares the two cores).
 * </ul>
 * Not run by {@code bin/test} (the name matches neither *Test nor *IT); run with
 * {@code mvn -o -pl signalbox-benchmarks -am test -Dtest=TraceLogBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read {@code signalbox-benchmarks/target/surefire-reports/dev.signalbox.benchmarks.tracelog.TraceLogBenchmark-output.txt}.
 */
@Tag("benchmark")
class TraceLogBenchmark {
  private static final int SENDERS = 4;
  private static final List<String> JVM = jvm();
  private static final String EXPORT_TRACES = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  private static final String EXPORT_LOGS = "opentelemetry.proto.collector.logs.v1.LogsService/Export";

  @Test
  void zipkinToOtlp() throws Exception {
    int spansPerRequest = Integer.getInteger("bench.spansPerRequest", 500);
    int requests = Integer.getInteger("bench.requests", 1000);
    int warmup = Integer.getInteger("bench.warmupRequests", 300);
    AtomicLong received = new AtomicLong();
    GrpcServer sink = GrpcServer.builder(GrpcServerConfig.defaults("127.0.0.1:0"))
        .addUnary(EXPORT_TRACES, (ctx, req) -> {
          Traces t = OtlpProtoCodec.INSTANCE.decode(Signal.TRACES, req, 0, req.length);
          received.addAndGet(t.itemCount());
          return OtlpProtoCodec.INSTANCE.encodeResponse(Signal.TRACES, PartialSuccess.NONE);
        }).start();
    int port = Ports.free();
    String yaml = """
        receivers:
          zipkin:
            endpoint: 127.0.0.1:%d
        exporters:
          otlp:
            endpoint: http://127.0.0.1:%d
            compression: none
        service:
          pipelines:
            traces:
              receivers: [zipkin]
              exporters: [otlp]
        """.formatted(port, sink.port());
    byte[][] bodies = new byte[32][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = zipkinJson(i, spansPerRequest);
    }
    Path dir = Files.createTempDirectory("tracelog-bench");
    try (SignalboxProcess sb = SignalboxProcess.start(dir, yaml, JVM)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri = URI.create("http://127.0.0.1:" + port + "/api/v2/spans");
      parallel(warmup, i -> post(http, uri, "application/json", bodies[i % bodies.length]));
      await(received, (long) warmup * spansPerRequest);

      ProcessStats s0 = ProcessStats.of(sb.pid());
      long t0 = System.nanoTime();
      parallel(requests, i -> post(http, uri, "application/json", bodies[i % bodies.length]));
      await(received, (long) (warmup + requests) * spansPerRequest);
      double wall = (System.nanoTime() - t0) / 1e9;
      ProcessStats s1 = ProcessStats.of(sb.pid());
      long spans = (long) requests * spansPerRequest;
      double cpu = s1.cpuSince(s0);
      System.out.printf("zipkin receiver -> otlp exporter: %d spans (%d requests x %d spans, %d bytes of JSON each) "
          + "in %.1f s wall = %.0f spans/s; %.2f CPU-s = %.0f spans per CPU-second; peak RSS %d MiB%n",
          spans, requests, spansPerRequest, bodies[0].length, wall, spans / wall, cpu, spans / cpu,
          s1.peakRssBytes() >> 20);
      sb.stop();
    } finally {
      sink.close();
    }
  }

  @Test
  void logsToElasticsearch() throws Exception {
    int recordsPerRequest = Integer.getInteger("bench.recordsPerRequest", 1000);
    int requests = Integer.getInteger("bench.requests", 500);
    int warmup = Integer.getInteger("bench.warmupRequests", 150);
    AtomicLong indexed = new AtomicLong();
    HttpServer bulk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    bulk.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    bulk.createContext("/_bulk", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      int lines = 0;
      for (byte b : body) {
        if (b == '\n') {
          lines++;
        }
      }
      int docs = lines / 2;
      StringBuilder sb = new StringBuilder(32 + docs * 28).append("{\"errors\":false,\"items\":[");
      for (int i = 0; i < docs; i++) {
        sb.append(i == 0 ? "" : ",").append("{\"create\":{\"status\":201}}");
      }
      byte[] answer = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
      indexed.addAndGet(docs);
    });
    bulk.start();
    int port = Ports.free();
    String yaml = """
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:%d
        exporters:
          elasticsearch:
            endpoints: [http://127.0.0.1:%d]
            logs_index: bench-logs
        service:
          pipelines:
            logs:
              receivers: [otlp]
              exporters: [elasticsearch]
        """.formatted(port, bulk.getAddress().getPort());
    byte[][] bodies = new byte[32][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = OtlpProtoCodec.INSTANCE.encode(TestData.logs((long) i * recordsPerRequest, recordsPerRequest));
    }
    Path dir = Files.createTempDirectory("tracelog-bench");
    try (SignalboxProcess sb = SignalboxProcess.start(dir, yaml, JVM);
        GrpcClient client = GrpcClient.create(GrpcClientConfig.defaults("http://127.0.0.1:" + port))) {
      parallel(warmup, i -> call(client, EXPORT_LOGS, bodies[i % bodies.length]));
      await(indexed, (long) warmup * recordsPerRequest);

      ProcessStats s0 = ProcessStats.of(sb.pid());
      long t0 = System.nanoTime();
      parallel(requests, i -> call(client, EXPORT_LOGS, bodies[i % bodies.length]));
      await(indexed, (long) (warmup + requests) * recordsPerRequest);
      double wall = (System.nanoTime() - t0) / 1e9;
      ProcessStats s1 = ProcessStats.of(sb.pid());
      long records = (long) requests * recordsPerRequest;
      double cpu = s1.cpuSince(s0);
      System.out.printf("otlp receiver -> elasticsearch exporter (mapping none): %d log records (%d requests x %d, "
          + "%d bytes of OTLP each) in %.1f s wall = %.0f records/s; %.2f CPU-s = %.0f log records per CPU-second; "
          + "peak RSS %d MiB%n", records, requests, recordsPerRequest, bodies[0].length, wall, records / wall, cpu,
          records / cpu, s1.peakRssBytes() >> 20);
      assertThat(indexed.get()).isEqualTo((long) (warmup + requests) * recordsPerRequest);
      sb.stop();
    } finally {
      bulk.stop(0);
    }
  }

  /** The Signalbox process's JVM options, plus {@code -Dbench.jvmOptions=...} (space-separated; e.g. JFR). */
  private static List<String> jvm() {
    List<String> out = new ArrayList<>(List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"));
    String extra = System.getProperty("bench.jvmOptions", "").strip();
    if (!extra.isEmpty()) {
      out.addAll(List.of(extra.split("\\s+")));
    }
    return out;
  }

  /** {@code n} spans in one trace per request as Brave would report them: server spans with tags. */
  static byte[] zipkinJson(int request, int n) {
    List<zipkin2.Span> spans = new ArrayList<>(n);
    Endpoint local = Endpoint.newBuilder().serviceName("bench-svc").ip("10.0.0.1").port(8080).build();
    for (int i = 0; i < n; i++) {
      spans.add(zipkin2.Span.newBuilder().traceId(0x0102030405060708L, request + 1L).id(i + 1L)
          .parentId(i == 0 ? 0 : 1).name("get /api/item").kind(zipkin2.Span.Kind.SERVER)
          .timestamp(1_700_000_000_000_000L + i).duration(1500).localEndpoint(local)
          .putTag("http.method", "GET").putTag("http.path", "/api/item/" + i).build());
    }
    return SpanBytesEncoder.JSON_V2.encodeList(spans);
  }

  private interface Send {
    void send(int i) throws Exception;
  }

  private static void parallel(int count, Send send) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      threads.add(Thread.ofPlatform().start(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          try {
            send.send(i);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private static void post(HttpClient http, URI uri, String contentType, byte[] body) throws Exception {
    while (true) {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 202) {
        return;
      }
      if (r.statusCode() != 429 && r.statusCode() != 503) {
        throw new IllegalStateException("zipkin receiver answered " + r.statusCode());
      }
      Thread.onSpinWait();
    }
  }

  private static void call(GrpcClient client, String method, byte[] body) {
    while (true) {
      try {
        client.call(method, body, Duration.ofSeconds(60));
        return;
      } catch (ConsumeException e) {
        Thread.onSpinWait();
      }
    }
  }

  private static void await(AtomicLong counter, long value) {
    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> counter.get() >= value);
  }
}
