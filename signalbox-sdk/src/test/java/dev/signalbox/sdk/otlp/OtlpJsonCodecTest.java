package dev.signalbox.sdk.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberKind;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.proto.MalformedDataException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtlpJsonCodecTest {
  private static final OtlpJsonCodec JSON = OtlpJsonCodec.INSTANCE;
  private static final OtlpProtoCodec PROTO = OtlpProtoCodec.INSTANCE;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Traces traces(String json) throws MalformedDataException {
    byte[] b = utf8(json);
    return JSON.decodeTraces(b, 0, b.length);
  }

  // ------------------------------------------------------------------ against protobuf's JsonFormat

  @Test
  void encodingMatchesProtobufJsonFormatForFullRequests() throws Exception {
    ExportTraceServiceRequest t = OtlpTestData.fullTraces();
    assertThat(Oracle.tree(JSON.encode(PROTO.decodeTracesEager(t.toByteArray(), 0, t.getSerializedSize()))))
        .isEqualTo(Oracle.oracleJson(Oracle.canonical(t)));
    ExportMetricsServiceRequest m = OtlpTestData.fullMetrics();
    assertThat(Oracle.tree(JSON.encode(PROTO.decodeMetricsEager(m.toByteArray(), 0, m.getSerializedSize()))))
        .isEqualTo(Oracle.oracleJson(Oracle.canonical(m)));
    ExportLogsServiceRequest l = OtlpTestData.fullLogs();
    assertThat(Oracle.tree(JSON.encode(PROTO.decodeLogsEager(l.toByteArray(), 0, l.getSerializedSize()))))
        .isEqualTo(Oracle.oracleJson(Oracle.canonical(l)));
  }

  @Test
  void decodingProtobufJsonFormatOutputGivesTheOriginal() throws Exception {
    ExportTraceServiceRequest t = OtlpTestData.fullTraces();
    byte[] tj = Oracle.json(Oracle.oracleJson(t));
    assertThat(JSON.decodeTraces(tj, 0, tj.length)).isEqualTo(Oracle.toPdata(t));
    ExportMetricsServiceRequest m = OtlpTestData.fullMetrics();
    byte[] mj = Oracle.json(Oracle.oracleJson(m));
    assertThat(JSON.decodeMetrics(mj, 0, mj.length)).isEqualTo(Oracle.toPdata(m));
    ExportLogsServiceRequest l = OtlpTestData.fullLogs();
    byte[] lj = Oracle.json(Oracle.oracleJson(l));
    assertThat(JSON.decodeLogs(lj, 0, lj.length)).isEqualTo(Oracle.toPdata(l));
  }

  @Test
  void randomRequestsMatchJsonFormatBothWays() throws Exception {
    for (int seed = 0; seed < 200; seed++) {
      RandomOtlp gen = new RandomOtlp(seed);
      ExportTraceServiceRequest t = gen.traces();
      Traces pt = Oracle.toPdata(t);
      byte[] tj = JSON.encode(pt);
      assertThat(Oracle.tree(tj)).as("seed %d", seed).isEqualTo(Oracle.oracleJson(Oracle.canonical(t)));
      assertThat(JSON.decodeTraces(tj, 0, tj.length)).as("seed %d", seed).isEqualTo(pt);
      byte[] oj = Oracle.json(Oracle.oracleJson(t));
      assertThat(JSON.decodeTraces(oj, 0, oj.length)).as("seed %d", seed).isEqualTo(pt);

      ExportMetricsServiceRequest m = gen.metrics();
      Metrics pm = Oracle.toPdata(m);
      byte[] mj = JSON.encode(pm);
      assertThat(Oracle.tree(mj)).as("seed %d", seed).isEqualTo(Oracle.oracleJson(Oracle.canonical(m)));
      assertThat(JSON.decodeMetrics(mj, 0, mj.length)).as("seed %d", seed).isEqualTo(pm);

      ExportLogsServiceRequest l = gen.logs();
      Logs pl = Oracle.toPdata(l);
      byte[] lj = JSON.encode(pl);
      assertThat(Oracle.tree(lj)).as("seed %d", seed).isEqualTo(Oracle.oracleJson(Oracle.canonical(l)));
      assertThat(JSON.decodeLogs(lj, 0, lj.length)).as("seed %d", seed).isEqualTo(pl);
      byte[] olj = Oracle.json(Oracle.oracleJson(l));
      assertThat(JSON.decodeLogs(olj, 0, olj.length)).as("seed %d", seed).isEqualTo(pl);
    }
  }

  @Test
  void jsonToPdataToJsonIsStable() throws Exception {
    byte[] once = JSON.encode(Oracle.toPdata(OtlpTestData.fullMetrics()));
    byte[] twice = JSON.encode(JSON.decodeMetrics(once, 0, once.length));
    assertThat(twice).isEqualTo(once);
    // and the proto encoding of the JSON-decoded batch is the canonical proto
    assertThat(PROTO.encode(JSON.decodeMetrics(once, 0, once.length)))
        .isEqualTo(Oracle.canonical(OtlpTestData.fullMetrics()).toByteArray());
  }

  @Test
  void encodesAWireBackedBatchWithoutChangingIt() throws Exception {
    byte[] in = OtlpTestData.fullLogs().toByteArray();
    Logs lazy = PROTO.decodeLogs(in, 0, in.length);
    lazy.markReadOnly();
    byte[] json = JSON.encode(lazy);
    assertThat(Oracle.tree(json)).isEqualTo(Oracle.oracleJson(Oracle.canonical(OtlpTestData.fullLogs())));
  }

  // ------------------------------------------------------------------ a hand-written example

  static final String TRACE_EXAMPLE = """
      {
        "resourceSpans": [{
          "resource": {
            "attributes": [
              {"key": "service.name", "value": {"stringValue": "checkout"}},
              {"key": "service.instance.id", "value": {"stringValue": "627cc493-f310-47de-96bd-71410b7dec09"}}
            ]
          },
          "scopeSpans": [{
            "scope": {"name": "checkout.http", "version": "1.4.2",
                      "attributes": [{"key": "lib.flavour", "value": {"stringValue": "vanilla"}}]},
            "spans": [{
              "traceId": "71699B6FE85982C7C8995EA3D9C95DF2",
              "spanId": "3C191D03FA8BE065",
              "parentSpanId": "",
              "name": "POST /cart/checkout",
              "kind": 2,
              "startTimeUnixNano": "1544712660000000000",
              "endTimeUnixNano": 1544712661000000000,
              "attributes": [
                {"key": "http.response.status_code", "value": {"intValue": "201"}},
                {"key": "retry", "value": {"boolValue": false}},
                {"key": "ratio", "value": {"doubleValue": 0.25}},
                {"key": "tags", "value": {"arrayValue": {"values": [{"stringValue": "a"}, {"intValue": 2}]}}}
              ],
              "events": [{"timeUnixNano": "1544712660500000000", "name": "cart.loaded"}],
              "status": {"code": 1}
            }, {
              "traceId": "71699b6fe85982c7c8995ea3d9c95df2",
              "spanId": "0102030405060708",
              "parentSpanId": "3c191d03fa8be065",
              "name": "SELECT cart",
              "kind": "SPAN_KIND_CLIENT",
              "status": {"code": "STATUS_CODE_ERROR", "message": "timeout"},
              "links": [{"traceId": "00000000000000000000000000000001", "spanId": "0000000000000002",
                         "attributes": [{"key": "why", "value": {"stringValue": "batch"}}]}]
            }]
          }]
        }]
      }
      """;

  @Test
  void decodesAHandWrittenSpecStyleExample() throws Exception {
    Traces t = traces(TRACE_EXAMPLE);
    assertThat(t.itemCount()).isEqualTo(2);
    var rs = t.resourceSpans().get(0);
    assertThat(rs.resource().attributes().getString("service.name")).isEqualTo("checkout");
    assertThat(rs.scopeSpans().get(0).scope().version()).isEqualTo("1.4.2");
    Span server = rs.scopeSpans().get(0).spans().get(0);
    assertThat(server.traceId().toHex()).isEqualTo("71699b6fe85982c7c8995ea3d9c95df2");
    assertThat(server.spanId()).isEqualTo(0x3c191d03fa8be065L);
    assertThat(server.parentSpanId()).isZero();
    assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.startTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(server.endTimeUnixNano()).isEqualTo(1544712661000000000L);
    assertThat(server.attributes().get("http.response.status_code")).isEqualTo(AnyValue.of(201L));
    assertThat(server.attributes().get("retry")).isEqualTo(AnyValue.of(false));
    assertThat(server.attributes().get("ratio")).isEqualTo(AnyValue.of(0.25));
    assertThat(server.attributes().get("tags"))
        .isEqualTo(AnyValue.ofArray(java.util.List.of(AnyValue.of("a"), AnyValue.of(2L))));
    assertThat(server.events().get(0).name()).isEqualTo("cart.loaded");
    assertThat(server.statusCode()).isEqualTo(StatusCode.OK);
    Span client = rs.scopeSpans().get(0).spans().get(1);
    assertThat(client.traceIdHigh()).isEqualTo(server.traceIdHigh());
    assertThat(client.parentSpanId()).isEqualTo(server.spanId());
    assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.statusMessage()).isEqualTo("timeout");
    assertThat(client.links().get(0).traceIdLow()).isEqualTo(1);
    assertThat(client.links().get(0).spanId()).isEqualTo(2);

    // written back: lowercase hex, integer enums, 64-bit as strings, defaults omitted, one line
    String out = new String(JSON.encode(t), StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("\n")
        .contains("\"traceId\":\"71699b6fe85982c7c8995ea3d9c95df2\"")
        .contains("\"kind\":3")
        .contains("\"endTimeUnixNano\":\"1544712661000000000\"")
        .contains("{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"201\"}}")
        .contains("\"status\":{\"code\":1}")
        .doesNotContain("parentSpanId\":\"\"");
    assertThat(out).startsWith("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\"");
  }

  @Test
  void decodesMetricsAndLogsExamples() throws Exception {
    byte[] m = utf8("""
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
          {"name":"requests","unit":"1","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE",
            "isMonotonic":true,"dataPoints":[{"asInt":"10","timeUnixNano":"5","attributes":[]}]}},
          {"name":"latency","histogram":{"aggregationTemporality":1,"dataPoints":[
            {"count":"3","sum":7.5,"bucketCounts":["1",2,"0"],"explicitBounds":[1,"Infinity"],"min":0.5,"max":"NaN"}]}},
          {"name":"temp","gauge":{"dataPoints":[{"asDouble":"-Infinity","exemplars":[{"asInt":7,"spanId":"0000000000000001"}]}]}},
          {"name":"exp","exponentialHistogram":{"dataPoints":[{"scale":-2,"positive":{"offset":-1,"bucketCounts":["5"]},"negative":{}}]}},
          {"name":"q","summary":{"dataPoints":[{"quantileValues":[{"quantile":0.5,"value":1}],"count":"2","sum":"3.5"}]}}
        ]}]}]}
        """);
    Metrics metrics = JSON.decodeMetrics(m, 0, m.length);
    var ms = metrics.resourceMetrics().get(0).scopeMetrics().get(0).metrics();
    assertThat(ms.get(0).sum().aggregationTemporalityNumber()).isEqualTo(2);
    assertThat(ms.get(0).sum().isMonotonic()).isTrue();
    assertThat(ms.get(0).sum().dataPoints().get(0).intValue()).isEqualTo(10);
    var h = ms.get(1).histogram().dataPoints().get(0);
    assertThat(h.bucketCounts()).containsExactly(1, 2, 0);
    assertThat(h.explicitBounds()).containsExactly(1.0, Double.POSITIVE_INFINITY);
    assertThat(h.max()).isNaN();
    var g = ms.get(2).gauge().dataPoints().get(0);
    assertThat(g.valueKind()).isEqualTo(NumberKind.DOUBLE);
    assertThat(g.doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(g.exemplars().get(0).intValue()).isEqualTo(7);
    var e = ms.get(3).exponentialHistogram().dataPoints().get(0);
    assertThat(e.scale()).isEqualTo(-2);
    assertThat(e.positive().bucketCount(0)).isEqualTo(5);
    assertThat(e.negative()).isNotNull();
    assertThat(ms.get(4).summary().dataPoints().get(0).sum()).isEqualTo(3.5);
    assertThat(metrics.itemCount()).isEqualTo(5);
    String out = new String(JSON.encode(metrics), StandardCharsets.UTF_8);
    assertThat(out).contains("\"max\":\"NaN\"").contains("\"asDouble\":\"-Infinity\"")
        .contains("\"explicitBounds\":[1.0,\"Infinity\"]").contains("\"negative\":{}");

    byte[] l = utf8("""
        {"resource_logs":[{"scope_logs":[{"log_records":[{
          "time_unix_nano":"1700000000000000000","severity_number":"SEVERITY_NUMBER_WARN2","severity_text":"WARN",
          "body":{"kvlist_value":{"values":[{"key":"msg","value":{"string_value":"hi"}},
                                            {"key":"raw","value":{"bytes_value":"AAH_-w"}}]}},
          "trace_id":"5b8aa5a2d2c872e8321cf37308d69df2","span_id":"051581bf3cb55c13","flags":1,
          "event_name":"e","dropped_attributes_count":"2"}]}]}]}
        """);
    Logs logs = JSON.decodeLogs(l, 0, l.length);
    var rec = logs.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(0);
    assertThat(rec.severityNumberValue()).isEqualTo(14);
    assertThat(rec.body()).isInstanceOf(AnyValue.KvListValue.class);
    assertThat(((AnyValue.BytesValue) ((AnyValue.KvListValue) rec.body()).values().get(1).value()).value())
        .containsExactly(0, 1, -1, -5);
    assertThat(rec.spanId()).isEqualTo(0x051581bf3cb55c13L);
    assertThat(rec.eventName()).isEqualTo("e");
    assertThat(rec.droppedAttributesCount()).isEqualTo(2);
  }

  @Test
  void ignoresUnknownKeysAndTreatsNullAsAbsent() throws Exception {
    Traces t = traces("""
        {"resourceSpans":[{"resource":null,"unknown":{"deep":[1,2,{"x":null}]},"scopeSpans":[{"spans":[{
          "name":null,"spanId":null,"futureField":"x","attributes":[{"key":"k","value":null},{"key":"n","value":{"stringValue":null}}],
          "status":null,"kind":null}]}],"schemaUrl":null}],"extra":42}
        """);
    Span s = t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0);
    assertThat(s.name()).isEmpty();
    assertThat(s.attributes().get("k")).isEqualTo(AnyValue.empty());
    assertThat(s.attributes().get("n")).isEqualTo(AnyValue.empty());
    assertThat(traces("{}").resourceSpans().isEmpty()).isTrue();
    assertThat(traces("{\"resourceSpans\":null}").resourceSpans().isEmpty()).isTrue();
  }

  // ------------------------------------------------------------------ JSON lines

  @Test
  void jsonLinesHaveOneObjectPerLine() throws Exception {
    Traces t = traces(TRACE_EXAMPLE);
    t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).setName("multi\nline\r\nname");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JSON.writeLineTo(t, out);
    JSON.writeLineTo(t, out);
    String text = out.toString(StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(traces(lines[0])).isEqualTo(t);
    assertThat(JSON.encode(t)).doesNotContain((byte) '\n');
  }

  // ------------------------------------------------------------------ errors

  private static void assertRejected(String json, String message) {
    byte[] b = utf8(json);
    assertThatThrownBy(() -> JSON.decodeTraces(b, 0, b.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(message);
  }

  @Test
  void badIdsAreRejectedWithLocationAndPath() {
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"abc\"}]}]}]}",
        "traceId must be 32 hex digits, got 3 characters at line 1, column 55 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].traceId)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{},{\"spanId\":\"zz02030405060708\"}]}]}]}",
        "spanId must be hex digits, got \"zz02030405060708\" at line 1, column 57 "
            + "(resourceSpans[0].scopeSpans[0].spans[1].spanId)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"W2ql/tLIcugyHPNzCNad8g==\"}]}]}]}",
        "traceId must be 32 hex digits, got 24 characters at line 1, column 55 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].traceId)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"parentSpanId\":7}]}]}]}",
        "parentSpanId must be a hex string, got the number 7 at line 1, column 60 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].parentSpanId)");
  }

  @Test
  void wrongJsonTypesAreRejected() {
    assertRejected("{\"resourceSpans\":{}}", "resourceSpans must be an array, got an object at line 1, column 18 (resourceSpans)");
    assertRejected("{\"resourceSpans\":[{\"schemaUrl\":5}]}",
        "schemaUrl must be a string, got the number 5 at line 1, column 32 (resourceSpans[0].schemaUrl)");
    assertRejected("{\"resourceSpans\":[null]}",
        "list element must be an object, got null at line 1, column 19 (resourceSpans[0])");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":\"SPAN_KIND_SIDEWAYS\"}]}]}]}",
        "kind must be an enum number or name such as SPAN_KIND_CONSUMER, got \"SPAN_KIND_SIDEWAYS\" at line 1, "
            + "column 52 (resourceSpans[0].scopeSpans[0].spans[0].kind)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"-5\"}]}]}]}",
        "startTimeUnixNano is out of range for uint64: -5 at line 1, column 65 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"droppedAttributesCount\":4294967296}]}]}]}",
        "droppedAttributesCount is out of range for uint32: 4294967296 at line 1, column 70 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].droppedAttributesCount)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":1.5}]}]}]}",
        "startTimeUnixNano must be an integer, got \"1.5\" at line 1, column 65 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano)");
    assertRejected("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"1e99999\"}]}]}]}",
        "startTimeUnixNano is out of range: \"1E+99999\" at line 1, column 65 "
            + "(resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano)");
    assertRejected("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"b\",\"value\":{\"bytesValue\":\"***\"}}]}}]}",
        "bytesValue must be base64, got \"***\" at line 1, column 79 "
            + "(resourceSpans[0].resource.attributes[0].value.bytesValue)");
    assertRejected("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"d\",\"value\":{\"doubleValue\":\"lots\"}}]}}]}",
        "doubleValue must be a number, \"NaN\", \"Infinity\" or \"-Infinity\", got \"lots\" at line 1, column 80 "
            + "(resourceSpans[0].resource.attributes[0].value.doubleValue)");
    assertRejected("[]", "expected a JSON object, got an array at line 1, column 1");
    assertRejected("", "empty input, expected a JSON object");
    assertRejected("  \n ", "empty input, expected a JSON object");
    assertRejected("{} {}", "unexpected an object after the end of the request object at line 1, column 4");
  }

  @Test
  void invalidJsonIsReportedWithItsLocation() {
    byte[] b = utf8("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"x\",}]}]}]}");
    assertThatThrownBy(() -> JSON.decodeTraces(b, 0, b.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("invalid JSON: Unexpected character ('}' (code 125))")
        .hasMessageEndingWith("at line 1, column 56 (resourceSpans[0].scopeSpans[0].spans[0])");
    byte[] truncated = utf8("{\"resourceLogs\":[{\"scopeLogs\":[");
    assertThatThrownBy(() -> JSON.decodeLogs(truncated, 0, truncated.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("invalid JSON: Unexpected end-of-input: expected close marker for Array at line 1, column 32 "
            + "(resourceLogs[0].scopeLogs)");
    byte[] multiline = utf8("{\n  \"resourceSpans\": [\n    {\"schemaUrl\": true}\n  ]\n}");
    assertThatThrownBy(() -> JSON.decodeTraces(multiline, 0, multiline.length))
        .hasMessage("schemaUrl must be a string, got true at line 3, column 19 (resourceSpans[0].schemaUrl)");
  }

  @Test
  void deepNestingIsBounded() {
    String deep = "{\"arrayValue\":{\"values\":[".repeat(60) + "{}" + "]}}".repeat(60);
    byte[] b = utf8("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + deep + "}]}]}]}");
    assertThatThrownBy(() -> JSON.decodeLogs(b, 0, b.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("nested deeper than 100 levels at line 1");
  }

  @Test
  void fuzzedJsonOnlyEverThrowsMalformedData() {
    java.util.Random rnd = new java.util.Random(99);
    byte[] seed = JSON.encode(Oracle.toPdata(OtlpTestData.fullTraces()));
    for (int i = 0; i < 2000; i++) {
      byte[] m = OtlpProtoMalformedTest.mutate(seed, rnd);
      try {
        JSON.decodeTraces(m, 0, m.length);
      } catch (MalformedDataException e) {
        assertThat(e.getMessage()).isNotEmpty();
      } catch (RuntimeException e) {
        throw new AssertionError("unexpected " + e + " for " + new String(m, StandardCharsets.UTF_8), e);
      }
    }
  }

  // ------------------------------------------------------------------ responses, profiles

  @Test
  void partialSuccessResponses() throws Exception {
    byte[] r = JSON.encodeResponse(Signal.METRICS, new PartialSuccess(3, "bad points"));
    assertThat(new String(r, StandardCharsets.UTF_8))
        .isEqualTo("{\"partialSuccess\":{\"rejectedDataPoints\":\"3\",\"errorMessage\":\"bad points\"}}");
    assertThat(JSON.decodeResponse(Signal.METRICS, r, 0, r.length)).isEqualTo(new PartialSuccess(3, "bad points"));
    assertThat(new String(JSON.encodeResponse(Signal.TRACES, PartialSuccess.NONE), StandardCharsets.UTF_8)).isEqualTo("{}");
    byte[] spans = utf8("{\"partialSuccess\":{\"rejectedSpans\":7}}");
    assertThat(JSON.decodeResponse(Signal.TRACES, spans, 0, spans.length)).isEqualTo(new PartialSuccess(7, ""));
    byte[] empty = utf8("{}");
    assertThat(JSON.decodeResponse(Signal.LOGS, empty, 0, empty.length)).isSameAs(PartialSuccess.NONE);
    assertThat(new String(JSON.encodeResponse(Signal.LOGS, new PartialSuccess(0, "warn")), StandardCharsets.UTF_8))
        .isEqualTo("{\"partialSuccess\":{\"errorMessage\":\"warn\"}}");
  }

  @Test
  void profilesAreNotSupportedInJson() {
    assertThatThrownBy(() -> JSON.encode(new Profiles())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> JSON.decode(Signal.PROFILES, new byte[2], 0, 2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(JSON.contentType()).isEqualTo("application/json");
  }

  @Test
  void escapesAndUnicodeSurviveTheRoundTrip() throws Exception {
    Traces t = new Traces();
    Span s = t.resourceSpans().addNew().scopeSpans().addNew().spans().addNew();
    s.setName("quote\" backslash\\ slash/ tab\t nul\u0000 é 日本 😀 \ud800").setTraceId(1, 2);
    byte[] b = JSON.encode(t);
    String text = new String(b, StandardCharsets.UTF_8);
    assertThat(text).contains("slash/").contains("\\u0000");
    Span back = JSON.decodeTraces(b, 0, b.length).resourceSpans().get(0).scopeSpans().get(0).spans().get(0);
    assertThat(back.name()).startsWith("quote\" backslash\\ slash/ tab\t nul\u0000 é 日本 😀 ");
  }
}
