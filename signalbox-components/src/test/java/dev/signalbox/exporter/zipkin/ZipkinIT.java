package dev.signalbox.exporter.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.Receiver;
import dev.signalbox.exporter.zipkin.ZipkinExporterConfig.Format;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.receiver.zipkin.ZipkinReceiverConfig;
import dev.signalbox.receiver.zipkin.ZipkinReceiverFactory;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.backends.ZipkinServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Against a real Zipkin server 3.6.1: spans written through the zipkin exporter are read back with
 * {@code GET /api/v2/trace/{id}} and compared field by field; Zipkin's own JSON goes through the
 * zipkin receiver and exporter and comes back the same.
 */
class ZipkinIT {
  static ZipkinServer zipkin;
  final List<AutoCloseable> toStop = new ArrayList<>();

  @BeforeAll
  static void startZipkin() {
    zipkin = ZipkinServer.shared();
  }

  @AfterEach
  void stopComponents() throws Exception {
    for (AutoCloseable c : toStop.reversed()) {
      c.close();
    }
  }

  static ComponentSettings settings(Kind kind) {
    return ComponentSettings.forTest(kind, ComponentId.of("zipkin"));
  }

  Exporter exporter(Format format) throws Exception {
    ZipkinExporterConfig cfg = ZipkinExporterConfig.defaults(zipkin.spansUrl()).withFormat(format)
        .withSendingQueue(QueueConfig.defaults().withEnabled(false));
    Exporter e = new ZipkinExporterFactory().create(settings(Kind.EXPORTER), cfg, Set.of(dev.signalbox.pdata.Signal.TRACES));
    e.start(null);
    toStop.add(() -> e.shutdown(Deadline.in(Duration.ofSeconds(5))));
    return e;
  }

  static long randomHigh() {
    return ThreadLocalRandom.current().nextLong() | 1;
  }

  static List<zipkin2.Span> readTrace(String traceId, int expectedSpans) {
    List<zipkin2.Span> out = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      String json = zipkin.trace(traceId);
      assertThat(json).as("trace %s", traceId).isNotNull();
      List<zipkin2.Span> spans = SpanBytesDecoder.JSON_V2.decodeList(json.getBytes(StandardCharsets.UTF_8));
      assertThat(spans).hasSize(expectedSpans);
      out.clear();
      out.addAll(spans);
    });
    out.sort(Comparator.comparing(zipkin2.Span::id));
    return out;
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void otlpSpansWrittenThroughTheExporterReadBackFieldByField(Format format) throws Exception {
    long high = randomHigh();
    long low = ThreadLocalRandom.current().nextLong();
    String service = "it-svc-" + format.name().toLowerCase();
    Traces t = new Traces();
    ResourceSpans rs = t.resourceSpans().addNew();
    rs.resource().attributes().put("service.name", service).put("host.name", "it-host");
    ScopeSpans ss = rs.scopeSpans().addNew();
    ss.scope().setName("it.scope").setVersion("1.0.0");
    long start = 1_700_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000L);
    Span server = ss.spans().addNew().setTraceId(high, low).setSpanId(0x0000000000000010L).setName("GET /cart")
        .setKind(SpanKind.SERVER).setStartTimeUnixNano(start).setEndTimeUnixNano(start + 2_500_000)
        .setStatus(StatusCode.OK, "");
    server.attributes().put("http.method", "GET").put("http.status_code", 200L)
        .put("network.peer.address", "10.1.1.1").put("network.peer.port", 41000L);
    server.events().addNew().setTimeUnixNano(start + 1_000_000).setName("auth ok");
    Span client = ss.spans().addNew().setTraceId(high, low).setSpanId(0x0000000000000011L)
        .setParentSpanId(0x10).setName("charge").setKind(SpanKind.CLIENT).setStartTimeUnixNano(start + 100_000)
        .setEndTimeUnixNano(start + 1_900_000).setStatus(StatusCode.ERROR, "card declined");
    client.attributes().put("peer.service", "payments").put("network.peer.address", "10.2.2.2")
        .put("network.peer.port", 8443L).put("retries", 2L);
    var ev = client.events().addNew().setTimeUnixNano(start + 1_800_000).setName("exception");
    ev.attributes().put("exception.type", "DeclinedException");
    client.links().addNew().setTraceId(1, 2).setSpanId(3);
    ss.spans().addNew().setTraceId(high, low).setSpanId(0x0000000000000012L).setParentSpanId(0x11)
        .setName("serialize").setKind(SpanKind.INTERNAL).setStartTimeUnixNano(start + 200_000)
        .setEndTimeUnixNano(start + 200_900);

    exporter(format).consumer(dev.signalbox.pdata.Signal.TRACES).consume(Context.empty(), t);

    String traceId = dev.signalbox.pdata.Ids.hex16(high) + dev.signalbox.pdata.Ids.hex16(low);
    List<zipkin2.Span> got = readTrace(traceId, 3);
    long startMicros = start / 1000;
    Endpoint local = Endpoint.newBuilder().serviceName(service).build();
    assertThat(got.get(0)).isEqualTo(zipkin2.Span.newBuilder().traceId(traceId).id("0000000000000010").name("get /cart")
        .kind(zipkin2.Span.Kind.SERVER).timestamp(startMicros).duration(2500).localEndpoint(local)
        .remoteEndpoint(Endpoint.newBuilder().ip("10.1.1.1").port(41000).build())
        .addAnnotation(startMicros + 1000, "auth ok")
        .putTag("host.name", "it-host").putTag("otel.scope.name", "it.scope").putTag("otel.scope.version", "1.0.0")
        .putTag("http.method", "GET").putTag("http.status_code", "200").putTag("otel.status_code", "OK").build());
    assertThat(got.get(1)).isEqualTo(zipkin2.Span.newBuilder().traceId(traceId).parentId("0000000000000010")
        .id("0000000000000011").name("charge").kind(zipkin2.Span.Kind.CLIENT).timestamp(startMicros + 100)
        .duration(1800).localEndpoint(local)
        .remoteEndpoint(Endpoint.newBuilder().serviceName("payments").ip("10.2.2.2").port(8443).build())
        .addAnnotation(startMicros + 1800, "exception|{\"exception.type\":\"DeclinedException\"}|0")
        .putTag("host.name", "it-host").putTag("otel.scope.name", "it.scope").putTag("otel.scope.version", "1.0.0")
        .putTag("retries", "2").putTag("error", "card declined").putTag("otel.status_code", "ERROR")
        .putTag("otel.status_description", "card declined")
        .putTag("otlp.link.0", "00000000000000010000000000000002|0000000000000003||{}|0").build());
    assertThat(got.get(2)).isEqualTo(zipkin2.Span.newBuilder().traceId(traceId).parentId("0000000000000011")
        .id("0000000000000012").name("serialize").timestamp(startMicros + 200).duration(1).localEndpoint(local)
        .putTag("host.name", "it-host").putTag("otel.scope.name", "it.scope").putTag("otel.scope.version", "1.0.0")
        .putTag("span.kind", "internal").build());
  }

  @Test
  void sixtyFourBitTraceIdsStaySixtyFourBits() throws Exception {
    long low = ThreadLocalRandom.current().nextLong() | 1;
    Traces t = new Traces();
    ResourceSpans rs = t.resourceSpans().addNew();
    rs.resource().attributes().put("service.name", "it-b3");
    rs.scopeSpans().addNew().spans().addNew().setTraceId(0, low).setSpanId(7).setName("b3")
        .setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(1_700_000_000_001_000_000L);

    exporter(Format.JSON).consumer(dev.signalbox.pdata.Signal.TRACES).consume(Context.empty(), t);

    List<zipkin2.Span> got = readTrace(dev.signalbox.pdata.Ids.hex16(low), 1);
    assertThat(got.get(0).traceId()).isEqualTo(dev.signalbox.pdata.Ids.hex16(low));
  }

  @Test
  void zipkinsOwnJsonComesBackTheSameThroughReceiverAndExporter() throws Exception {
    String traceId = dev.signalbox.pdata.Ids.hex16(randomHigh()) + dev.signalbox.pdata.Ids.hex16(
        ThreadLocalRandom.current().nextLong());
    String input = """
        [{"traceId":"%1$s","id":"0000000000000001","kind":"SERVER","name":"get /orders",
          "timestamp":1700000000123456,"duration":1500,
          "localEndpoint":{"serviceName":"rt-frontend","ipv4":"10.0.0.5","port":8080},
          "remoteEndpoint":{"ipv6":"2001:db8::7","port":53122},
          "annotations":[{"timestamp":1700000000123500,"value":"wr"}],
          "tags":{"http.method":"GET","http.path":"/orders","host.name":"web-1","clnt/finagle.version":"6.45.0"}},
         {"traceId":"%1$s","parentId":"0000000000000001","id":"0000000000000002","kind":"CLIENT","name":"select",
          "timestamp":1700000000123600,"duration":700,
          "localEndpoint":{"serviceName":"rt-frontend","ipv4":"10.0.0.5"},
          "remoteEndpoint":{"serviceName":"postgres","ipv4":"10.0.0.9","port":5432},
          "tags":{"db.statement":"select 1","error":"connection reset","host.name":"web-1"}},
         {"traceId":"%1$s","parentId":"0000000000000002","id":"0000000000000003","kind":"SERVER","shared":true,
          "name":"select","timestamp":1700000000123650,"duration":600,
          "localEndpoint":{"serviceName":"rt-db"},"tags":{"peer.hostname":"web-1"}},
         {"traceId":"%1$s","parentId":"0000000000000001","id":"0000000000000004","name":"render",
          "timestamp":1700000000124000,"duration":300,"localEndpoint":{"serviceName":"rt-frontend"},
          "annotations":[{"timestamp":1700000000124100,"value":"cache|miss"}],
          "tags":{"span.kind":"internal","template":"orders.html","host.name":"web-1"}}]
        """.formatted(traceId);

    Exporter exporter = exporter(Format.JSON);
    int port = Ports.free();
    Receiver receiver = new ZipkinReceiverFactory().create(settings(Kind.RECEIVER),
        ZipkinReceiverConfig.defaults().withServer(HttpServerConfig.defaults("127.0.0.1:" + port)),
        Consumers.builder().put(dev.signalbox.pdata.Signal.TRACES,
            exporter.consumer(dev.signalbox.pdata.Signal.TRACES)).build());
    receiver.start(null);
    toStop.add(() -> receiver.shutdown(Deadline.in(Duration.ofSeconds(5))));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v2/spans")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(input)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(202);

    List<zipkin2.Span> sent = new ArrayList<>(SpanBytesDecoder.JSON_V2.decodeList(input.getBytes(StandardCharsets.UTF_8)));
    sent.sort(Comparator.comparing(zipkin2.Span::id));
    List<zipkin2.Span> got = readTrace(traceId, 4);
    // The one addition: an error span also carries the status tags the specification asks for.
    zipkin2.Span withStatus = sent.get(1).toBuilder().putTag("otel.status_code", "ERROR")
        .putTag("otel.status_description", "connection reset").build();
    assertThat(got).containsExactly(sent.get(0), withStatus, sent.get(2), sent.get(3));
  }
}
