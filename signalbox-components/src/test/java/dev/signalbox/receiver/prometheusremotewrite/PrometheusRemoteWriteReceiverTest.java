package dev.signalbox.receiver.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NativeChunk;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteChunk;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class PrometheusRemoteWriteReceiverTest {
  final MetricRegistry registry = new MetricRegistry();
  final SinkConsumer<Metrics> sink = new SinkConsumer<>();
  final HttpClient http = HttpClient.newHttpClient();
  PrometheusRemoteWriteReceiver receiver;

  static final WriteRequest ONE = RemoteWriteTranslatorTest.request(
      RemoteWriteTranslatorTest.series(42.5, "__name__", "probe_total", "job", "j", "instance", "i"));

  @BeforeEach
  void start() throws Exception {
    receiver = started(0, sink);
  }

  /** A started receiver on a free port with {@code time_threshold} in hours, feeding {@code next}. */
  PrometheusRemoteWriteReceiver started(int timeThresholdHours, Consumer<Metrics> next) throws Exception {
    var cfg = new PrometheusRemoteWriteReceiverConfig(HttpServerConfig.defaults("127.0.0.1:0"), timeThresholdHours);
    var settings = new ComponentSettings(ComponentId.of("prometheusremotewrite"), Kind.RECEIVER, "",
        registry.meter().withLabels("receiver", "prometheusremotewrite"), StatusReporter.NOOP,
        new BuildInfo("signalbox", "Signalbox", "0.9.0"));
    var r = (PrometheusRemoteWriteReceiver) new PrometheusRemoteWriteReceiverFactory().create(settings, cfg,
        Consumers.of(Signal.METRICS, next));
    r.start(null);
    return r;
  }

  @AfterEach
  void stop() {
    MemoryPressure.set(false, Duration.ofSeconds(1));
    MemoryPressure.setBudget(Long.MAX_VALUE);
    receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  HttpResponse<String> post(byte[] body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static final String[] RW_HEADERS = {"Content-Type", "application/x-protobuf", "Content-Encoding", "snappy",
      "X-Prometheus-Remote-Write-Version", "0.1.0"};

  double refused(String reason) {
    double v = registry.value("otelcol_receiver_refused_requests", "receiver", "prometheusremotewrite", "transport",
        "http", "reason", reason);
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void acceptsRemoteWriteWith204() throws Exception {
    var r = post(RemoteWriteCodec.encodeCompressed(ONE), RW_HEADERS);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(sink.itemCount()).isEqualTo(1);
    var p = RemoteWriteTranslatorTest.metric(sink.batches().get(0), "probe_total").sum().dataPoints().get(0);
    assertThat(p.doubleValue()).isEqualTo(42.5);
    assertThat(sink.received().get(0).context().transport()).isEqualTo("http");
  }

  /** A consumer that handles remote-write chunks, as the batch processor before a remote-write exporter does. */
  static final class ForwardingSink implements Consumer<Metrics> {
    final SinkConsumer<Metrics> sink = new SinkConsumer<>();

    @Override
    public void consume(Context ctx, Metrics data) throws ConsumeException {
      sink.consume(ctx, data);
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.NON_MUTATING.withNativeFormats(Set.of(RemoteWriteChunk.FORMAT));
    }
  }

  @Test
  void seriesGoOnAsTheyCameWhenEverythingAfterHandlesThem() throws Exception {
    receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
    var forwarding = new ForwardingSink();
    receiver = started(1, forwarding);

    long now = System.currentTimeMillis();
    var req = RemoteWriteTranslatorTest.request(
        RemoteWriteTranslatorTest.series(List.of(new Sample(1, now - 7_200_000), new Sample(2, now - 1000),
            new Sample(3, now)), "__name__", "probe_total", "job", "j", "instance", "i"),
        RemoteWriteTranslatorTest.series(List.of(new Sample(9, now - 7_200_000)), "__name__", "old", "job", "j"));
    assertThat(post(RemoteWriteCodec.encodeCompressed(req), RW_HEADERS).statusCode()).isEqualTo(204);

    Metrics got = forwarding.sink.batches().get(0);
    List<NativeChunk<Metrics>> chunks = got.nativeChunks(RemoteWriteChunk.FORMAT);
    assertThat(chunks).as("handed on untranslated").hasSize(1);
    RemoteWriteChunk chunk = (RemoteWriteChunk) chunks.get(0);
    assertThat(chunk.isEncoded()).as("samples were left out: decoded").isFalse();
    assertThat(chunk.itemCount()).as("samples within time_threshold (1h)").isEqualTo(2);
    assertThat(chunk.series()).singleElement().satisfies(t -> {
      assertThat(t.label("__name__")).isEqualTo("probe_total");
      assertThat(t.samples()).extracting(Sample::value).containsExactly(2.0, 3.0);
    });
    assertThat(chunk.scopeName()).isEqualTo(PrometheusRemoteWriteReceiver.SCOPE_NAME);
    assertThat(chunk.scopeVersion()).isEqualTo("0.9.0");
    assertThat(registry.value("otelcol_receiver_prometheusremotewrite_dropped_samples", "receiver",
        "prometheusremotewrite")).isEqualTo(2);
    // a consumer that reads it after all gets the translation
    var p = RemoteWriteTranslatorTest.metric(got, "probe_total").sum().dataPoints();
    assertThat(p).extracting(x -> x.doubleValue()).containsExactly(2.0, 3.0);
    assertThat(got.resourceMetrics().get(0).resource().attributes().getString("service.name")).isEqualTo("j");

    // checked as translation checks
    var nameless = RemoteWriteCodec.encodeCompressed(RemoteWriteTranslatorTest.request(
        RemoteWriteTranslatorTest.series(1, "job", "x")));
    var r = post(nameless, RW_HEADERS);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(
        "invalid remote write request: timeseries[0]: missing metric name (label __name__) in {job=x}");
    assertThat(forwarding.sink.calls()).isEqualTo(1);

    // the common case: a request of canonical series goes on as its bytes
    var recent = RemoteWriteTranslatorTest.request(RemoteWriteTranslatorTest.series(List.of(new Sample(5, now)),
        "__name__", "probe_total", "instance", "i", "job", "j"));
    assertThat(post(RemoteWriteCodec.encodeCompressed(recent), RW_HEADERS).statusCode()).isEqualTo(204);
    RemoteWriteChunk bytes = (RemoteWriteChunk) forwarding.sink.batches().get(1).nativeChunks(RemoteWriteChunk.FORMAT)
        .get(0);
    assertThat(bytes.isEncoded()).isTrue();
    assertThat(bytes.series()).isEqualTo(recent.timeseries());
    assertThat(bytes.itemCount()).isEqualTo(1);
  }

  @Test
  void aBodyWithoutContentEncodingIsStillSnappy() throws Exception {
    assertThat(post(RemoteWriteCodec.encodeCompressed(ONE), "Content-Type", "application/x-protobuf").statusCode())
        .isEqualTo(204);
    assertThat(sink.itemCount()).isEqualTo(1);
  }

  @Test
  void metadataOnlyRequestsAreAcceptedAndPassNothingOn() throws Exception {
    var md = new WriteRequest(List.of(), List.of(new MetricMetadata(WriteRequest.MetricType.COUNTER, "x", "X.", "")));
    assertThat(post(RemoteWriteCodec.encodeCompressed(md), RW_HEADERS).statusCode()).isEqualTo(204);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void badSnappyIs400AndCounted() throws Exception {
    byte[] garbage = "definitely not snappy".getBytes(StandardCharsets.UTF_8);
    var declared = post(garbage, RW_HEADERS);
    assertThat(declared.statusCode()).isEqualTo(400);
    assertThat(declared.body()).startsWith("failed to decompress request body: invalid snappy data");
    var undeclared = post(garbage, "Content-Type", "application/x-protobuf");
    assertThat(undeclared.statusCode()).isEqualTo(400);
    assertThat(undeclared.body()).isEqualTo("invalid remote write request: snappy: corrupt input");
    assertThat(refused("malformed")).isEqualTo(2);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void malformedProtobufIs400WithWhereAndWhat() throws Exception {
    byte[] bad = Snappy.compress(new byte[] {0x0a, 0x05, 0x0a, 0x7f, 0x01});
    var r = post(bad, RW_HEADERS);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("invalid remote write request: ");
    assertThat(refused("malformed")).isEqualTo(1);
    var nameless = RemoteWriteCodec.encodeCompressed(RemoteWriteTranslatorTest.request(
        RemoteWriteTranslatorTest.series(1, "job", "x")));
    var r2 = post(nameless, RW_HEADERS);
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(r2.body()).isEqualTo(
        "invalid remote write request: timeseries[0]: missing metric name (label __name__) in {job=x}");
    assertThat(refused("malformed")).isEqualTo(2);
    // nothing else disturbed
    assertThat(post(RemoteWriteCodec.encodeCompressed(ONE), RW_HEADERS).statusCode()).isEqualTo(204);
  }

  @Test
  void wrongMediaTypeAndRemoteWrite2Are415() throws Exception {
    byte[] body = RemoteWriteCodec.encodeCompressed(ONE);
    assertThat(post(body, "Content-Type", "application/json").statusCode()).isEqualTo(415);
    var v2 = post(body, "Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request",
        "Content-Encoding", "snappy");
    assertThat(v2.statusCode()).isEqualTo(415);
    assertThat(v2.body()).contains("remote write 2.0");
    assertThat(refused("unsupported_media_type")).isEqualTo(2);
  }

  @Test
  void memoryPressureIs429WithRetryAfterBeforeDecoding() throws Exception {
    MemoryPressure.set(true, Duration.ofSeconds(3));
    var r = post("not even snappy".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-protobuf");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(refused("memory_limit")).isEqualTo(1);
  }

  @Test
  void undeclaredSnappyIsInflatedWithinTheInFlightBudget() throws Exception {
    WriteRequest big = RemoteWriteTranslatorTest.request(RemoteWriteTranslatorTest.series(1, "__name__",
        "x".repeat(5000)));
    MemoryPressure.setBudget(1000);
    var r = post(RemoteWriteCodec.encodeCompressed(big), "Content-Type", "application/x-protobuf");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused("memory_limit")).isEqualTo(1);
    assertThat(MemoryPressure.inflight()).as("everything admitted was released").isZero();
    MemoryPressure.setBudget(Long.MAX_VALUE);
    assertThat(post(RemoteWriteCodec.encodeCompressed(big), "Content-Type", "application/x-protobuf").statusCode())
        .isEqualTo(204);
  }

  @Test
  void pipelineRefusalsMapToRetryableOrPermanentStatuses() throws Exception {
    byte[] body = RemoteWriteCodec.encodeCompressed(ONE);
    sink.refuseWith(new RetryableException("queue is full", null, Duration.ofSeconds(7), true));
    var full = post(body, RW_HEADERS);
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(full.headers().firstValue("Retry-After")).hasValue("7");
    sink.refuseWith(new RetryableException("backend unavailable"));
    var unavailable = post(body, RW_HEADERS);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("1");
    sink.refuseWith(new PermanentException("no such tenant"));
    var permanent = post(body, RW_HEADERS);
    assertThat(permanent.statusCode()).isEqualTo(400);
    assertThat(permanent.body()).isEqualTo("no such tenant");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    var get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    var other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/write"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(refused("method_not_allowed")).isEqualTo(1);
    assertThat(refused("not_found")).isEqualTo(1);
  }
}
