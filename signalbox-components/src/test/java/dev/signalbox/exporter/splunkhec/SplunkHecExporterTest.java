package dev.signalbox.exporter.splunkhec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.ValueAtQuantile;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import dev.signalbox.testing.fakes.SplunkHecFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SplunkHecExporterTest {
  static final String TOKEN = "11111111-2222-3333-4444-555555555555";
  final MetricRegistry metrics = new MetricRegistry();
  final SplunkHecFake hec = new SplunkHecFake(TOKEN, "other-token");
  SplunkHecExporter exporter;

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    hec.close();
  }

  SplunkHecExporterConfig config() {
    return SplunkHecExporterConfig.defaults(hec.url(), TOKEN).withSendingQueue(QueueConfig.defaults().withEnabled(false))
        .withRetryOnFailure(RetryConfig.defaults().withInitialInterval(Duration.ofMillis(10))
            .withMaxInterval(Duration.ofMillis(20)).withMaxElapsedTime(Duration.ofSeconds(10)));
  }

  void start(SplunkHecExporterConfig c) throws Exception {
    ComponentSettings s = new ComponentSettings(ComponentId.of("splunk_hec"), Kind.EXPORTER, "",
        metrics.meter().withLabels("exporter", "splunk_hec"), StatusReporter.NOOP,
        new BuildInfo("signalbox", "Signalbox", "1.0.0"));
    exporter = (SplunkHecExporter) new SplunkHecExporterFactory().create(s, c,
        Set.of(Signal.LOGS, Signal.METRICS, Signal.TRACES));
    exporter.start(null);
  }

  double metric(String name, String... labels) {
    String[] all = new String[labels.length + 2];
    all[0] = "exporter";
    all[1] = "splunk_hec";
    System.arraycopy(labels, 0, all, 2, labels.length);
    return metrics.value(name, all);
  }

  @Test
  void logRecordsAreConcatenatedHecEventsWithMetadataAndFields() throws Exception {
    start(config().withMetadata("otel", "_json", "main"));
    Logs logs = TestData.logs(0, 2);
    logs.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(1).setTimeUnixNano(1_700_000_000_123_456_789L)
        .setTraceId(1, 2).setSpanId(3);

    exporter.consumer(Signal.LOGS).consume(Context.empty(), logs);

    assertThat(hec.refusals()).isEmpty();
    SplunkHecFake.Batch b = hec.batches().get(0);
    assertThat(b.request().header("authorization")).isEqualTo("Splunk " + TOKEN);
    assertThat(b.request().header("content-type")).isEqualTo("application/json");
    assertThat(b.request().header("content-encoding")).isNull(); // under 1500 bytes
    assertThat(b.request().header("__splunk_app_name")).isEqualTo("Signalbox");
    assertThat(b.request().header("__splunk_app_version")).isEqualTo("1.0.0");
    assertThat(b.request().bodyText()).isEqualTo(
        "{\"time\":1700000000,\"host\":\"unknown\",\"source\":\"otel\",\"sourcetype\":\"_json\",\"index\":\"main\","
        + "\"event\":\"log line 0\",\"fields\":{\"otel.log.severity.text\":\"INFO\",\"otel.log.severity.number\":9,"
        + "\"service.name\":\"svc\",\"seq\":0}}"
        + "{\"time\":1700000000.123,\"host\":\"unknown\",\"source\":\"otel\",\"sourcetype\":\"_json\",\"index\":\"main\","
        + "\"event\":\"log line 1\",\"fields\":{\"span_id\":\"0000000000000003\","
        + "\"trace_id\":\"00000000000000010000000000000002\",\"otel.log.severity.text\":\"INFO\","
        + "\"otel.log.severity.number\":9,\"service.name\":\"svc\",\"seq\":1}}");
    assertThat(b.events()).extracting(SplunkHecFake.Event::time).containsExactly(1.7e9, 1700000000.123);
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(2);
  }

  @Test
  void attributesSetHostSourceIndexAndAResourceTokenIsUsed() throws Exception {
    start(config().withMetadata("otel", "", ""));
    Logs logs = TestData.logs(0, 1);
    var rl = logs.resourceLogs().get(0);
    rl.resource().attributes().put("host.name", "web-1").put("com.splunk.index", "apps")
        .put("com.splunk.hec.access_token", "other-token")
        .put("labels", AnyValue.ofKvList(List.of(new dev.signalbox.pdata.KeyValue("team", AnyValue.of("a")))));
    rl.scopeLogs().get(0).logRecords().get(0).setBody(AnyValue.ofKvList(List.of(
        new dev.signalbox.pdata.KeyValue("msg", AnyValue.of("structured"))))).attributes()
        .put("com.splunk.sourcetype", "access").put("ids", AnyValue.ofArray(List.of(AnyValue.of(1L), AnyValue.of(2L))));

    exporter.consumer(Signal.LOGS).consume(Context.empty(), logs);

    SplunkHecFake.Batch b = hec.batches().get(0);
    assertThat(b.token()).isEqualTo("other-token");
    SplunkHecFake.Event e = b.events().get(0);
    assertThat(e.host()).isEqualTo("web-1");
    assertThat(e.index()).isEqualTo("apps");
    assertThat(e.sourcetype()).isEqualTo("access");
    assertThat(e.source()).isEqualTo("otel");
    assertThat(e.event()).isEqualTo(Map.of("msg", "structured"));
    assertThat(e.fields()).containsEntry("labels.team", "a").containsEntry("ids", List.of(1L, 2L))
        .doesNotContainKeys("host.name", "com.splunk.index", "com.splunk.hec.access_token", "com.splunk.sourcetype");
  }

  @Test
  void metricsAreHecMetricEvents() throws Exception {
    start(config());
    Metrics m = TestData.metrics(0, 2);
    var sm = m.resourceMetrics().get(0).scopeMetrics().get(0);
    var h = sm.metrics().addNew().setName("latency").setEmptyHistogram();
    h.dataPoints().addNew().setTimeUnixNano(1_700_000_000_500_000_000L).setCount(6).setSum(3.5)
        .setExplicitBounds(new double[] {0.1, 1}).setBucketCounts(new long[] {1, 2, 3});
    var s = sm.metrics().addNew().setName("rt").setEmptySummary();
    s.dataPoints().addNew().setTimeUnixNano(1_700_000_000_000_000_000L).setCount(4).setSum(8)
        .setQuantileValues(List.of(new ValueAtQuantile(0.5, 1.5), new ValueAtQuantile(0.99, 3)));

    exporter.consumer(Signal.METRICS).consume(Context.empty(), m);

    assertThat(hec.refusals()).isEmpty();
    List<SplunkHecFake.Event> ev = hec.events();
    assertThat(ev).allSatisfy(e -> assertThat(e.event()).isEqualTo("metric"));
    assertThat(ev.get(0).fields()).isEqualTo(Map.of("service.name", "svc", "seq", "0", "metric_name:requests", 0L,
        "metric_type", "Sum"));
    assertThat(ev.get(1).fields()).containsEntry("metric_name:requests", 1L).containsEntry("seq", "1");
    assertThat(ev.subList(2, 7)).extracting(SplunkHecFake.Event::fields).containsExactly(
        Map.of("service.name", "svc", "metric_name:latency_sum", 3.5, "metric_type", "Histogram"),
        Map.of("service.name", "svc", "metric_name:latency_count", 6L, "metric_type", "Histogram"),
        Map.of("service.name", "svc", "le", "0.1", "metric_name:latency_bucket", 1L, "metric_type", "Histogram"),
        Map.of("service.name", "svc", "le", "1", "metric_name:latency_bucket", 3L, "metric_type", "Histogram"),
        Map.of("service.name", "svc", "le", "+Inf", "metric_name:latency_bucket", 6L, "metric_type", "Histogram"));
    assertThat(ev.get(2).timeText()).isEqualTo("1700000000.5");
    assertThat(ev.subList(7, 11)).extracting(SplunkHecFake.Event::fields).containsExactly(
        Map.of("service.name", "svc", "metric_name:rt_sum", 8L, "metric_type", "Summary"),
        Map.of("service.name", "svc", "metric_name:rt_count", 4L, "metric_type", "Summary"),
        Map.of("service.name", "svc", "qt", "0.5", "metric_name:rt_0.5", 1.5, "metric_type", "Summary"),
        Map.of("service.name", "svc", "qt", "0.99", "metric_name:rt_0.99", 3L, "metric_type", "Summary"));
    assertThat(metric("otelcol_exporter_sent_metric_points")).isEqualTo(4);
  }

  @Test
  void spansAreEventsWithTheSpanAsJson() throws Exception {
    start(config());
    Traces t = TestData.traces("shop", 0, 1);
    var span = t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).setParentSpanId(0xff)
        .setKind(SpanKind.CLIENT).setStatus(StatusCode.ERROR, "boom");
    span.events().addNew().setName("retry").setTimeUnixNano(1_700_000_000_000_000_500L).attributes().put("n", 1L);
    span.links().addNew().setTraceId(0, 5).setSpanId(6).setTraceState("k=v");

    exporter.consumer(Signal.TRACES).consume(Context.empty(), t);

    assertThat(hec.refusals()).isEmpty();
    assertThat(hec.requests().get(0).bodyText()).isEqualTo("{\"time\":1700000000,\"host\":\"unknown\",\"event\":{"
        + "\"trace_id\":\"01020304050607080000000000000001\",\"span_id\":\"0000000000000001\","
        + "\"parent_span_id\":\"00000000000000ff\",\"name\":\"span-0\",\"attributes\":{\"http.method\":\"GET\","
        + "\"seq\":0},\"end_time\":1700000000001000000,\"kind\":\"SPAN_KIND_CLIENT\","
        + "\"status\":{\"message\":\"boom\",\"code\":\"STATUS_CODE_ERROR\"},\"start_time\":1700000000000000000,"
        + "\"events\":[{\"attributes\":{\"n\":1},\"name\":\"retry\",\"time\":1700000000000000500}],"
        + "\"links\":[{\"trace_id\":\"00000000000000000000000000000005\",\"span_id\":\"0000000000000006\","
        + "\"trace_state\":\"k=v\"}]},\"fields\":{\"service.name\":\"shop\"}}");
  }

  @Test
  void batchesAreCutAtMaxContentLengthAndOversizedEventsAreDropped() throws Exception {
    start(config().withMaxContentLengths(600, 0, 0));
    Logs logs = TestData.logs(0, 6);
    logs.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(2).setBody("x".repeat(700));

    assertThatThrownBy(() -> exporter.consumer(Signal.LOGS).consume(Context.empty(), logs))
        .isInstanceOf(PermanentException.class).hasMessageContaining("larger than max_content_length_logs (600)");

    assertThat(hec.batches().size()).isGreaterThan(1);
    assertThat(hec.requests()).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(600));
    assertThat(hec.events()).extracting(SplunkHecFake.Event::event).containsExactly("log line 0", "log line 1",
        "log line 3", "log line 4", "log line 5");
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(5);
    assertThat(metric("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isEqualTo(1);
  }

  @Test
  void largeBodiesAreGzippedUnlessCompressionIsDisabled() throws Exception {
    start(config());
    exporter.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 30));
    assertThat(hec.requests().get(0).header("content-encoding")).isEqualTo("gzip");
    assertThat(hec.events()).hasSize(30);
  }

  @Test
  void disabledCompressionSendsPlainJson() throws Exception {
    start(config().withDisableCompression(true));
    exporter.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 30));
    assertThat(hec.requests().get(0).header("content-encoding")).isNull();
  }

  @Test
  void anInvalidTokenIsPermanentAndCounted() throws Exception {
    start(config().withToken(dev.signalbox.config.Secret.of("wrong")));

    assertThatThrownBy(() -> exporter.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 3)))
        .isInstanceOf(PermanentException.class).hasMessageContaining("HTTP 401: {\"text\":\"Invalid token\",\"code\":4}");
    assertThat(hec.requests()).hasSize(1);
    assertThat(metric("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isEqualTo(3);
  }

  @Test
  void busyAndThrottledAreRetriedAndOnlyUndeliveredRequestsAreSentAgain() throws Exception {
    start(config().withMaxContentLengths(600, 0, 0));
    hec.enqueue(Answer.json(503, "{\"text\":\"Server is busy\",\"code\":9}"));
    exporter.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 1));
    assertThat(hec.requests()).hasSize(2);

    hec.enqueue(Answer.json(200, "{\"text\":\"Success\",\"code\":0}"),
        Answer.json(429, "{\"text\":\"throttled\"}").withHeader("Retry-After", "0"));
    exporter.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(10, 6));

    List<String> bodies = hec.requests().subList(2, hec.requests().size()).stream()
        .map(dev.signalbox.testing.fakes.FakeHttpServer.Request::bodyText).toList();
    assertThat(bodies.get(2)).isEqualTo(bodies.get(1));
    assertThat(bodies.get(0)).contains("log line 10");
    assertThat(bodies.subList(2, bodies.size())).noneMatch(b -> b.contains("log line 10"));
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(7);
  }

  @Test
  void recordsWithoutBodyCannotBeSentAndAreCounted() throws Exception {
    start(config());
    Logs logs = TestData.logs(0, 2);
    logs.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(0).setBody(AnyValue.empty());

    assertThatThrownBy(() -> exporter.consumer(Signal.LOGS).consume(Context.empty(), logs))
        .isInstanceOf(PermanentException.class).hasMessageContaining("empty body");
    assertThat(hec.events()).hasSize(1);
  }
}
