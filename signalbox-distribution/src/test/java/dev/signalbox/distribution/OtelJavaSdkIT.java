package dev.signalbox.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Ids;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.Traces;
import dev.signalbox.testing.Ports;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenTelemetry Java SDK (OTLP gRPC with gzip, and OTLP HTTP/protobuf) sends traces, metrics
 * and logs into Signalbox → batch → file exporter; every field the SDK produced arrives unchanged.
 * The SDK's own in-memory exporters are the oracle.
 */
class OtelJavaSdkIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void sdkDataArrivesUnchanged(String protocol) throws Exception {
    int grpcPort = Ports.free();
    int httpPort = Ports.free();
    Path out = dir.resolve("out.jsonl");
    String yaml = """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: "127.0.0.1:%d"}
              http: {endpoint: "127.0.0.1:%d"}
        processors:
          batch: {timeout: 50ms}
        exporters:
          file: {path: "%s", flush_interval: 0s}
        service:
          telemetry: {metrics: {level: none}}
          pipelines:
            traces: {receivers: [otlp], processors: [batch], exporters: [file]}
            metrics: {receivers: [otlp], processors: [batch], exporters: [file]}
            logs: {receivers: [otlp], processors: [batch], exporters: [file]}
        """.formatted(grpcPort, httpPort, out);
    try (InProcessSignalbox sb = InProcessSignalbox.start(yaml)) {
      boolean grpc = protocol.equals("grpc");
      SpanExporter spanExporter = grpc
          ? OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).setCompression("gzip").build()
          : OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + httpPort + "/v1/traces").build();
      MetricExporter metricExporter = grpc
          ? OtlpGrpcMetricExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).setCompression("gzip").build()
          : OtlpHttpMetricExporter.builder().setEndpoint("http://127.0.0.1:" + httpPort + "/v1/metrics").build();
      LogRecordExporter logExporter = grpc
          ? OtlpGrpcLogRecordExporter.builder().setEndpoint("http://127.0.0.1:" + grpcPort).build()
          : OtlpHttpLogRecordExporter.builder().setEndpoint("http://127.0.0.1:" + httpPort + "/v1/logs").build();
      InMemorySpanExporter spans = InMemorySpanExporter.create();
      InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
      Resource resource = Resource.create(Attributes.builder()
          .put("service.name", "java-client").put("host.cores", 2L).put("load", 0.75).put("canary", true)
          .put(AttributeKey.stringArrayKey("regions"), List.of("eu", "us"))
          .put(AttributeKey.longArrayKey("ports"), List.of(80L, 443L))
          .put(AttributeKey.doubleArrayKey("weights"), List.of(0.5, 1.5))
          .put(AttributeKey.booleanArrayKey("flags"), List.of(true, false)).build());
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().setResource(resource)
              .addSpanProcessor(BatchSpanProcessor.builder(spanExporter).setScheduleDelay(Duration.ofMillis(50)).build())
              .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
          .setMeterProvider(SdkMeterProvider.builder().setResource(resource)
              .registerMetricReader(PeriodicMetricReader.builder(metricExporter).setInterval(Duration.ofHours(1)).build())
              .build())
          .setLoggerProvider(SdkLoggerProvider.builder().setResource(resource)
              .addLogRecordProcessor(BatchLogRecordProcessor.builder(logExporter).setScheduleDelay(Duration.ofMillis(50)).build())
              .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build())
          .build();

      var tracer = sdk.getTracerProvider().tracerBuilder("orders").setInstrumentationVersion("2.1.0")
          .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0").build();
      SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
          TraceFlags.getSampled(), TraceState.builder().put("vendor", "x").build());
      var parent = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
          .setAttribute("http.request.method", "GET").setAttribute("http.response.status_code", 200L)
          .setAttribute("ratio", 0.25).setAttribute("cached", true)
          .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
          .setAttribute(AttributeKey.longArrayKey("ids"), List.of(1L, 2L, 3L))
          .addLink(remote, Attributes.of(AttributeKey.stringKey("link.kind"), "follows"))
          .startSpan();
      var histogram = sdk.getMeter("orders").histogramBuilder("order.latency").setUnit("ms")
          .setDescription("latency of orders").build();
      var counter = sdk.getMeter("orders").counterBuilder("orders.placed").setUnit("{order}").build();
      try (Scope s = parent.makeCurrent()) {
        parent.addEvent("cache miss", Attributes.of(AttributeKey.stringKey("cache.key"), "orders:42",
            AttributeKey.longKey("attempt"), 2L));
        var child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system", "postgresql").startSpan();
        child.setStatus(StatusCode.ERROR, "deadlock detected");
        child.end();
        histogram.record(12.5, Attributes.of(AttributeKey.stringKey("route"), "/orders"));
        histogram.record(250, Attributes.of(AttributeKey.stringKey("route"), "/orders"));
        sdk.getLogsBridge().get("orders").logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN")
            .setBody("order 42 is late").setAttribute(AttributeKey.longKey("order.id"), 42L)
            .setAttribute(AttributeKey.booleanKey("late"), true).emit();
      }
      counter.add(5, Attributes.of(AttributeKey.stringKey("route"), "/orders"));
      parent.setStatus(StatusCode.OK);
      parent.end();
      // The in-memory exporters forget everything at shutdown: take their content first.
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      List<SpanData> sentSpans = List.copyOf(spans.getFinishedSpanItems());
      List<LogRecordData> sentLogs = List.copyOf(logs.getFinishedLogRecordItems());
      assertThat(sentSpans).hasSize(2);
      assertThat(sdk.shutdown().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();

      await().atMost(Duration.ofSeconds(20)).until(() -> InProcessSignalbox.readTraces(out).itemCount() == 2
          && InProcessSignalbox.readLogs(out).itemCount() == 1 && InProcessSignalbox.readMetrics(out).itemCount() >= 2);

      assertSpans(InProcessSignalbox.readTraces(out), sentSpans, resource);
      assertLogs(InProcessSignalbox.readLogs(out), sentLogs);
      assertMetrics(InProcessSignalbox.readMetrics(out), sentSpans);
    }
  }

  static Map<String, AnyValue> attrs(Attributes a) {
    Map<String, AnyValue> m = new LinkedHashMap<>();
    a.forEach((k, v) -> m.put(k.getKey(), value(v)));
    return m;
  }

  static AnyValue value(Object v) {
    return switch (v) {
      case String s -> AnyValue.of(s);
      case Long l -> AnyValue.of(l);
      case Double d -> AnyValue.of(d);
      case Boolean b -> AnyValue.of(b);
      case List<?> l -> AnyValue.ofArray(l.stream().map(OtelJavaSdkIT::value).toList());
      default -> throw new IllegalArgumentException(String.valueOf(v));
    };
  }

  static void assertSpans(Traces got, List<SpanData> expected, Resource resource) {
    Map<String, Span> byId = new LinkedHashMap<>();
    for (ResourceSpans rs : got.resourceSpans()) {
      assertThat(rs.resource().attributes().asMap()).isEqualTo(attrs(resource.getAttributes()));
      for (ScopeSpans ss : rs.scopeSpans()) {
        assertThat(ss.scope().name()).isEqualTo("orders");
        assertThat(ss.scope().version()).isEqualTo("2.1.0");
        assertThat(ss.schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.24.0");
        ss.spans().forEach(s -> byId.put(Ids.hex16(s.spanId()), s));
      }
    }
    assertThat(byId).hasSize(expected.size());
    for (SpanData e : expected) {
      Span s = byId.get(e.getSpanId());
      assertThat(s).as(e.getName()).isNotNull();
      assertThat(s.traceId().toHex()).isEqualTo(e.getTraceId());
      assertThat(Ids.hex16(s.parentSpanId())).isEqualTo(e.getParentSpanId());
      assertThat(s.name()).isEqualTo(e.getName());
      assertThat(s.kind().name()).isEqualTo(e.getKind().name());
      assertThat(s.startTimeUnixNano()).isEqualTo(e.getStartEpochNanos());
      assertThat(s.endTimeUnixNano()).isEqualTo(e.getEndEpochNanos());
      assertThat(s.flags() & 0xff).isEqualTo(e.getSpanContext().getTraceFlags().asByte() & 0xff);
      assertThat(s.attributes().asMap()).isEqualTo(attrs(e.getAttributes()));
      assertThat(s.statusCode().name()).isEqualTo(e.getStatus().getStatusCode().name());
      assertThat(s.statusMessage()).isEqualTo(e.getStatus().getDescription());
      List<String> events = new ArrayList<>();
      s.events().forEach(ev -> events.add(ev.name() + "@" + ev.timeUnixNano() + ev.attributes().asMap()));
      List<String> expectedEvents = new ArrayList<>();
      for (EventData ev : e.getEvents()) {
        expectedEvents.add(ev.getName() + "@" + ev.getEpochNanos() + attrs(ev.getAttributes()));
      }
      assertThat(events).isEqualTo(expectedEvents);
      List<String> links = new ArrayList<>();
      s.links().forEach(l -> links.add(l.traceId().toHex() + "/" + Ids.hex16(l.spanId()) + " " + l.traceState()
          + " " + l.attributes().asMap()));
      List<String> expectedLinks = new ArrayList<>();
      for (LinkData l : e.getLinks()) {
        expectedLinks.add(l.getSpanContext().getTraceId() + "/" + l.getSpanContext().getSpanId() + " vendor=x "
            + attrs(l.getAttributes()));
      }
      assertThat(links).isEqualTo(expectedLinks);
    }
  }

  static void assertLogs(Logs got, List<LogRecordData> expected) {
    assertThat(got.itemCount()).isEqualTo(1);
    LogRecord r = got.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(0);
    LogRecordData e = expected.get(0);
    assertThat(got.resourceLogs().get(0).scopeLogs().get(0).scope().name()).isEqualTo("orders");
    assertThat(r.body()).isEqualTo(AnyValue.of("order 42 is late"));
    assertThat(r.severityNumberValue()).isEqualTo(e.getSeverity().getSeverityNumber());
    assertThat(r.severityText()).isEqualTo("WARN");
    assertThat(r.attributes().asList()).containsExactlyInAnyOrder(KeyValue.of("order.id", 42L),
        new KeyValue("late", AnyValue.of(true)));
    assertThat(r.timeUnixNano()).isEqualTo(e.getTimestampEpochNanos());
    assertThat(r.observedTimeUnixNano()).isEqualTo(e.getObservedTimestampEpochNanos());
    assertThat(r.traceId().toHex()).isEqualTo(e.getSpanContext().getTraceId());
    assertThat(Ids.hex16(r.spanId())).isEqualTo(e.getSpanContext().getSpanId());
  }

  static void assertMetrics(Metrics got, List<SpanData> spans) {
    Map<String, Metric> byName = new LinkedHashMap<>();
    got.resourceMetrics().forEach(rm -> rm.scopeMetrics().forEach(sm -> sm.metrics().forEach(m -> byName.put(m.name(), m))));
    Metric counter = byName.get("orders.placed");
    assertThat(counter.unit()).isEqualTo("{order}");
    assertThat(counter.sum().isMonotonic()).isTrue();
    NumberDataPoint p = counter.sum().dataPoints().get(0);
    assertThat(p.intValue()).isEqualTo(5);
    assertThat(p.attributes().asList()).containsExactly(KeyValue.of("route", "/orders"));

    Metric hist = byName.get("order.latency");
    assertThat(hist.description()).isEqualTo("latency of orders");
    HistogramDataPoint h = hist.histogram().dataPoints().get(0);
    assertThat(h.count()).isEqualTo(2);
    assertThat(h.sum()).isEqualTo(262.5);
    assertThat(h.min()).isEqualTo(12.5);
    assertThat(h.max()).isEqualTo(250);
    assertThat(h.explicitBounds()).startsWith(0, 5, 10, 25);
    long total = 0;
    for (long c : h.bucketCounts()) {
      total += c;
    }
    assertThat(total).isEqualTo(2);
    SpanData server = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(h.exemplars().asList()).isNotEmpty().allSatisfy(ex -> {
      assertThat(ex.traceId().toHex()).isEqualTo(server.getTraceId());
      assertThat(Ids.hex16(ex.spanId())).isEqualTo(server.getSpanId());
    });
    assertThat(h.exemplars().asList()).extracting(dev.signalbox.pdata.Exemplar::doubleValue).contains(250.0);
  }
}
