package dev.signalbox.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.otlpcommon.LogCapture;
import dev.signalbox.exporter.otlpcommon.OtlpSink;
import dev.signalbox.exporter.otlpcommon.OtlpSink.Answer;
import dev.signalbox.exporter.otlphttp.OtlpHttpExporterConfig.Encoding;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.otlp.OtlpCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The otlphttp exporter against our HTTP server decoding with our codecs. */
class OtlpHttpExporterTest {
  static final Host HOST = new TestHost();
  static final Set<Signal<?>> ALL = Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS, Signal.PROFILES);
  static final RetryConfig FAST_RETRY = RetryConfig.defaults().withInitialInterval(Duration.ofMillis(10))
      .withMaxInterval(Duration.ofMillis(50)).withMaxElapsedTime(Duration.ofSeconds(10));

  private final MetricRegistry metrics = new MetricRegistry();
  private final ComponentSettings settings = new ComponentSettings(ComponentId.of("otlphttp"), Kind.EXPORTER, "",
      metrics.meter(), StatusReporter.NOOP, new BuildInfo("signalbox", "Signalbox", "1.2.3"));
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<Exporter> exporters = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Exporter e : exporters) {
      e.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private OtlpSink sink(Map<String, Signal<?>> extraPaths) throws Exception {
    OtlpSink s = OtlpSink.http(extraPaths);
    closeables.add(s);
    return s;
  }

  private OtlpSink sink() throws Exception {
    return sink(Map.of());
  }

  /** To the sink's base URL, synchronous (no queue), fast retries. */
  private static OtlpHttpExporterConfig config(OtlpSink sink) {
    OtlpHttpExporterConfig d = OtlpHttpExporterConfig.defaults(sink.baseUrl());
    return d.withSendingQueue(d.sendingQueue().withEnabled(false)).withRetryOnFailure(FAST_RETRY);
  }

  private Exporter start(OtlpHttpExporterConfig config, Set<Signal<?>> signals) throws Exception {
    Exporter e = new OtlpHttpExporterFactory().create(settings, config, signals);
    exporters.add(e);
    e.start(HOST);
    return e;
  }

  private Exporter start(OtlpHttpExporterConfig config) throws Exception {
    return start(config, ALL);
  }

  private double counter(String name, String... labels) {
    double v = metrics.value(name, labels);
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void postsEachSignalAsGzippedProtobufToItsPathWithHeaders() throws Exception {
    OtlpSink sink = sink();
    OtlpHttpExporterConfig c = config(sink);
    Exporter e = start(c.withClient(c.client().withHeaders(Map.of("X-Tenant-ID", Secret.of("acme"),
        "Authorization", Secret.of("Bearer s3cret")))));

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces("svc", 0, 5));
    e.consumer(Signal.METRICS).consume(Context.empty(), TestData.metrics(5, 3));
    e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(8, 2));

    assertThat(sink.received()).extracting(OtlpSink.Received::path)
        .containsExactly("/v1/traces", "/v1/metrics", "/v1/logs");
    assertThat(sink.received(Signal.TRACES).get(0).data()).isEqualTo(TestData.traces("svc", 0, 5));
    assertThat(sink.received(Signal.METRICS).get(0).data()).isEqualTo(TestData.metrics(5, 3));
    assertThat(sink.received(Signal.LOGS).get(0).data()).isEqualTo(TestData.logs(8, 2));
    for (OtlpSink.Received r : sink.received()) {
      assertThat(r.header("content-type")).isEqualTo("application/x-protobuf");
      assertThat(r.header("content-encoding")).isEqualTo("gzip");
      assertThat(r.header("x-tenant-id")).isEqualTo("acme");
      assertThat(r.header("authorization")).isEqualTo("Bearer s3cret");
      assertThat(r.header("user-agent")).startsWith("Signalbox/1.2.3 (");
    }
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(5);
    assertThat(counter("otelcol_exporter_sent_metric_points")).isEqualTo(3);
    assertThat(counter("otelcol_exporter_sent_log_records")).isEqualTo(2);
  }

  @Test
  void postsOtlpJsonWithEncodingJson() throws Exception {
    OtlpSink sink = sink();
    Exporter e = start(config(sink).withEncoding(Encoding.JSON), Set.of(Signal.TRACES, Signal.LOGS));
    byte[] proto = OtlpProtoCodec.INSTANCE.encode(TestData.traces("svc", 0, 4));

    e.consumer(Signal.TRACES).consume(Context.empty(), OtlpProtoCodec.INSTANCE.decodeTraces(proto, 0, proto.length));
    e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 3));

    assertThat(sink.received()).allSatisfy(r -> assertThat(r.header("content-type")).isEqualTo("application/json"));
    assertThat(new String(sink.received().get(0).body())).startsWith("{\"resourceSpans\":[");
    assertThat(sink.received(Signal.TRACES).get(0).data()).isEqualTo(TestData.traces("svc", 0, 4));
    assertThat(sink.received(Signal.LOGS).get(0).data()).isEqualTo(TestData.logs(0, 3));
  }

  @Test
  void sendsToPerSignalUrlsAsTheyAreAndToTheBaseUrlOtherwise() throws Exception {
    OtlpSink sink = sink(Map.of("/custom/spans", Signal.TRACES, "/v2/logs/ingest", Signal.LOGS));
    OtlpHttpExporterConfig c = config(sink)
        .withSignalEndpoint(Signal.TRACES, sink.baseUrl() + "/custom/spans")
        .withSignalEndpoint(Signal.LOGS, sink.baseUrl() + "/v2/logs/ingest");
    Exporter e = start(c);

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(1));
    e.consumer(Signal.METRICS).consume(Context.empty(), TestData.metrics(0, 1));
    e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 1));

    assertThat(sink.received()).extracting(OtlpSink.Received::path)
        .containsExactly("/custom/spans", "/v1/metrics", "/v2/logs/ingest");
  }

  @Test
  void sendsOnlyToPerSignalUrlsWhenThereIsNoBaseUrl() throws Exception {
    OtlpSink sink = sink(Map.of("/only/traces", Signal.TRACES));
    OtlpHttpExporterConfig c = config(sink);
    c = c.withClient(c.client().withEndpoint("")).withSignalEndpoint(Signal.TRACES, sink.baseUrl() + "/only/traces");
    Exporter e = start(c, Set.of(Signal.TRACES));

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(2));

    assertThat(sink.received()).extracting(OtlpSink.Received::path).containsExactly("/only/traces");
  }

  @Test
  void refusesToBeCreatedForASignalWithoutUrlOrForJsonProfiles() {
    OtlpHttpExporterConfig c = OtlpHttpExporterConfig.defaults().withSignalEndpoint(Signal.TRACES, "http://h:1/t");

    IllegalArgumentException noUrl = catchThrowableOfType(IllegalArgumentException.class,
        () -> new OtlpHttpExporterFactory().create(settings, c, Set.of(Signal.TRACES, Signal.LOGS)));
    IllegalArgumentException json = catchThrowableOfType(IllegalArgumentException.class,
        () -> new OtlpHttpExporterFactory().create(settings, OtlpHttpExporterConfig.defaults("http://h:1")
            .withEncoding(Encoding.JSON), Set.of(Signal.PROFILES)));

    assertThat(noUrl).hasMessage("exporters.otlphttp: either endpoint or logs_endpoint must be set to export logs");
    assertThat(json.getMessage()).startsWith("exporters.otlphttp.encoding: json is not supported for profiles");
  }

  @Test
  void sendsAWireBackedBatchAsItsOriginalBytes() throws Exception {
    OtlpSink sink = sink();
    Exporter e = start(config(sink));
    byte[] original = OtlpProtoCodec.INSTANCE.encode(TestData.traces("svc", 0, 30));
    Traces wire = OtlpProtoCodec.INSTANCE.decodeTraces(original, 0, original.length);

    e.consumer(Signal.TRACES).consume(Context.empty(), wire);

    assertThat(wire.isWireBacked()).isTrue();
    assertThat(sink.received().get(0).body()).isEqualTo(original);
  }

  @Test
  void countsItemsRejectedByAPartialSuccessInAProtobufOrJsonAnswer() throws Exception {
    OtlpSink sink = sink().then(
        new Answer.Ok(new PartialSuccess(2, "2 spans too old"), OtlpCodec.proto()),
        new Answer.Ok(new PartialSuccess(1, "1 record too large"), OtlpCodec.json()));
    Exporter e = start(config(sink));

    PermanentException p1;
    PermanentException p2;
    try (LogCapture logs = new LogCapture()) {
      p1 = catchThrowableOfType(PermanentException.class,
          () -> e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(10)));
      p2 = catchThrowableOfType(PermanentException.class,
          () -> e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 5)));
      assertThat(logs.all()).contains("2 spans too old").contains("1 record too large");
    }

    assertThat(p1.rejectedItems()).isEqualTo(2);
    assertThat(p2.rejectedItems()).isEqualTo(1);
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(8);
    assertThat(counter("otelcol_exporter_send_failed_spans", "reason", "permanent")).isEqualTo(2);
    assertThat(counter("otelcol_exporter_sent_log_records")).isEqualTo(4);
    assertThat(counter("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isEqualTo(1);
  }

  @Test
  void anUnreadableSuccessBodyCountsAsSent() throws Exception {
    OtlpSink sink = sink().then(new Answer.Raw(HttpResponse.ok("application/x-protobuf", new byte[] {(byte) 0xff})));
    Exporter e = start(config(sink));

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(3));

    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(3);
  }

  @Test
  void honoursRetryAfterOnA503ThenDeliversOnce() throws Exception {
    OtlpSink sink = sink().then(new Answer.Raw(HttpResponse.text(503, "overloaded").withRetryAfter(Duration.ofSeconds(1))));
    Exporter e = start(config(sink));

    e.consumer(Signal.METRICS).consume(Context.empty(), TestData.metrics(0, 4));

    assertThat(sink.attempts()).hasSize(2);
    assertThat(sink.attempts().get(1) - sink.attempts().get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(990).toNanos());
    assertThat(sink.received()).hasSize(1);
    assertThat(sink.received().get(0).data()).isEqualTo(TestData.metrics(0, 4));
    assertThat(counter("otelcol_exporter_retries", "data_type", "metrics")).isEqualTo(1);
  }

  @Test
  void retriesA429FromTheServersOwnRefusal() throws Exception {
    OtlpSink sink = sink().then(Answer.fail(new RetryableException("memory limit", null, null, true)));
    Exporter e = start(config(sink));

    e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 2));

    assertThat(sink.attempts()).hasSize(2);
    assertThat(sink.items()).isEqualTo(2);
  }

  @Test
  void dropsABatchTheServerRefusesWith400WithoutRetrying() throws Exception {
    OtlpSink sink = sink().then(Answer.fail(new PermanentException("bad trace id")));
    Exporter e = start(config(sink));

    PermanentException p = catchThrowableOfType(PermanentException.class,
        () -> e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(6)));

    assertThat(p.getMessage()).contains("HTTP 400").contains("bad trace id");
    assertThat(sink.attempts()).hasSize(1);
    assertThat(counter("otelcol_exporter_send_failed_spans", "reason", "permanent")).isEqualTo(6);
  }

  @Test
  void sendsEachProfilesRequestOnItsOwn() throws Exception {
    OtlpSink sink = sink();
    Exporter e = start(config(sink));
    byte[] one = {0x0a, 0x04, 0x12, 0x02, 0x12, 0x00};
    Profiles p = OtlpProtoCodec.INSTANCE.decodeProfiles(one, 0, one.length);
    p.append(OtlpProtoCodec.INSTANCE.decodeProfiles(one.clone(), 0, one.length));

    e.consumer(Signal.PROFILES).consume(Context.empty(), p);

    assertThat(sink.received()).hasSize(2).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("/v1development/profiles");
      assertThat(r.body()).isEqualTo(one);
    });
  }

  @Test
  void neverShowsASecretHeaderValueInLogsOrMessages() throws Exception {
    OtlpSink sink = sink().then(Answer.fail(new PermanentException("denied")));
    OtlpHttpExporterConfig c = config(sink);
    c = c.withClient(c.client().withHeaders(Map.of("Authorization", Secret.of("Bearer t0p-s3cret"))));

    String text;
    try (LogCapture logs = new LogCapture()) {
      Exporter e = start(c);
      PermanentException p = catchThrowableOfType(PermanentException.class,
          () -> e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(1)));
      e.shutdown(Deadline.in(Duration.ofSeconds(5)));
      text = logs.all() + p.getMessage();
    }

    assertThat(text).contains("HTTP 400").doesNotContain("t0p-s3cret");
    assertThat(c.toString()).doesNotContain("t0p-s3cret");
  }

  @Test
  void queuedBatchesAreDeliveredAndShutdownDrainsTheQueue() throws Exception {
    OtlpSink sink = sink().delay(Duration.ofMillis(20));
    OtlpHttpExporterConfig c = config(sink);
    Exporter e = start(c.withSendingQueue(c.sendingQueue().withEnabled(true).withNumConsumers(2)));

    for (int i = 0; i < 20; i++) {
      e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(i * 5L, 5));
    }
    e.shutdown(Deadline.in(Duration.ofSeconds(10)));

    assertThat(sink.items()).isEqualTo(100);
    assertThat(counter("otelcol_exporter_sent_log_records")).isEqualTo(100);
  }
}
