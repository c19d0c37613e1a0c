package dev.signalbox.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.ByteSize;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.grpc.RpcStatus;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import dev.signalbox.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpReceiverTest {
  static final String TRACE_METHOD = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  static final String LOGS_METHOD = "opentelemetry.proto.collector.logs.v1.LogsService/Export";

  final MetricRegistry metrics = new MetricRegistry();
  final SinkConsumer<Traces> traces = new SinkConsumer<>();
  final SinkConsumer<Metrics> metricSink = new SinkConsumer<>();
  final HttpClient http = HttpClient.newHttpClient();
  OtlpReceiver receiver;
  GrpcClient grpc;

  @BeforeEach
  void start() throws Exception {
    var d = OtlpReceiverConfig.defaults();
    var cfg = new OtlpReceiverConfig(new OtlpReceiverConfig.Protocols(
        GrpcServerConfig.defaults("127.0.0.1:0").withIncludeMetadata(true),
        new OtlpReceiverConfig.Http(HttpServerConfig.defaults("127.0.0.1:0")
            .withMaxRequestBodySize(ByteSize.ofBytes(64 * 1024)).withIncludeMetadata(true),
            "/v1/traces", "v1/metrics", "/v1/logs", "/v1development/profiles")));
    ComponentSettings s = new ComponentSettings(ComponentId.of("otlp"), Kind.RECEIVER, "",
        metrics.meter().withLabels("receiver", "otlp"), StatusReporter.NOOP, dev.signalbox.component.BuildInfo.DEFAULT);
    receiver = (OtlpReceiver) new OtlpReceiverFactory().create(s, cfg,
        Consumers.builder().put(Signal.TRACES, traces).put(Signal.METRICS, metricSink).build());
    receiver.start(null);
    grpc = GrpcClient.create(GrpcClientConfig.defaults("http://127.0.0.1:" + receiver.grpcPort()));
  }

  @AfterEach
  void stop() {
    MemoryPressure.set(false, Duration.ofSeconds(1));
    grpc.shutdown(Duration.ofSeconds(2));
    receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.httpPort() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  double refused(String transport, String reason) {
    return metrics.value("otelcol_receiver_refused_requests", "receiver", "otlp", "transport", transport,
        "reason", reason);
  }

  @Test
  void grpcRequestArrivesWireBackedWithItsMetadata() throws Exception {
    Traces sent = TestData.traces("svc", 0, 5);
    byte[] req = OtlpProtoCodec.INSTANCE.encode(sent);
    byte[] resp = grpc.call(TRACE_METHOD, req, Duration.ofSeconds(5));
    assertThat(OtlpProtoCodec.INSTANCE.decodeResponse(Signal.TRACES, resp, 0, resp.length).isNone()).isTrue();
    Traces got = traces.batches().get(0);
    assertThat(got.isWireBacked()).isTrue();
    assertThat(OtlpProtoCodec.INSTANCE.encode(got)).isEqualTo(req);
    assertThat(got).isEqualTo(sent);
    assertThat(traces.received().get(0).context().transport()).isEqualTo("grpc");
  }

  @Test
  void grpcMalformedRequestIsInvalidArgumentWithWhereAndWhat() throws Exception {
    byte[] req = OtlpProtoCodec.INSTANCE.encode(TestData.traces(3));
    byte[] truncated = Arrays.copyOf(req, req.length - 7);
    assertThatThrownBy(() -> grpc.call(TRACE_METHOD, truncated, Duration.ofSeconds(5)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("invalid OTLP traces request: ")
        .hasMessageContaining("resource_spans[0]");
    assertThat(traces.calls()).isZero();
    assertThat(refused("grpc", "malformed")).isEqualTo(1);
    // still serving
    grpc.call(TRACE_METHOD, req, Duration.ofSeconds(5));
    assertThat(traces.itemCount()).isEqualTo(3);
  }

  @Test
  void grpcRetryableRefusalCarriesRetryInfo() throws Exception {
    traces.refuseWith(new RetryableException("queue is full", null, Duration.ofSeconds(7), true));
    assertThatThrownBy(() -> grpc.call(TRACE_METHOD, OtlpProtoCodec.INSTANCE.encode(TestData.traces(1)),
        Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(RetryableException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
          assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED").contains("queue is full");
        });
  }

  @Test
  void grpcSignalWithoutPipelineIsUnimplemented() {
    assertThatThrownBy(() -> grpc.call(LOGS_METHOD, OtlpProtoCodec.INSTANCE.encode(TestData.logs(0, 1)),
        Duration.ofSeconds(5))).isInstanceOf(PermanentException.class).hasMessageContaining("UNIMPLEMENTED");
  }

  @Test
  void httpProtobufAndJsonAreAcceptedAndAnsweredInKind() throws Exception {
    Traces sent = TestData.traces("svc", 10, 3);
    HttpResponse<byte[]> r = post("/v1/traces", "application/x-protobuf", OtlpProtoCodec.INSTANCE.encode(sent),
        "X-Tenant", "acme");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    HttpResponse<byte[]> j = post("/v1/traces", "application/json; charset=utf-8", OtlpJsonCodec.INSTANCE.encode(sent));
    assertThat(j.statusCode()).isEqualTo(200);
    assertThat(new String(j.body())).isEqualTo("{}");
    assertThat(traces.batches()).containsExactly(sent, sent);
    assertThat(traces.received().get(0).context().metadata("x-tenant")).containsExactly("acme");
    HttpResponse<byte[]> m = post("/v1/metrics", "application/json", OtlpJsonCodec.INSTANCE.encode(TestData.metrics(0, 4)));
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(metricSink.itemCount()).isEqualTo(4);
  }

  @Test
  void httpGzipBodyIsDecompressed() throws Exception {
    Traces sent = TestData.traces(20);
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
      gz.write(OtlpProtoCodec.INSTANCE.encode(sent));
    }
    assertThat(post("/v1/traces", "application/x-protobuf", bo.toByteArray(), "Content-Encoding", "gzip").statusCode())
        .isEqualTo(200);
    assertThat(traces.batches()).containsExactly(sent);
  }

  @Test
  void httpBadInputGetsTheDocumentedStatusesAndIsCounted() throws Exception {
    byte[] good = OtlpProtoCodec.INSTANCE.encode(TestData.traces(2));

    HttpResponse<byte[]> truncated = post("/v1/traces", "application/x-protobuf", Arrays.copyOf(good, good.length - 3));
    assertThat(truncated.statusCode()).isEqualTo(400);
    RpcStatus st = RpcStatus.parse(truncated.body());
    assertThat(st.code()).isEqualTo(3);
    assertThat(st.message()).startsWith("invalid OTLP traces request: ");

    HttpResponse<byte[]> badJson = post("/v1/traces", "application/json", "{\"resourceSpans\": [".getBytes());
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(new String(badJson.body())).startsWith("{\"code\":3,\"message\":\"invalid OTLP traces request: ");

    HttpResponse<byte[]> wrongType = post("/v1/traces", "text/plain", good);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(new String(wrongType.body()))
        .isEqualTo("415 unsupported media type, supported: [application/json, application/x-protobuf]");

    HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + receiver.httpPort() + "/v1/traces")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(RpcStatus.parse(get.body())).isEqualTo(new RpcStatus(12, "405 method not allowed, supported: [POST]", null));

    HttpResponse<byte[]> big = post("/v1/traces", "application/x-protobuf", new byte[100 * 1024]);
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(RpcStatus.parse(big.body()).code()).isEqualTo(8);
    assertThat(RpcStatus.parse(big.body()).message()).startsWith("request body too large: ");
    HttpResponse<byte[]> bigJson = post("/v1/traces", "application/json", new byte[100 * 1024]);
    assertThat(bigJson.statusCode()).isEqualTo(413);
    assertThat(bigJson.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(bigJson.body())).startsWith("{\"code\":8,\"message\":\"request body too large: ");

    // a gzip bomb: 10 MiB of zeros compress to ~10 KiB, inflating far past the 64 KiB limit
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
      gz.write(new byte[10 * 1024 * 1024]);
    }
    assertThat(bo.size()).isLessThan(64 * 1024);
    HttpResponse<byte[]> bomb = post("/v1/traces", "application/x-protobuf", bo.toByteArray(), "Content-Encoding", "gzip");
    assertThat(bomb.statusCode()).isEqualTo(413);
    assertThat(RpcStatus.parse(bomb.body()).message()).contains("decompressed size exceeds 65536 bytes");

    assertThat(post("/v1/logs", "application/x-protobuf", good).statusCode()).isEqualTo(404);

    assertThat(traces.calls()).isZero();
    assertThat(refused("http", "malformed")).isEqualTo(2);
    assertThat(refused("http", "unsupported_media_type")).isEqualTo(1);
    assertThat(refused("http", "method_not_allowed")).isEqualTo(1);
    assertThat(refused("http", "too_large")).isEqualTo(3);
    assertThat(refused("http", "not_found")).isEqualTo(1);
    // the process keeps serving
    assertThat(post("/v1/traces", "application/x-protobuf", good).statusCode()).isEqualTo(200);
    assertThat(traces.itemCount()).isEqualTo(2);
  }

  @Test
  void httpRefusalsFromThePipelineMapTo503And429WithRetryAfter() throws Exception {
    byte[] good = OtlpProtoCodec.INSTANCE.encode(TestData.traces(1));
    traces.refuseWith(new RetryableException("backend unavailable", null, Duration.ofSeconds(3), false));
    HttpResponse<byte[]> r = post("/v1/traces", "application/x-protobuf", good);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(RpcStatus.parse(r.body())).isEqualTo(new RpcStatus(14, "backend unavailable", null));

    traces.refuseWith(new PermanentException("bad data"));
    assertThat(post("/v1/traces", "application/x-protobuf", good).statusCode()).isEqualTo(400);

    traces.refuseWith(null);
    MemoryPressure.set(true, Duration.ofSeconds(2));
    HttpResponse<byte[]> mem = post("/v1/traces", "application/json", OtlpJsonCodec.INSTANCE.encode(TestData.traces(1)));
    assertThat(mem.statusCode()).isEqualTo(429);
    assertThat(mem.headers().firstValue("Retry-After")).hasValue("2");
    // refused by the server before the body was read, still as a Status in the request's encoding
    assertThat(mem.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(mem.body())).isEqualTo("{\"code\":8,\"message\":\"data refused due to high memory usage\"}");
    assertThat(refused("http", "memory_limit")).isEqualTo(1);
  }

  @Test
  void requestsBeyondTheInFlightBudgetAreRefusedBeforeTheyAreRead() throws Exception {
    byte[] good = OtlpProtoCodec.INSTANCE.encode(TestData.traces(50));
    MemoryPressure.setBudget(1000);
    assertThat(MemoryPressure.tryAdmit(10)).isTrue(); // another request in flight
    try {
      HttpResponse<byte[]> r = post("/v1/traces", "application/x-protobuf", good);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(RpcStatus.parse(r.body()).code()).isEqualTo(8); // RESOURCE_EXHAUSTED
      assertThat(RpcStatus.parse(r.body()).message()).startsWith("data refused due to high memory usage: a request of ");
      assertThatThrownBy(() -> grpc.call(TRACE_METHOD, good, Duration.ofSeconds(5)))
          .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.resourceExhausted()).isTrue());
      assertThat(traces.calls()).isZero();
      assertThat(refused("http", "memory_limit")).isEqualTo(1);
    } finally {
      MemoryPressure.release(10);
      MemoryPressure.setBudget(Long.MAX_VALUE);
    }
    assertThat(MemoryPressure.inflight()).isZero();
    assertThat(post("/v1/traces", "application/x-protobuf", good).statusCode()).isEqualTo(200);
    grpc.call(TRACE_METHOD, good, Duration.ofSeconds(5));
    assertThat(traces.itemCount()).isEqualTo(100);
    assertThat(MemoryPressure.inflight()).isZero();
  }

  @Test
  void configRequiresAProtocolAndDistinctPaths() {
    var p = new dev.signalbox.config.Problems();
    new OtlpReceiverConfig.Protocols(null, null).validate(p);
    new OtlpReceiverConfig.Http(HttpServerConfig.defaults(), "/v1/traces", "v1/traces", "/v1/logs", "/p")
        .validate(p.at("http"));
    assertThat(p.all()).extracting(Object::toString).containsExactly(
        "must enable at least one protocol: write 'grpc:' or 'http:' under protocols",
        "http.metrics_url_path: is the same path as traces_url_path (/v1/traces)");
  }
}
