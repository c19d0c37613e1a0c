package dev.signalbox.exporter.loki;

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
import dev.signalbox.exporter.loki.LokiExporterConfig.Encoding;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import dev.signalbox.testing.fakes.LokiPushFake;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LokiExporterTest {
  final MetricRegistry metrics = new MetricRegistry();
  final LokiPushFake loki = new LokiPushFake();
  LokiExporter exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    loki.close();
  }

  LokiExporterConfig config() {
    return LokiExporterConfig.defaults(loki.url()).withSendingQueue(QueueConfig.defaults().withEnabled(false))
        .withRetryOnFailure(RetryConfig.defaults().withInitialInterval(Duration.ofMillis(10))
            .withMaxInterval(Duration.ofMillis(20)).withMaxElapsedTime(Duration.ofSeconds(10)));
  }

  void start(LokiExporterConfig c) throws Exception {
    ComponentSettings s = new ComponentSettings(ComponentId.of("loki"), Kind.EXPORTER, "",
        metrics.meter().withLabels("exporter", "loki"), StatusReporter.NOOP, BuildInfo.DEFAULT);
    exporter = (LokiExporter) new LokiExporterFactory().create(s, c, java.util.Set.of(Signal.LOGS));
    exporter.start(null);
  }

  void send(Logs l) throws Exception {
    exporter.consumer(Signal.LOGS).consume(Context.empty(), l);
  }

  double metric(String name, String... labels) {
    String[] all = new String[labels.length + 2];
    all[0] = "exporter";
    all[1] = "loki";
    System.arraycopy(labels, 0, all, 2, labels.length);
    return metrics.value(name, all);
  }

  @Test
  void pushesSnappyProtobufThatDecodesAsLokisPushRequest() throws Exception {
    start(config());

    send(TestData.logs(0, 3));

    assertThat(loki.refusals()).isEmpty();
    LokiPushFake.Push push = loki.pushes().get(0);
    assertThat(push.contentType()).isEqualTo("application/x-protobuf");
    assertThat(push.request().header("content-encoding")).isNull();
    assertThat(push.tenant()).isEmpty();
    assertThat(push.streams()).hasSize(1);
    LokiPushFake.Stream s = push.streams().get(0);
    assertThat(s.labelText()).isEqualTo("{exporter=\"OTLP\", job=\"svc\", level=\"INFO\"}");
    assertThat(s.labels()).isEqualTo(Map.of("exporter", "OTLP", "job", "svc", "level", "INFO"));
    assertThat(s.entries()).extracting(LokiPushFake.Entry::timestampNanos).containsExactly(
        1_700_000_000_000_000_000L, 1_700_000_000_000_000_001L, 1_700_000_000_000_000_002L);
    assertThat(s.entries().get(1).line()).isEqualTo("{\"body\":\"log line 1\",\"severity\":\"INFO\","
        + "\"attributes\":{\"seq\":1},\"resources\":{\"service.name\":\"svc\"},"
        + "\"instrumentation_scope\":{\"name\":\"test\"}}");
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(3);
  }

  @Test
  void jsonEncodingSendsLokisJsonPushFormatWithTheTenantHeader() throws Exception {
    LokiExporterConfig c = config().withEncoding(Encoding.JSON).withTenantId("team-a");
    start(c.withClient(c.client().withCompression("gzip")));

    send(TestData.logs(0, 2));

    assertThat(loki.refusals()).isEmpty();
    LokiPushFake.Push push = loki.pushes().get(0);
    assertThat(push.contentType()).isEqualTo("application/json");
    assertThat(push.request().header("content-encoding")).isEqualTo("gzip");
    assertThat(push.tenant()).isEqualTo("team-a");
    assertThat(push.request().bodyText()).startsWith("{\"streams\":[{\"stream\":{\"exporter\":\"OTLP\",\"job\":\"svc\","
        + "\"level\":\"INFO\"},\"values\":[[\"1700000000000000000\",\"{\\\"body\\\":\\\"log line 0\\\"");
    assertThat(push.streams().get(0).entries()).hasSize(2);
  }

  @Test
  void clientErrorsArePermanentAndCounted() throws Exception {
    start(config());
    loki.enqueue(Answer.text(400, "entry for stream '{job=\"svc\"}' has timestamp too old"));

    assertThatThrownBy(() -> send(TestData.logs(0, 2))).isInstanceOf(PermanentException.class)
        .hasMessageContaining("responded with HTTP 400: entry for stream");
    assertThat(loki.requests()).hasSize(1);
    assertThat(metric("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isEqualTo(2);
  }

  @Test
  void serverErrorsAndRateLimitsAreRetried() throws Exception {
    start(config());
    loki.enqueue(Answer.of(500), Answer.text(429, "Ingestion rate limit exceeded").withHeader("Retry-After", "0"),
        Answer.of(503));

    send(TestData.logs(0, 2));

    assertThat(loki.requests()).hasSize(4);
    assertThat(loki.pushes()).hasSize(1);
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(2);
  }

  @Test
  void aRetryAfterOneTenantFailedSendsOnlyTheTenantsNotYetDelivered() throws Exception {
    start(config());
    Logs l = TestData.logs(0, 2);
    var records = l.resourceLogs().get(0).scopeLogs().get(0).logRecords();
    records.get(0).attributes().put("loki.tenant", "tenant").put("tenant", "a");
    records.get(1).attributes().put("loki.tenant", "tenant").put("tenant", "b");
    loki.enqueue(Answer.of(204), Answer.of(503));

    send(l);

    assertThat(loki.requests()).extracting(r -> r.header("x-scope-orgid")).containsExactly("a", "b", "b");
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(2);
  }

  @Test
  void theFakeRefusesWhatLokiRefuses() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    java.util.function.BiFunction<String, byte[], Integer> post = (ct, body) -> {
      try {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(loki.url())).header("Content-Type", ct)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    var one = new LogsToLoki.Stream("{job=\"a\"}", Map.of("job", "a"), new java.util.ArrayList<>(java.util.List.of(
        new LogsToLoki.Entry(2, "b"), new LogsToLoki.Entry(1, "a"))));
    var badLabels = new LogsToLoki.Stream("{job=a}", Map.of(), java.util.List.of(new LogsToLoki.Entry(1, "a")));

    assertThat(post.apply("application/x-protobuf", LokiPush.protobuf(java.util.List.of(one)))).isEqualTo(400);
    assertThat(post.apply("application/x-protobuf", LokiPush.protobuf(java.util.List.of(badLabels)))).isEqualTo(400);
    assertThat(post.apply("application/x-protobuf", "not snappy".getBytes())).isEqualTo(400);
    assertThat(post.apply("application/json", "{\"streams\":[{\"stream\":{},\"values\":[]}]}".getBytes()))
        .isEqualTo(400);
    assertThat(post.apply("application/json", "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[1,\"x\"]]}]}"
        .getBytes())).isEqualTo(400);
    assertThat(loki.refusals()).containsExactly("entry out of order in stream {job=\"a\"}",
        "error parsing labels: expected a quoted value in {job=a}", "snappy: corrupt input",
        "error at least one label pair is required per stream", "a value's timestamp must be a string");
  }
}
