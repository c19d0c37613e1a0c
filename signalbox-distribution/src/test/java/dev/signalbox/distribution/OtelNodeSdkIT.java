package dev.signalbox.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.SeverityNumber;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.Traces;
import dev.signalbox.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The OpenTelemetry Node.js SDK (OTLP/HTTP JSON, resource detectors env, host, os and process)
 * sends traces, metrics and logs into Signalbox → file exporter; what the SDK recorded arrives
 * unchanged. The Node client writes what it sent (from its in-memory exporter) as the oracle.
 */
class OtelNodeSdkIT {
  static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void nodeSdkDataArrivesUnchanged() throws Exception {
    assertThat(NODE_DIR.resolve("node_modules/@opentelemetry/sdk-node")).as(
        "the Node.js test client's packages are installed; run bin/setup-test-env (bin/test does)").exists();
    int httpPort = Ports.free();
    Path out = dir.resolve("out.jsonl");
    String yaml = """
        receivers:
          otlp:
            protocols:
              http: {endpoint: "127.0.0.1:%d"}
        exporters:
          file: {path: "%s", flush_interval: 0s}
        service:
          telemetry: {metrics: {level: none}}
          pipelines:
            traces: {receivers: [otlp], exporters: [file]}
            metrics: {receivers: [otlp], exporters: [file]}
            logs: {receivers: [otlp], exporters: [file]}
        """.formatted(httpPort, out);
    Path expectedFile = dir.resolve("expected.json");
    try (InProcessSignalbox sb = InProcessSignalbox.start(yaml)) {
      ProcessBuilder pb = new ProcessBuilder("node", "client.js").directory(NODE_DIR.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
      pb.environment().put("OTLP_ENDPOINT", "http://127.0.0.1:" + httpPort);
      pb.environment().put("EXPECTED_OUT", expectedFile.toString());
      pb.environment().put("OTEL_NODE_RESOURCE_DETECTORS", "env,host,os,process");
      pb.environment().put("OTEL_RESOURCE_ATTRIBUTES", "service.name=node-client,deployment.environment.name=test");
      pb.environment().put("OTEL_SDK_DISABLED", "false");
      Process p = pb.start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("node.log"))).isZero();
      await().atMost(Duration.ofSeconds(20)).until(() -> InProcessSignalbox.readTraces(out).itemCount() == 2
          && InProcessSignalbox.readLogs(out).itemCount() == 1 && InProcessSignalbox.readMetrics(out).itemCount() >= 2);
    }
    Map<String, Object> expected = parse(Files.readString(expectedFile));
    assertSpans(InProcessSignalbox.readTraces(out), expected);
    assertMetrics(InProcessSignalbox.readMetrics(out));
    assertLogs(InProcessSignalbox.readLogs(out));
  }

  @SuppressWarnings("unchecked")
  static void assertSpans(Traces got, Map<String, Object> expected) {
    Map<String, Span> byId = new LinkedHashMap<>();
    for (ResourceSpans rs : got.resourceSpans()) {
      var res = rs.resource().attributes();
      assertThat(res.getString("service.name")).isEqualTo("node-client");
      assertThat(res.getString("deployment.environment.name")).isEqualTo("test");
      // host, os and process detectors
      assertThat(res.containsKey("host.name")).isTrue();
      assertThat(res.containsKey("os.type")).isTrue();
      assertThat(res.get("process.pid")).isInstanceOf(AnyValue.IntValue.class);
      rs.scopeSpans().forEach(ss -> {
        assertThat(ss.scope().name()).isEqualTo("node-test");
        assertThat(ss.scope().version()).isEqualTo("1.2.3");
        ss.spans().forEach(s -> byId.put(Ids.hex16(s.spanId()), s));
      });
    }
    List<Map<String, Object>> spans = (List<Map<String, Object>>) expected.get("spans");
    assertThat(byId).hasSize(spans.size());
    for (Map<String, Object> e : spans) {
      Span s = byId.get((String) e.get("spanId"));
      assertThat(s).as((String) e.get("name")).isNotNull();
      Map<String, Object> resource = (Map<String, Object>) e.get("resource");
      resource.forEach((k, v) -> assertThat(got.resourceSpans().get(0).resource().attributes().get(k))
          .as("resource attribute " + k).isEqualTo(toAnyValue(v)));
      assertThat(s.traceId().toHex()).isEqualTo(e.get("traceId"));
      assertThat(s.parentSpanId() == 0 ? "" : Ids.hex16(s.parentSpanId())).isEqualTo(e.get("parentSpanId"));
      assertThat(s.name()).isEqualTo(e.get("name"));
      // Node's SpanKind enum is the OTLP number minus one
      assertThat(s.kind().number()).isEqualTo(((Number) e.get("kind")).intValue() + 1);
      assertThat(Long.toString(s.startTimeUnixNano())).isEqualTo(e.get("startTimeUnixNano"));
      assertThat(Long.toString(s.endTimeUnixNano())).isEqualTo(e.get("endTimeUnixNano"));
      Map<String, Object> attrs = (Map<String, Object>) e.get("attributes");
      Map<String, AnyValue> want = new LinkedHashMap<>();
      attrs.forEach((k, v) -> want.put(k, toAnyValue(v)));
      assertThat(s.attributes().asMap()).isEqualTo(want);
      List<Map<String, Object>> events = (List<Map<String, Object>>) e.get("events");
      assertThat(s.hasEvents() ? s.events().size() : 0).isEqualTo(events.size());
      for (int i = 0; i < events.size(); i++) {
        var ev = s.events().get(i);
        assertThat(ev.name()).isEqualTo(events.get(i).get("name"));
        assertThat(Long.toString(ev.timeUnixNano())).isEqualTo(events.get(i).get("timeUnixNano"));
        Map<String, AnyValue> ea = new LinkedHashMap<>();
        ((Map<String, Object>) events.get(i).get("attributes")).forEach((k, v) -> ea.put(k, toAnyValue(v)));
        assertThat(ev.attributes().asMap()).isEqualTo(ea);
      }
      List<Map<String, Object>> links = (List<Map<String, Object>>) e.get("links");
      assertThat(s.hasLinks() ? s.links().size() : 0).isEqualTo(links.size());
      for (int i = 0; i < links.size(); i++) {
        assertThat(s.links().get(i).traceId().toHex()).isEqualTo(links.get(i).get("traceId"));
        assertThat(Ids.hex16(s.links().get(i).spanId())).isEqualTo(links.get(i).get("spanId"));
      }
      Map<String, Object> status = (Map<String, Object>) e.get("status");
      assertThat(s.statusCode().number()).isEqualTo(((Number) status.get("code")).intValue());
      assertThat(s.statusMessage()).isEqualTo(status.getOrDefault("message", ""));
    }
  }

  static void assertMetrics(Metrics got) {
    Map<String, Metric> byName = new LinkedHashMap<>();
    got.resourceMetrics().forEach(rm -> rm.scopeMetrics().forEach(sm -> sm.metrics().forEach(m -> byName.put(m.name(), m))));
    Metric c = byName.get("node.requests");
    assertThat(c.unit()).isEqualTo("{request}");
    assertThat(c.description()).isEqualTo("requests served");
    assertThat(c.sum().dataPoints().get(0).valueAsDouble()).isEqualTo(5);
    assertThat(c.sum().dataPoints().get(0).attributes().getString("route")).isEqualTo("/orders");
    var h = byName.get("node.latency").histogram().dataPoints().get(0);
    assertThat(h.count()).isEqualTo(3);
    assertThat(h.sum()).isEqualTo(130);
    assertThat(h.min()).isEqualTo(3);
    assertThat(h.max()).isEqualTo(120);
  }

  static void assertLogs(Logs got) {
    LogRecord r = got.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(0);
    assertThat(r.severityNumber()).isEqualTo(SeverityNumber.WARN);
    assertThat(r.severityText()).isEqualTo("WARN");
    assertThat(r.body()).isEqualTo(AnyValue.of("order 42 is late"));
    assertThat(r.attributes().get("order.id")).isEqualTo(AnyValue.of(42L));
    assertThat(r.attributes().get("late")).isEqualTo(AnyValue.of(true));
  }

  /** JS values as the OTLP/JSON exporter maps them: integers to intValue, other numbers to doubleValue. */
  static AnyValue toAnyValue(Object v) {
    return switch (v) {
      case String s -> AnyValue.of(s);
      case Boolean b -> AnyValue.of(b);
      case Long l -> AnyValue.of(l);
      case Integer i -> AnyValue.of((long) i);
      case Double d -> d == Math.rint(d) && !Double.isInfinite(d) ? AnyValue.of(d.longValue()) : AnyValue.of(d);
      case List<?> l -> AnyValue.ofArray(l.stream().map(OtelNodeSdkIT::toAnyValue).toList());
      default -> throw new IllegalArgumentException(String.valueOf(v));
    };
  }

  /** A small JSON reader into maps, lists, strings, numbers and booleans. */
  static Map<String, Object> parse(String json) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) read(p);
      return m;
    }
  }

  private static Object read(JsonParser p) {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, read(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getString();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      default -> {
        return null;
      }
    }
  }

}
