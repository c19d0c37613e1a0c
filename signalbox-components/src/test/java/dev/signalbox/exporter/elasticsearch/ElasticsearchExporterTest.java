package dev.signalbox.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Flush;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Mapping;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.MappingMode;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.fakes.ElasticsearchBulkFake;
import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElasticsearchExporterTest {
  final MetricRegistry metrics = new MetricRegistry();
  final ElasticsearchBulkFake es = new ElasticsearchBulkFake();
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  ElasticsearchExporter exporter;

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    es.close();
  }

  ElasticsearchExporterConfig config() {
    return ElasticsearchExporterConfig.defaults(es.url()).withSendingQueue(QueueConfig.defaults().withEnabled(false));
  }

  void start(ElasticsearchExporterConfig config) throws Exception {
    ComponentSettings s = new ComponentSettings(ComponentId.of("elasticsearch"), Kind.EXPORTER, "",
        metrics.meter().withLabels("exporter", "elasticsearch"), StatusReporter.NOOP, BuildInfo.DEFAULT);
    exporter = new ElasticsearchExporter(s, config, Set.of(Signal.LOGS, Signal.TRACES), Clock.systemUTC(),
        sleeps::add);
    exporter.start(null);
  }

  void send(Logs l) throws Exception {
    exporter.consumer(Signal.LOGS).consume(Context.empty(), l);
  }

  double metric(String name, String... labels) {
    String[] all = new String[labels.length + 2];
    all[0] = "exporter";
    all[1] = "elasticsearch";
    System.arraycopy(labels, 0, all, 2, labels.length);
    return metrics.value(name, all);
  }

  static String seq(ElasticsearchBulkFake.Doc d) {
    int i = d.source().indexOf("\"seq\":");
    return d.source().substring(i + 6, d.source().indexOf('}', i));
  }

  @Test
  void logsGoToTheLogsIndexAsNdjsonCreateActions() throws Exception {
    start(config().withAuth("elastic", Secret.of("changeme"), Secret.EMPTY));
    Logs logs = TestData.logs(0, 3);

    send(logs);

    assertThat(es.bulks()).hasSize(1);
    var bulk = es.bulks().get(0);
    assertThat(bulk.request().query()).isEqualTo(
        "filter_path=errors%2Citems.*.status%2Citems.*.error.type%2Citems.*.error.reason");
    assertThat(bulk.request().header("content-type")).isEqualTo("application/x-ndjson");
    assertThat(bulk.request().header("authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("elastic:changeme".getBytes()));
    assertThat(bulk.docs()).extracting(ElasticsearchBulkFake.Doc::action, ElasticsearchBulkFake.Doc::index)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("create", "logs-generic-default"));
    var rl = logs.resourceLogs().get(0);
    var sl = rl.scopeLogs().get(0);
    assertThat(bulk.docs().get(1).source()).isEqualTo(new String(new DocumentEncoder(MappingMode.NONE, true)
        .log(rl.resource(), "", sl.scope(), "", sl.logRecords().get(1), List.of())));
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(3);
  }

  @Test
  void apiKeyAndPipelineAndGzip() throws Exception {
    ElasticsearchExporterConfig c = config().withAuth("", Secret.EMPTY, Secret.of("aWQ6a2V5")).withPipeline("enrich");
    start(c.withClient(c.client().withCompression("gzip")));

    send(TestData.logs(0, 1));

    var r = es.bulks().get(0).request();
    assertThat(r.header("authorization")).isEqualTo("ApiKey aWQ6a2V5");
    assertThat(r.header("content-encoding")).isEqualTo("gzip");
    assertThat(r.query()).endsWith("&pipeline=enrich");
  }

  @Test
  void onlyTheFailedItemsOfABulkResponseAreRetriedAndClientErrorsAreDropped() throws Exception {
    start(config());
    Map<String, Integer> attempts = new ConcurrentHashMap<>();
    es.statusOf(d -> {
      String seq = seq(d);
      int n = attempts.merge(seq, 1, Integer::sum);
      return switch (seq) {
        case "1" -> n == 1 ? 429 : 201;
        case "3" -> n == 1 ? 503 : 201;
        case "4" -> 400;
        default -> 201;
      };
    });

    assertThatThrownBy(() -> send(TestData.logs(0, 5)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("1 of 5 could not be indexed; first: document refused: status 400: "
            + "document_parsing_exception: fake 400");

    assertThat(es.bulks()).hasSize(2);
    assertThat(es.bulks().get(0).docs()).extracting(ElasticsearchExporterTest::seq).containsExactly("0", "1", "2", "3",
        "4");
    assertThat(es.bulks().get(1).docs()).extracting(ElasticsearchExporterTest::seq).containsExactly("1", "3");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(4);
    assertThat(metric("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isEqualTo(1);
    assertThat(metric("otelcol_elasticsearch_docs_retried")).isEqualTo(2);
  }

  @Test
  void itemsStillRefusedAfterMaxRetriesAreDropped() throws Exception {
    start(config());
    es.statusOf(d -> seq(d).equals("0") ? 429 : 201);

    assertThatThrownBy(() -> send(TestData.logs(0, 2))).isInstanceOf(PermanentException.class)
        .hasMessageContaining("status 429: es_rejected_execution_exception: fake 429 (after 2 retries)");
    assertThat(es.bulks()).extracting(b -> b.docs().size()).containsExactly(2, 1, 1);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(1);
  }

  @Test
  void aWholeRequestFailingRetryablyIsSentAgain() throws Exception {
    start(config());
    es.enqueue(Answer.json(503, "{\"error\":\"unavailable\"}"), Answer.json(429, "{\"error\":\"busy\"}"));

    send(TestData.logs(0, 3));

    assertThat(es.requests()).hasSize(3);
    assertThat(es.bulks()).hasSize(1);
    assertThat(metric("otelcol_elasticsearch_bulk_requests", "outcome", "failure")).isEqualTo(2);
    assertThat(metric("otelcol_exporter_sent_log_records")).isEqualTo(3);
  }

  @Test
  void aBackendThatStaysDownIsARetryableFailureOfTheWholeBatch() throws Exception {
    start(config());
    es.enqueue(Answer.of(503), Answer.of(503), Answer.of(503));

    assertThatThrownBy(() -> send(TestData.logs(0, 2))).isInstanceOf(RetryableException.class)
        .hasMessageContaining("_bulk responded with HTTP 503 (after 2 retries)");
  }

  @Test
  void aRequestRefusedWithAClientErrorIsPermanentForAll() throws Exception {
    start(config());
    es.enqueue(Answer.json(401, "{\"error\":\"security_exception\"}"));

    assertThatThrownBy(() -> send(TestData.logs(0, 2))).isInstanceOf(PermanentException.class)
        .hasMessageContaining("2 of 2 could not be indexed; first: _bulk responded with HTTP 401: "
            + "{\"error\":\"security_exception\"}");
    assertThat(es.requests()).hasSize(1);
    assertThat(metric("otelcol_exporter_send_failed_log_records", "reason", "permanent")).isEqualTo(2);
  }

  @Test
  void flushBytesSplitsABatchIntoSeveralRequests() throws Exception {
    start(config().withFlush(new Flush(ByteSize.ofBytes(1200), Duration.ofSeconds(30))));

    send(TestData.logs(0, 10));

    assertThat(es.bulks().size()).isGreaterThan(2);
    assertThat(es.bulks().stream().mapToInt(b -> b.docs().size()).sum()).isEqualTo(10);
    assertThat(es.bulks()).allSatisfy(b -> assertThat(b.request().body().length).isLessThanOrEqualTo(1200));
  }

  @Test
  void aLoneQueuedBatchDoesNotWaitForTheFlushInterval() throws Exception {
    start(ElasticsearchExporterConfig.defaults(es.url()));

    long t0 = System.nanoTime();
    send(TestData.logs(0, 2));
    es.requests();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> es.bulks().size() == 1);

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aDeadEndpointIsSkippedOnRetry() throws Exception {
    start(config().withEndpoints(List.of("http://127.0.0.1:" + Ports.free(), es.url())));

    send(TestData.logs(0, 2));

    assertThat(es.bulks()).hasSize(1);
    assertThat(metric("otelcol_elasticsearch_bulk_requests", "outcome", "failure")).isEqualTo(1);
  }

  @Test
  void spansInOtelModeAlsoWriteTheirEventsAsDocuments() throws Exception {
    start(config().withMapping(new Mapping(MappingMode.OTEL, true)).withDynamicIndexes(false, true));
    Traces t = TestData.traces("shop", 0, 2);
    t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).events().addNew().setName("retry")
        .setTimeUnixNano(1_700_000_000_000_000_500L);

    exporter.consumer(Signal.TRACES).consume(Context.empty(), t);

    assertThat(es.bulks().get(0).docs()).extracting(ElasticsearchBulkFake.Doc::index)
        .containsExactly("traces-generic.otel-default", "logs-generic.otel-default", "traces-generic.otel-default");
    assertThat(es.bulks().get(0).docs().get(1).source()).contains("\"attributes\":{\"event.name\":\"retry\"}")
        .contains("\"data_stream\":{\"dataset\":\"generic.otel\",\"namespace\":\"default\",\"type\":\"logs\"}");
    assertThat(metric("otelcol_exporter_sent_spans")).isEqualTo(2);
  }
}
