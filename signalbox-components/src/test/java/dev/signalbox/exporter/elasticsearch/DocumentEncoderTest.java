package dev.signalbox.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.MappingMode;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.SeverityNumber;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact documents of each mapping mode, as the Collector's model.go writes them. */
class DocumentEncoderTest {
  static final long T = 1_700_000_000_123_456_789L;

  final ResourceLogs rl;
  final ScopeLogs sl;
  final LogRecord log;
  final ResourceSpans rs;
  final ScopeSpans ss;
  final Span span;

  DocumentEncoderTest() {
    Logs logs = new Logs();
    rl = logs.resourceLogs().addNew();
    rl.resource().attributes().put("service.name", "shop").put("host.name", "h1")
        .put("telemetry.sdk.language", "java").put("telemetry.sdk.version", "1.67.0").put("os.type", "darwin");
    sl = rl.scopeLogs().addNew();
    sl.scope().setName("app").setVersion("1.0");
    log = sl.logRecords().addNew().setTimeUnixNano(T).setObservedTimeUnixNano(T + 1).setSeverityText("WARN")
        .setSeverityNumber(SeverityNumber.WARN).setBody("disk almost full").setTraceId(1, 2).setSpanId(3).setFlags(1);
    log.attributes().put("disk.free", 0.05).put("disk", "sda").put("exception.type", "IOError")
        .put("tags", AnyValue.ofArray(List.of(AnyValue.of("a"), AnyValue.of("b"))))
        .put("ctx", AnyValue.ofKvList(List.of(new KeyValue("user", AnyValue.of("u1")))));

    Traces traces = new Traces();
    rs = traces.resourceSpans().addNew();
    rs.resource().attributes().put("service.name", "shop");
    ss = rs.scopeSpans().addNew();
    ss.scope().setName("http");
    span = ss.spans().addNew().setTraceId(0x0102030405060708L, 0x090a0b0c0d0e0f10L).setSpanId(0x1112131415161718L)
        .setParentSpanId(0x2122232425262728L).setName("GET /").setKind(SpanKind.SERVER).setStartTimeUnixNano(T)
        .setEndTimeUnixNano(T + 2_500_000).setStatus(StatusCode.ERROR, "boom");
    span.attributes().put("http.method", "GET").put("http.status_code", 500L);
    span.events().addNew().setTimeUnixNano(T + 1000).setName("retry").attributes().put("n", 1L);
    span.links().addNew().setTraceId(0, 9).setSpanId(10).attributes().put("k", "v");
  }

  static String json(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  String log(MappingMode mode, boolean dedot) {
    return json(new DocumentEncoder(mode, dedot).log(rl.resource(), "", sl.scope(), "", log, List.of()));
  }

  String span(MappingMode mode) {
    return json(new DocumentEncoder(mode, true).span(rs.resource(), "", ss.scope(), "", span, List.of()));
  }

  @Test
  void noneModeLogIsTheRecordWithPrefixedAttributesDedotted() {
    assertThat(log(MappingMode.NONE, true)).isEqualTo("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"Attributes\":{\"ctx\":{\"user\":\"u1\"},\"disk\":{\"free\":0.05,\"value\":\"sda\"},"
        + "\"exception\":{\"type\":\"IOError\"},\"tags\":[\"a\",\"b\"]},"
        + "\"Body\":\"disk almost full\","
        + "\"Resource\":{\"host\":{\"name\":\"h1\"},\"os\":{\"type\":\"darwin\"},\"service\":{\"name\":\"shop\"},"
        + "\"telemetry\":{\"sdk\":{\"language\":\"java\",\"version\":\"1.67.0\"}}},"
        + "\"Scope\":{\"name\":\"app\",\"version\":\"1.0\"},"
        + "\"SeverityNumber\":13,\"SeverityText\":\"WARN\",\"SpanId\":\"0000000000000003\","
        + "\"TraceFlags\":1,\"TraceId\":\"00000000000000010000000000000002\"}");
  }

  @Test
  void withoutDedotKeysStayDotted() {
    assertThat(log(MappingMode.NONE, false)).startsWith("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"Attributes.ctx.user\":\"u1\",\"Attributes.disk.free\":0.05,\"Attributes.disk.value\":\"sda\",");
  }

  @Test
  void rawModePutsRecordAttributesAtTheRoot() {
    assertThat(log(MappingMode.RAW, true)).isEqualTo("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"Body\":\"disk almost full\","
        + "\"Resource\":{\"host\":{\"name\":\"h1\"},\"os\":{\"type\":\"darwin\"},\"service\":{\"name\":\"shop\"},"
        + "\"telemetry\":{\"sdk\":{\"language\":\"java\",\"version\":\"1.67.0\"}}},"
        + "\"Scope\":{\"name\":\"app\",\"version\":\"1.0\"},"
        + "\"SeverityNumber\":13,\"SeverityText\":\"WARN\",\"SpanId\":\"0000000000000003\","
        + "\"TraceFlags\":1,\"TraceId\":\"00000000000000010000000000000002\","
        + "\"ctx\":{\"user\":\"u1\"},\"disk\":{\"free\":0.05,\"value\":\"sda\"},"
        + "\"exception\":{\"type\":\"IOError\"},\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void ecsModeLogUsesEcsFieldNames() {
    assertThat(log(MappingMode.ECS, true)).isEqualTo("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"agent\":{\"name\":\"otlp/java\",\"version\":\"1.67.0\"},"
        + "\"ctx\":{\"user\":\"u1\"},\"disk\":{\"free\":0.05,\"value\":\"sda\"},"
        + "\"error\":{\"type\":\"IOError\"},\"event\":{\"severity\":13},"
        + "\"host\":{\"hostname\":\"h1\",\"name\":\"h1\",\"os\":{\"platform\":\"darwin\",\"type\":\"macos\"}},"
        + "\"log\":{\"level\":\"WARN\"},\"message\":\"disk almost full\","
        + "\"service\":{\"name\":\"shop\"},\"span\":{\"id\":\"0000000000000003\"},"
        + "\"tags\":[\"a\",\"b\"],\"trace\":{\"id\":\"00000000000000010000000000000002\"}}");
  }

  @Test
  void otelModeLogKeepsAttributeKeysFlatUnderPassthroughObjects() {
    assertThat(log(MappingMode.OTEL, false)).isEqualTo("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"attributes\":{\"ctx.user\":\"u1\",\"disk.free\":0.05,\"disk.value\":\"sda\",\"exception.type\":\"IOError\","
        + "\"tags\":[\"a\",\"b\"]},"
        + "\"body_text\":\"disk almost full\",\"dropped_attributes_count\":0,"
        + "\"observed_timestamp\":\"2023-11-14T22:13:20.123456790Z\","
        + "\"resource\":{\"attributes\":{\"host.name\":\"h1\",\"os.type\":\"darwin\",\"service.name\":\"shop\","
        + "\"telemetry.sdk.language\":\"java\",\"telemetry.sdk.version\":\"1.67.0\"},\"dropped_attributes_count\":0},"
        + "\"scope\":{\"dropped_attributes_count\":0,\"name\":\"app\",\"version\":\"1.0\"},"
        + "\"severity_number\":13,\"severity_text\":\"WARN\",\"span_id\":\"0000000000000003\","
        + "\"trace_id\":\"00000000000000010000000000000002\"}");
  }

  @Test
  void otelModeMovesDataStreamAttributesToTheTop() {
    String doc = json(new DocumentEncoder(MappingMode.OTEL, true).log(rl.resource(), "https://schema", sl.scope(), "",
        log, List.of(new KeyValue("data_stream.dataset", AnyValue.of("generic.otel")))));

    assertThat(doc).contains("\"data_stream\":{\"dataset\":\"generic.otel\"}")
        .contains("\"resource\":{\"attributes\":{").contains("\"schema_url\":\"https://schema\"");
  }

  @Test
  void noneModeSpanAsTheCollectorWritesIt() {
    assertThat(span(MappingMode.NONE)).isEqualTo("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"Attributes\":{\"http\":{\"method\":\"GET\",\"status_code\":500}},"
        + "\"Duration\":2500,\"EndTimestamp\":\"2023-11-14T22:13:20.125956789Z\","
        + "\"Events\":{\"retry\":{\"n\":1,\"time\":\"2023-11-14T22:13:20.123457789Z\"}},"
        + "\"Kind\":\"SPAN_KIND_SERVER\","
        + "\"Link\":\"[{\\\"attribute\\\":{\\\"k\\\":\\\"v\\\"},\\\"spanID\\\":\\\"000000000000000a\\\","
        + "\\\"traceID\\\":\\\"00000000000000000000000000000009\\\"}]\","
        + "\"Name\":\"GET /\",\"ParentSpanId\":\"2122232425262728\","
        + "\"Resource\":{\"service\":{\"name\":\"shop\"}},\"Scope\":{\"name\":\"http\",\"version\":\"\"},"
        + "\"SpanId\":\"1112131415161718\",\"TraceId\":\"0102030405060708090a0b0c0d0e0f10\","
        + "\"TraceStatus\":2,\"TraceStatusDescription\":\"boom\"}");
  }

  @Test
  void ecsModeSpanIsTheDefaultSpanDocument() {
    assertThat(span(MappingMode.ECS)).isEqualTo(span(MappingMode.NONE));
  }

  @Test
  void otelModeSpanAsTheCollectorWritesIt() {
    assertThat(span(MappingMode.OTEL)).isEqualTo("{\"@timestamp\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"attributes\":{\"http.method\":\"GET\",\"http.status_code\":500},"
        + "\"dropped_attributes_count\":0,\"dropped_events_count\":0,\"dropped_links_count\":0,\"duration\":2500000,"
        + "\"kind\":\"Server\",\"links\":[{\"attributes\":{\"k\":\"v\"},\"dropped_attributes_count\":0,"
        + "\"span_id\":\"000000000000000a\",\"trace_id\":\"00000000000000000000000000000009\",\"trace_state\":\"\"}],"
        + "\"name\":\"GET /\",\"parent_span_id\":\"2122232425262728\","
        + "\"resource\":{\"attributes\":{\"service.name\":\"shop\"},\"dropped_attributes_count\":0},"
        + "\"scope\":{\"dropped_attributes_count\":0,\"name\":\"http\"},\"span_id\":\"1112131415161718\","
        + "\"status\":{\"code\":\"Error\",\"message\":\"boom\"},\"trace_id\":\"0102030405060708090a0b0c0d0e0f10\"}");
  }

  @Test
  void duplicateKeysKeepTheLast() {
    log.attributes().add("disk", AnyValue.of("sdb"));

    assertThat(log(MappingMode.NONE, false)).contains("\"Attributes.disk.value\":\"sdb\"").doesNotContain("sda");
  }
}
