package dev.signalbox.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

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
import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.exporter.otlpcommon.OtlpSink;
import dev.signalbox.exporter.otlpcommon.OtlpSink.Answer;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.tls.TlsClientConfig;
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

/** The otlp exporter against our gRPC server decoding with our codec. */
class OtlpExporterTest {
  static final Host HOST = new TestHost();
  static final Set<Signal<?>> ALL = Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS, Signal.PROFILES);
  static final RetryConfig FAST_RETRY = RetryConfig.defaults().withInitialInterval(Duration.ofMillis(10))
      .withMaxInterval(Duration.ofMillis(50)).withMaxElapsedTime(Duration.ofSeconds(10));

  private final MetricRegistry metrics = new MetricRegistry();
  private final ComponentSettings settings = new ComponentSettings(ComponentId.of("otlp"), Kind.EXPORTER, "",
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

  private OtlpSink sink() throws Exception {
    OtlpSink s = OtlpSink.grpc();
    closeables.add(s);
    return s;
  }

  /** Plaintext to the sink, synchronous (no queue) unless the test says otherwise. */
  private static OtlpExporterConfig config(OtlpSink sink) {
    OtlpExporterConfig d = OtlpExporterConfig.defaults(sink.hostPort());
    return d.withClient(d.client().withTls(TlsClientConfig.plaintext()))
        .withSendingQueue(d.sendingQueue().withEnabled(false))
        .withRetryOnFailure(FAST_RETRY);
  }

  private Exporter start(OtlpExporterConfig config) throws Exception {
    Exporter e = new OtlpExporterFactory().create(settings, config, ALL);
    exporters.add(e);
    e.start(HOST);
    return e;
  }

  private double counter(String name, String... labels) {
    double v = metrics.value(name, labels);
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void sendsEachSignalExactlyWithHeadersAndGzip() throws Exception {
    OtlpSink sink = sink();
    OtlpExporterConfig c = config(sink);
    Exporter e = start(c.withClient(c.client().withHeaders(Map.of("X-Tenant-ID", Secret.of("acme"),
        "authorization", Secret.of("Bearer s3cret")))));

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces("svc", 0, 5));
    e.consumer(Signal.METRICS).consume(Context.empty(), TestData.metrics(5, 3));
    e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(8, 2));

    assertThat(sink.received()).extracting(OtlpSink.Received::path)
        .containsExactly(OtlpRoutes.TRACES_METHOD, OtlpRoutes.METRICS_METHOD, OtlpRoutes.LOGS_METHOD);
    assertThat(sink.received(Signal.TRACES).get(0).data()).isEqualTo(TestData.traces("svc", 0, 5));
    assertThat(sink.received(Signal.METRICS).get(0).data()).isEqualTo(TestData.metrics(5, 3));
    assertThat(sink.received(Signal.LOGS).get(0).data()).isEqualTo(TestData.logs(8, 2));
    for (OtlpSink.Received r : sink.received()) {
      assertThat(r.header("x-tenant-id")).isEqualTo("acme");
      assertThat(r.header("authorization")).isEqualTo("Bearer s3cret");
      assertThat(r.header("grpc-encoding")).isEqualTo("gzip");
      assertThat(r.header("user-agent")).startsWith("Signalbox/1.2.3 (");
    }
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(5);
    assertThat(counter("otelcol_exporter_sent_metric_points")).isEqualTo(3);
    assertThat(counter("otelcol_exporter_sent_log_records")).isEqualTo(2);
  }

  @Test
  void sendsUncompressedWithCompressionNone() throws Exception {
    OtlpSink sink = sink();
    OtlpExporterConfig c = config(sink);
    Exporter e = start(c.withClient(c.client().withCompression("none")));

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(2));

    assertThat(sink.received().get(0).header("grpc-encoding")).isNull();
    assertThat(sink.received().get(0).data()).isEqualTo(TestData.traces(2));
  }

  @Test
  void sendsAWireBackedBatchAsItsOriginalBytesWithoutDecodingIt() throws Exception {
    OtlpSink sink = sink();
    Exporter e = start(config(sink));
    byte[] original = OtlpProtoCodec.INSTANCE.encode(TestData.traces("svc", 0, 50));
    Traces wire = OtlpProtoCodec.INSTANCE.decodeTraces(original, 0, original.length);
    byte[] framed = new byte[original.length + 7]; // a request inside a larger buffer, as a receiver may hold it
    System.arraycopy(original, 0, framed, 3, original.length);
    Traces wireInFrame = OtlpProtoCodec.INSTANCE.decodeTraces(framed, 3, original.length);

    e.consumer(Signal.TRACES).consume(Context.empty(), wire);
    e.consumer(Signal.TRACES).consume(Context.empty(), wireInFrame);

    assertThat(wire.isWireBacked()).isTrue();
    assertThat(wireInFrame.isWireBacked()).isTrue();
    assertThat(sink.received()).hasSize(2).allSatisfy(r -> {
      assertThat(r.body()).isEqualTo(original);
      assertThat(r.data()).isEqualTo(TestData.traces("svc", 0, 50));
    });
  }

  @Test
  void sendsTwoMergedWireBackedBatchesAsTheirConcatenatedBytes() throws Exception {
    OtlpSink sink = sink();
    Exporter e = start(config(sink));
    byte[] a = OtlpProtoCodec.INSTANCE.encode(TestData.traces("a", 0, 3));
    byte[] b = OtlpProtoCodec.INSTANCE.encode(TestData.traces("b", 3, 4));
    Traces merged = OtlpProtoCodec.INSTANCE.decodeTraces(a, 0, a.length);
    merged.append(OtlpProtoCodec.INSTANCE.decodeTraces(b, 0, b.length));

    e.consumer(Signal.TRACES).consume(Context.empty(), merged);

    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(sink.received().get(0).body()).isEqualTo(both);
    assertThat(sink.items()).isEqualTo(7);
  }

  @Test
  void countsItemsRejectedByAPartialSuccessAsDroppedAndLogsTheServersMessage() throws Exception {
    OtlpSink sink = sink().then(Answer.partial(3, "3 spans had no name"));
    Exporter e = start(config(sink));

    PermanentException p;
    try (LogCapture logs = new LogCapture()) {
      p = catchThrowableOfType(PermanentException.class,
          () -> e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(10)));
      assertThat(logs.all()).contains("3 spans had no name").contains("3 of 10 spans");
    }

    assertThat(p.rejectedItems()).isEqualTo(3);
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(7);
    assertThat(counter("otelcol_exporter_send_failed_spans", "reason", "permanent")).isEqualTo(3);
  }

  @Test
  void aPartialSuccessWithOnlyAWarningCountsEverythingAsSent() throws Exception {
    OtlpSink sink = sink().then(Answer.partial(0, "slow down a little"));
    Exporter e = start(config(sink));

    try (LogCapture logs = new LogCapture()) {
      e.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 4));
      assertThat(logs.all()).contains("slow down a little");
    }

    assertThat(counter("otelcol_exporter_sent_log_records")).isEqualTo(4);
    assertThat(counter("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isZero();
  }

  @Test
  void retriesUnavailableHonouringRetryInfoThenDeliversOnce() throws Exception {
    RetryableException busy = new RetryableException("busy", null, Duration.ofMillis(300), false);
    OtlpSink sink = sink().then(Answer.fail(busy), Answer.fail(busy));
    Exporter e = start(config(sink));

    e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(4));

    assertThat(sink.attempts()).hasSize(3);
    assertThat(sink.received()).hasSize(1);
    assertThat(sink.received().get(0).data()).isEqualTo(TestData.traces(4));
    // RetryInfo's 300ms replaced the 10-50ms backoff
    assertThat(sink.attempts().get(1) - sink.attempts().get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(290).toNanos());
    assertThat(sink.attempts().get(2) - sink.attempts().get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(290).toNanos());
    assertThat(counter("otelcol_exporter_retries", "data_type", "traces")).isEqualTo(2);
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(4);
  }

  @Test
  void dropsABatchTheServerRefusesWithInvalidArgumentWithoutRetrying() throws Exception {
    OtlpSink sink = sink().then(Answer.fail(new PermanentException("trace_id must be 16 bytes")));
    Exporter e = start(config(sink));

    PermanentException p = catchThrowableOfType(PermanentException.class,
        () -> e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(6)));

    assertThat(p.getMessage()).contains("INVALID_ARGUMENT: trace_id must be 16 bytes");
    assertThat(sink.attempts()).hasSize(1);
    assertThat(counter("otelcol_exporter_send_failed_spans", "reason", "permanent")).isEqualTo(6);
    assertThat(counter("otelcol_exporter_sent_spans")).isZero();
  }

  @Test
  void queuedBatchesAreDeliveredAndShutdownDrainsTheQueue() throws Exception {
    OtlpSink sink = sink().delay(Duration.ofMillis(20));
    OtlpExporterConfig c = config(sink);
    Exporter e = start(c.withSendingQueue(c.sendingQueue().withEnabled(true).withNumConsumers(2)));

    for (int i = 0; i < 20; i++) {
      e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces("svc", i * 5L, 5));
    }
    e.shutdown(Deadline.in(Duration.ofSeconds(10)));

    assertThat(sink.items()).isEqualTo(100);
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(100);
    List<Long> seqs = sink.received().stream()
        .flatMap(r -> ((Traces) r.data()).resourceSpans().get(0).scopeSpans().get(0).spans().stream())
        .map(s -> ((AnyValue.IntValue) s.attributes().get("seq")).value()).sorted().toList();
    assertThat(seqs).isEqualTo(java.util.stream.LongStream.range(0, 100).boxed().toList());
  }

  @Test
  void sendsEachProfilesRequestOnItsOwn() throws Exception {
    OtlpSink sink = sink();
    Exporter e = start(config(sink));
    // ExportProfilesServiceRequest{resource_profiles{scope_profiles{profiles{}}}}: one profile each
    byte[] one = {0x0a, 0x04, 0x12, 0x02, 0x12, 0x00};
    Profiles p = OtlpProtoCodec.INSTANCE.decodeProfiles(one, 0, one.length);
    p.append(OtlpProtoCodec.INSTANCE.decodeProfiles(one.clone(), 0, one.length));

    e.consumer(Signal.PROFILES).consume(Context.empty(), p);

    assertThat(sink.received()).hasSize(2).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo(OtlpRoutes.PROFILES_METHOD);
      assertThat(r.body()).isEqualTo(one);
    });
    assertThat(counter("otelcol_exporter_sent_profiles")).isEqualTo(2);
  }

  @Test
  void neverShowsASecretHeaderValueInLogsMessagesOrConfig() throws Exception {
    OtlpSink sink = sink().then(Answer.fail(new PermanentException("no")));
    OtlpExporterConfig c = config(sink);
    c = c.withClient(c.client().withHeaders(Map.of("authorization", Secret.of("Bearer t0p-s3cret"))));

    String text;
    try (LogCapture logs = new LogCapture()) {
      Exporter e = start(c);
      PermanentException p = catchThrowableOfType(PermanentException.class,
          () -> e.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(1)));
      e.shutdown(Deadline.in(Duration.ofSeconds(5)));
      text = logs.all() + p.getMessage();
    }

    assertThat(sink.attempts()).hasSize(1);
    assertThat(text).contains("INVALID_ARGUMENT").doesNotContain("t0p-s3cret");
    assertThat(c.toString()).doesNotContain("t0p-s3cret").contains("[REDACTED]");
  }

  @Test
  void startFailsWithTheKeyWhenTheEndpointIsMissing() {
    OtlpExporterConfig c = OtlpExporterConfig.defaults();
    Exporter e = new OtlpExporterFactory().create(settings, c, Set.of(Signal.TRACES));
    exporters.add(e);

    IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class, () -> e.start(HOST));

    assertThat(ex.getMessage()).contains("endpoint: must be set");
  }

  @Test
  void shutdownIsIdempotentAndSafeWithoutStart() throws Exception {
    Exporter e = new OtlpExporterFactory().create(settings, OtlpExporterConfig.defaults("localhost:4317"), ALL);
    e.shutdown(Deadline.in(Duration.ofSeconds(1)));
    e.shutdown(Deadline.in(Duration.ofSeconds(1)));
  }

  @Test
  void aBackendThatIsDownMakesTheBatchRetryableNotTheStartFail() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OtlpExporterConfig c = OtlpExporterConfig.defaults("127.0.0.1:" + port);
    c = c.withClient(c.client().withTls(TlsClientConfig.plaintext())).withSendingQueue(c.sendingQueue().withEnabled(false))
        .withRetryOnFailure(RetryConfig.disabled());
    Exporter e = start(c);

    RetryableException r = catchThrowableOfType(RetryableException.class,
        () -> e.consumer(Signal.METRICS).consume(Context.empty(), TestData.metrics(0, 2)));

    assertThat(r.getMessage()).contains("UNAVAILABLE");
    assertThat(counter("otelcol_exporter_send_failed_metric_points", "reason", "retry_disabled")).isEqualTo(2);
  }
}
