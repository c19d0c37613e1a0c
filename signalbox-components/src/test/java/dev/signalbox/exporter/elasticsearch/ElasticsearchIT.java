package dev.signalbox.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Mapping;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.MappingMode;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.backends.OpenSearchNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.util.Map;

/**
 * Against a real OpenSearch 3.8 node: logs and spans are indexed through the exporter, searched
 * back with {@code _search} and checked field by field for each mapping mode; a strict mapping
 * makes the node refuse one document of a bulk request, which is dropped and counted while the
 * others are indexed.
 */
class ElasticsearchIT {
  static OpenSearchNode node;
  final MetricRegistry metrics = new MetricRegistry();
  final List<Exporter> exporters = new ArrayList<>();

  @BeforeAll
  static void startNode() {
    node = OpenSearchNode.shared();
  }

  @AfterEach
  void stop() throws Exception {
    for (Exporter e : exporters) {
      e.shutdown(Deadline.in(Duration.ofSeconds(10)));
    }
  }

  Exporter exporter(ElasticsearchExporterConfig config) throws Exception {
    ComponentSettings s = new ComponentSettings(ComponentId.of("elasticsearch"), Kind.EXPORTER, "",
        metrics.meter().withLabels("exporter", "elasticsearch"), StatusReporter.NOOP, BuildInfo.DEFAULT);
    Exporter e = new ElasticsearchExporterFactory().create(s, config, Set.of(Signal.LOGS, Signal.TRACES));
    e.start(null);
    exporters.add(e);
    return e;
  }

  ElasticsearchExporterConfig config(MappingMode mode, String logsIndex, String tracesIndex) {
    return ElasticsearchExporterConfig.defaults(node.url()).withIndexes(logsIndex, tracesIndex)
        .withMapping(new Mapping(mode, true)).withSendingQueue(QueueConfig.defaults().withEnabled(false));
  }


  /** The sources of every hit of {@code index}, sorted by a field, once {@code n} are searchable. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> hits(String index, int n, String sortField) {
    List<Map<String, Object>> out = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      Map<String, Object> r = JsonTree.object(node.search(index, "{\"size\":100,\"query\":{\"match_all\":{}}}"));
      assertThat(JsonTree.at(r, "hits.total.value")).isEqualTo((long) n);
      out.clear();
      for (Object h : (List<Object>) JsonTree.at(r, "hits.hits")) {
        out.add((Map<String, Object>) ((Map<String, Object>) h).get("_source"));
      }
    });
    out.sort((a, b) -> String.valueOf(at(a, sortField)).compareTo(String.valueOf(at(b, sortField))));
    return out;
  }

  static Object at(Object n, String path) {
    return JsonTree.at(n, path);
  }

  static Logs logs(int n) {
    Logs l = TestData.logs(0, n);
    var rl = l.resourceLogs().get(0);
    rl.resource().attributes().put("host.name", "it-host").put("telemetry.sdk.language", "java");
    var r = rl.scopeLogs().get(0).logRecords().get(0);
    r.setTraceId(0x0102030405060708L, 0x090a0b0c0d0e0f10L).setSpanId(0x1112131415161718L);
    r.attributes().put("http.method", "GET").put("exception.type", "IOError");
    return l;
  }

  @ParameterizedTest
  @EnumSource(MappingMode.class)
  void logsAreIndexedAndSearchableInEachMappingMode(MappingMode mode) throws Exception {
    String index = "it-logs-" + mode.name().toLowerCase(Locale.ROOT);
    Exporter e = exporter(config(mode, index, "it-unused"));

    e.consumer(Signal.LOGS).consume(Context.empty(), logs(3));

    List<Map<String, Object>> docs = hits(index, 3, "@timestamp");
    Map<String, Object> first = docs.get(0);
    assertThat(at(first, "@timestamp")).isEqualTo("2023-11-14T22:13:20.000000000Z");
    switch (mode) {
      case NONE -> {
        assertThat(at(first, "Body")).isEqualTo("log line 0");
        assertThat(at(first, "SeverityText")).isEqualTo("INFO");
        assertThat(at(first, "SeverityNumber")).isEqualTo(9L);
        assertThat(at(first, "TraceId")).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(at(first, "SpanId")).isEqualTo("1112131415161718");
        assertThat(at(first, "Attributes.seq")).isEqualTo(0L);
        assertThat(at(first, "Attributes.http.method")).isEqualTo("GET");
        assertThat(at(first, "Resource.service.name")).isEqualTo("svc");
        assertThat(at(first, "Resource.host.name")).isEqualTo("it-host");
        assertThat(at(first, "Scope.name")).isEqualTo("test");
      }
      case RAW -> {
        assertThat(at(first, "Body")).isEqualTo("log line 0");
        assertThat(at(first, "seq")).isEqualTo(0L);
        assertThat(at(first, "http.method")).isEqualTo("GET");
        assertThat(at(first, "Resource.service.name")).isEqualTo("svc");
        assertThat(first.containsKey("Attributes")).isFalse();
      }
      case ECS -> {
        assertThat(at(first, "message")).isEqualTo("log line 0");
        assertThat(at(first, "log.level")).isEqualTo("INFO");
        assertThat(at(first, "event.severity")).isEqualTo(9L);
        assertThat(at(first, "trace.id")).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(at(first, "span.id")).isEqualTo("1112131415161718");
        assertThat(at(first, "service.name")).isEqualTo("svc");
        assertThat(at(first, "host.hostname")).isEqualTo("it-host");
        assertThat(at(first, "host.name")).isEqualTo("it-host");
        assertThat(at(first, "error.type")).isEqualTo("IOError");
        assertThat(at(first, "agent.name")).isEqualTo("otlp/java");
        assertThat(at(first, "seq")).isEqualTo(0L);
      }
      case OTEL -> {
        assertThat(at(first, "body_text")).isEqualTo("log line 0");
        assertThat(at(first, "severity_text")).isEqualTo("INFO");
        assertThat(at(first, "severity_number")).isEqualTo(9L);
        assertThat(at(first, "trace_id")).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(at(first, "attributes.http.method")).isEqualTo("GET");
        assertThat(at(first, "attributes.seq")).isEqualTo(0L);
        assertThat(at(first, "resource.attributes.service.name")).isEqualTo("svc");
        assertThat(at(first, "scope.name")).isEqualTo("test");
      }
    }
    assertThat(docs).extracting(d -> at(d, switch (mode) {
      case NONE -> "Attributes.seq";
      case OTEL -> "attributes";
      default -> "seq";
    })).hasSize(3);
    assertThat(metrics.value("otelcol_exporter_sent_log_records", "exporter", "elasticsearch")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(value = MappingMode.class, names = {"NONE", "OTEL"})
  void spansAreIndexedAndSearchable(MappingMode mode) throws Exception {
    String index = "it-traces-" + mode.name().toLowerCase(Locale.ROOT);
    Exporter e = exporter(config(mode, "it-events-" + mode.name().toLowerCase(Locale.ROOT), index));
    Traces t = TestData.traces("shop", 0, 2);
    var span = t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0);
    span.setParentSpanId(0x99).setKind(SpanKind.CLIENT).setStatus(StatusCode.ERROR, "timeout");

    e.consumer(Signal.TRACES).consume(Context.empty(), t);

    List<Map<String, Object>> docs = hits(index, 2, mode == MappingMode.OTEL ? "name" : "Name");
    Map<String, Object> s = docs.get(0);
    if (mode == MappingMode.NONE) {
      assertThat(at(s, "Name")).isEqualTo("span-0");
      assertThat(at(s, "Kind")).isEqualTo("SPAN_KIND_CLIENT");
      assertThat(at(s, "TraceId")).isEqualTo("01020304050607080000000000000001");
      assertThat(at(s, "SpanId")).isEqualTo("0000000000000001");
      assertThat(at(s, "ParentSpanId")).isEqualTo("0000000000000099");
      assertThat(at(s, "TraceStatus")).isEqualTo(2L);
      assertThat(at(s, "TraceStatusDescription")).isEqualTo("timeout");
      assertThat(at(s, "Duration")).isEqualTo(1000L);
      assertThat(at(s, "Attributes.http.method")).isEqualTo("GET");
      assertThat(at(s, "Resource.service.name")).isEqualTo("shop");
    } else {
      assertThat(at(s, "name")).isEqualTo("span-0");
      assertThat(at(s, "kind")).isEqualTo("Client");
      assertThat(at(s, "duration")).isEqualTo(1_000_000L);
      assertThat(at(s, "status.code")).isEqualTo("Error");
      assertThat(at(s, "attributes.http.method")).isEqualTo("GET");
      assertThat(at(s, "resource.attributes.service.name")).isEqualTo("shop");
    }
  }

  @Test
  void dynamicIndexRoutesByDataStreamAttributes() throws Exception {
    Exporter e = exporter(config(MappingMode.NONE, "it-static", "it-unused").withDynamicIndexes(true, false));
    Logs l = TestData.logs(0, 2);
    l.resourceLogs().get(0).resource().attributes().put("data_stream.dataset", "itapp")
        .put("data_stream.namespace", "prod");

    e.consumer(Signal.LOGS).consume(Context.empty(), l);

    List<Map<String, Object>> docs = hits("logs-itapp-prod", 2, "Body");
    assertThat(at(docs.get(0), "Attributes.data_stream.dataset")).isEqualTo("itapp");
    assertThat(at(docs.get(0), "Attributes.data_stream.type")).isEqualTo("logs");
  }

  @Test
  void aDocumentTheNodeRefusesIsDroppedAndCountedWhileTheOthersAreIndexed() throws Exception {
    String index = "it-strict";
    var created = node.request("PUT", "/" + index, "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{"
        + "\"@timestamp\":{\"type\":\"date_nanos\"},\"Body\":{\"type\":\"text\"},\"SeverityText\":{\"type\":\"keyword\"},"
        + "\"SeverityNumber\":{\"type\":\"long\"},\"TraceFlags\":{\"type\":\"long\"},"
        + "\"Attributes\":{\"properties\":{\"seq\":{\"type\":\"long\"}}},"
        + "\"Resource\":{\"properties\":{\"service\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}}}},"
        + "\"Scope\":{\"properties\":{\"name\":{\"type\":\"keyword\"},\"version\":{\"type\":\"keyword\"}}}}}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    Exporter e = exporter(config(MappingMode.NONE, index, "it-unused"));
    Logs l = TestData.logs(0, 4);
    l.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(2).attributes().put("seq", "not a number");

    assertThatThrownBy(() -> e.consumer(Signal.LOGS).consume(Context.empty(), l))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("1 of 4 could not be indexed; first: document refused: status 400: "
            + "mapper_parsing_exception");

    List<Map<String, Object>> docs = hits(index, 3, "Body");
    assertThat(docs).extracting(d -> at(d, "Body")).containsExactly("log line 0", "log line 1",
        "log line 3");
    assertThat(metrics.value("otelcol_exporter_sent_log_records", "exporter", "elasticsearch")).isEqualTo(3);
    assertThat(metrics.value("otelcol_exporter_send_failed_log_records", "exporter", "elasticsearch",
        "reason", "permanent")).isEqualTo(1);
    assertThat(metrics.value("otelcol_elasticsearch_docs_retried", "exporter", "elasticsearch")).isZero();
  }
}
