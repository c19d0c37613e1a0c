package dev.signalbox.receiver.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.ByteSize;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.TraceId;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

class ZipkinReceiverTest {
  /** Two spans of one trace as Brave reports them: a 128-bit trace id, a server and its client call. */
  static final String V2_JSON = """
      [{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","id":"00f067aa0ba902b7","kind":"SERVER",
        "name":"get /orders","timestamp":1700000000123456,"duration":1500,
        "localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.5","port":8080},
        "remoteEndpoint":{"ipv6":"2001:db8::7","port":53122},
        "annotations":[{"timestamp":1700000000123500,"value":"wr"}],
        "tags":{"http.method":"GET","http.path":"/orders","host.name":"web-1"}},
       {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","parentId":"00f067aa0ba902b7","id":"b7ad6b7169203331",
        "kind":"CLIENT","name":"select","timestamp":1700000000123600,"duration":700,
        "localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.5"},
        "remoteEndpoint":{"serviceName":"postgres","ipv4":"10.0.0.9","port":5432},
        "tags":{"db.statement":"select 1","error":"connection reset","host.name":"web-1"}}]
      """;

  final MetricRegistry metrics = new MetricRegistry();
  final SinkConsumer<Traces> sink = new SinkConsumer<>();
  final HttpClient http = HttpClient.newHttpClient();
  ZipkinReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  void start(ZipkinReceiverConfig config) throws Exception {
    ComponentSettings s = new ComponentSettings(ComponentId.of("zipkin"), Kind.RECEIVER, "",
        metrics.meter().withLabels("receiver", "zipkin"), StatusReporter.NOOP, BuildInfo.DEFAULT);
    receiver = (ZipkinReceiver) new ZipkinReceiverFactory().create(s, config,
        Consumers.builder().put(Signal.TRACES, sink).build());
    receiver.start(null);
  }

  void start() throws Exception {
    start(ZipkinReceiverConfig.defaults().withServer(HttpServerConfig.defaults("127.0.0.1:0")
        .withMaxRequestBodySize(ByteSize.ofBytes(64 * 1024))));
  }

  HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  double refused(String reason) {
    return metrics.value("otelcol_receiver_refused_requests", "receiver", "zipkin", "transport", "http",
        "reason", reason);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  Span spanNamed(String name) {
    for (Traces t : sink.batches()) {
      for (ResourceSpans rs : t.resourceSpans()) {
        for (var ss : rs.scopeSpans()) {
          for (Span s : ss.spans()) {
            if (s.name().equals(name)) {
              return s;
            }
          }
        }
      }
    }
    throw new AssertionError("no span " + name);
  }

  @Test
  void v2JsonBecomesOtlpAsTheCollectorMapsIt() throws Exception {
    start();

    HttpResponse<String> r = post("/api/v2/spans", "application/json", utf8(V2_JSON));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
    Traces t = sink.batches().get(0);
    assertThat(t.itemCount()).isEqualTo(2);
    assertThat(t.resourceSpans()).hasSize(1);
    ResourceSpans rs = t.resourceSpans().get(0);
    assertThat(rs.resource().attributes().asMap()).containsExactly(
        java.util.Map.entry("host.name", AnyValue.of("web-1")), java.util.Map.entry("service.name", AnyValue.of("frontend")));

    Span server = spanNamed("get /orders");
    assertThat(server.traceId()).isEqualTo(TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"));
    assertThat(server.spanId()).isEqualTo(0x00f067aa0ba902b7L);
    assertThat(server.parentSpanId()).isZero();
    assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.startTimeUnixNano()).isEqualTo(1_700_000_000_123_456_000L);
    assertThat(server.endTimeUnixNano()).isEqualTo(1_700_000_000_124_956_000L);
    assertThat(server.statusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(server.attributes().asMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "http.method", AnyValue.of("GET"), "http.path", AnyValue.of("/orders"),
        "network.local.address", AnyValue.of("10.0.0.5"), "network.local.port", AnyValue.of(8080L),
        "network.peer.address", AnyValue.of("2001:db8::7"), "network.peer.port", AnyValue.of(53122L)));
    assertThat(server.events()).hasSize(1);
    assertThat(server.events().get(0).name()).isEqualTo("wr");
    assertThat(server.events().get(0).timeUnixNano()).isEqualTo(1_700_000_000_123_500_000L);

    Span client = spanNamed("select");
    assertThat(client.parentSpanId()).isEqualTo(0x00f067aa0ba902b7L);
    assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.statusMessage()).isEqualTo("connection reset");
    assertThat(client.attributes().asMap()).containsEntry("peer.service", AnyValue.of("postgres"))
        .containsEntry("network.peer.address", AnyValue.of("10.0.0.9"))
        .containsEntry("network.peer.port", AnyValue.of(5432L)).doesNotContainKey("error");
    assertThat(sink.received().get(0).context().transport()).isEqualTo("http");
  }

  @Test
  void proto3GivesTheSameSpansAsJson() throws Exception {
    start();
    List<zipkin2.Span> spans = zipkin2.codec.SpanBytesDecoder.JSON_V2.decodeList(utf8(V2_JSON));

    assertThat(post("/api/v2/spans", "application/json", utf8(V2_JSON)).statusCode()).isEqualTo(202);
    assertThat(post("/api/v2/spans", "application/x-protobuf", SpanBytesEncoder.PROTO3.encodeList(spans))
        .statusCode()).isEqualTo(202);

    assertThat(sink.batches()).hasSize(2);
    assertThat(sink.batches().get(1)).isEqualTo(sink.batches().get(0));
  }

  @Test
  void v1JsonWithB3SixtyFourBitIdsIsConvertedByZipkinsRules() throws Exception {
    start();
    String v1 = """
        [{"traceId":"a3ce929d0e0e4736","name":"get","id":"00f067aa0ba902b7","parentId":"1122334455667788",
          "timestamp":1700000000000000,"duration":2000,
          "annotations":[
            {"timestamp":1700000000000000,"value":"sr","endpoint":{"serviceName":"backend","ipv4":"10.0.0.2"}},
            {"timestamp":1700000000002000,"value":"ss","endpoint":{"serviceName":"backend","ipv4":"10.0.0.2"}}],
          "binaryAnnotations":[{"key":"http.path","value":"/api","endpoint":{"serviceName":"backend"}}]}]
        """;

    assertThat(post("/api/v1/spans", "application/json", utf8(v1)).statusCode()).isEqualTo(202);

    Span s = spanNamed("get");
    assertThat(s.traceId()).isEqualTo(new TraceId(0, 0xa3ce929d0e0e4736L));
    assertThat(s.parentSpanId()).isEqualTo(0x1122334455667788L);
    assertThat(s.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(s.startTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(s.endTimeUnixNano() - s.startTimeUnixNano()).isEqualTo(2_000_000);
    assertThat(s.attributes().getString("http.path")).isEqualTo("/api");
    assertThat(sink.batches().get(0).resourceSpans().get(0).resource().attributes().getString("service.name"))
        .isEqualTo("backend");
  }

  @Test
  void v1ThriftIsAccepted() throws Exception {
    start();
    zipkin2.Span z = zipkin2.Span.newBuilder().traceId("a3ce929d0e0e4736").id("00f067aa0ba902b7").name("thrifty")
        .kind(zipkin2.Span.Kind.CLIENT).timestamp(1_700_000_000_000_000L).duration(10)
        .localEndpoint(Endpoint.newBuilder().serviceName("legacy").build()).putTag("k", "v").build();

    assertThat(post("/api/v1/spans", "application/x-thrift", SpanBytesEncoder.THRIFT.encodeList(List.of(z)))
        .statusCode()).isEqualTo(202);

    assertThat(spanNamed("thrifty").attributes().getString("k")).isEqualTo("v");
  }

  @Test
  void gzipBodiesAreAccepted() throws Exception {
    start();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(utf8(V2_JSON));
    }

    assertThat(post("/api/v2/spans", "application/json", bytes.toByteArray(), "Content-Encoding", "gzip")
        .statusCode()).isEqualTo(202);
    assertThat(sink.itemCount()).isEqualTo(2);
  }

  @Test
  void malformedJsonIs400WithWhereAndWhatAndCounted() throws Exception {
    start();

    HttpResponse<String> r = post("/api/v2/spans", "application/json", utf8("[{\"traceId\":\"4bf9\",\"id\":"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("invalid Zipkin v2 JSON request: End of input at line 1 column 25 path $[0].id "
        + "reading List<Span> from json");
    assertThat(refused("malformed")).isEqualTo(1);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void wrongIdsAre400SayingWhichId() throws Exception {
    start();

    HttpResponse<String> badTrace = post("/api/v2/spans", "application/json",
        utf8("[{\"traceId\":\"not-hex\",\"id\":\"00f067aa0ba902b7\",\"name\":\"x\"}]"));
    HttpResponse<String> longSpan = post("/api/v2/spans", "application/json",
        utf8("[{\"traceId\":\"a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7ff\",\"name\":\"x\"}]"));
    HttpResponse<String> noId = post("/api/v2/spans", "application/json",
        utf8("[{\"traceId\":\"a3ce929d0e0e4736\",\"name\":\"x\"}]"));

    assertThat(badTrace.statusCode()).isEqualTo(400);
    assertThat(badTrace.body()).isEqualTo("invalid Zipkin v2 JSON request: not-hex should be lower-hex encoded with "
        + "no prefix reading List<Span> from json");
    assertThat(longSpan.statusCode()).isEqualTo(400);
    assertThat(longSpan.body()).isEqualTo("invalid Zipkin v2 JSON request: id.length > 16 reading List<Span> from json");
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(noId.body()).isEqualTo("invalid Zipkin v2 JSON request: Missing : id reading List<Span> from json");
    assertThat(refused("malformed")).isEqualTo(3);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void hugePayloadIs413AndCounted() throws Exception {
    start();
    byte[] big = new byte[200 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');

    HttpResponse<String> r = post("/api/v2/spans", "application/json", big);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(refused("too_large")).isEqualTo(1);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void protobufOnTheV1RouteIs415AndAnEmptyBodyIs400() throws Exception {
    start();

    HttpResponse<String> proto = post("/api/v1/spans", "application/x-protobuf", new byte[] {1, 2});
    HttpResponse<String> empty = post("/api/v2/spans", "application/json", new byte[0]);
    HttpResponse<String> emptyList = post("/api/v2/spans", "application/json", utf8("[]"));

    assertThat(proto.statusCode()).isEqualTo(415);
    assertThat(proto.body()).contains("application/json, application/x-thrift");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("the body is empty");
    assertThat(emptyList.statusCode()).isEqualTo(202);
    assertThat(refused("unsupported_media_type")).isEqualTo(1);
    assertThat(refused("malformed")).isEqualTo(1);
  }

  @Test
  void pipelineRefusalsAreRetryable503OrPermanent400() throws Exception {
    start();
    sink.refuseWith(new RetryableException("queue is full", null, Duration.ofSeconds(3), false));
    HttpResponse<String> busy = post("/api/v2/spans", "application/json", utf8(V2_JSON));
    sink.refuseWith(new PermanentException("bad data"));
    HttpResponse<String> bad = post("/api/v2/spans", "application/json", utf8(V2_JSON));

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("retry-after")).contains("3");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("bad data");
  }

  @Test
  void parseStringTagsGivesTypedAttributesByTheCollectorsPatterns() throws Exception {
    start(ZipkinReceiverConfig.defaults().withServer(HttpServerConfig.defaults("127.0.0.1:0"))
        .withParseStringTags(true));

    post("/api/v2/spans", "application/json", utf8("""
        [{"traceId":"a3ce929d0e0e4736","id":"00f067aa0ba902b7","name":"typed","timestamp":1700000000000000,
          "tags":{"int":"-42","double":"3.25","bool":"true","text":"1.2.3","exp":"1e5"}}]
        """));

    assertThat(spanNamed("typed").attributes().asMap()).containsEntry("int", AnyValue.of(-42L))
        .containsEntry("double", AnyValue.of(3.25)).containsEntry("bool", AnyValue.of(true))
        .containsEntry("text", AnyValue.of("1.2.3")).containsEntry("exp", AnyValue.of("1e5"));
  }

  @Test
  void sharedSpansAndSpansWithoutTimestampKeepMarkersForTheExporter() throws Exception {
    start();

    post("/api/v2/spans", "application/json", utf8("""
        [{"traceId":"a3ce929d0e0e4736","id":"00f067aa0ba902b7","kind":"SERVER","shared":true,"name":"joined",
          "duration":25,"localEndpoint":{"serviceName":"api"},"tags":{"span.kind":"internal"}},
         {"traceId":"a3ce929d0e0e4736","id":"00f067aa0ba902b8","name":"local","timestamp":1700000000000000,
          "tags":{"span.kind":"internal","otel.status_code":"STATUS_CODE_OK","otel.scope.name":"lib",
                  "otel.scope.version":"1.2"}}]
        """));

    Span joined = spanNamed("joined");
    assertThat(joined.attributes().asMap()).containsEntry("otel.zipkin.shared", AnyValue.of(true))
        .containsEntry("otel.zipkin.absentField.startTime", AnyValue.of(true))
        .containsEntry("span.kind", AnyValue.of("internal"));
    assertThat(joined.startTimeUnixNano()).isZero();
    assertThat(joined.endTimeUnixNano()).isEqualTo(25_000);
    Span local = spanNamed("local");
    assertThat(local.kind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(local.statusCode()).isEqualTo(StatusCode.OK);
    assertThat(local.attributes().isEmpty()).isTrue();
    var scope = sink.batches().get(0).resourceSpans().stream().flatMap(rs -> rs.scopeSpans().stream())
        .filter(ss -> ss.spans().get(0).name().equals("local")).findFirst().orElseThrow().scope();
    assertThat(scope.name()).isEqualTo("lib");
    assertThat(scope.version()).isEqualTo("1.2");
  }
}
