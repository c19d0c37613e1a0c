package dev.signalbox.testing;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.Buckets;
import dev.signalbox.pdata.EntityRef;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.SeverityNumber;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.ValueAtQuantile;
import java.util.List;

/**
 * Batches that set every OTLP field, with attribute values of every type, for tests that check a
 * path keeps content exactly (codecs, chained processes, exporters to backends that keep OTLP).
 */
public final class RichData {
  private static final long T0 = 1_700_000_000_123_456_789L;

  private RichData() {}

  static void everyType(Attributes a, String prefix) {
    a.put(prefix + "str", "välue ✓ \"quoted\"\n");
    a.put(prefix + "bool", true);
    a.put(prefix + "int", -9_007_199_254_740_993L);
    a.put(prefix + "double", 3.141592653589793);
    a.put(prefix + "bytes", AnyValue.of(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}));
    a.put(prefix + "array", AnyValue.ofArray(List.of(AnyValue.of("a"), AnyValue.of(2L), AnyValue.of(false))));
    a.put(prefix + "kvlist", AnyValue.ofKvList(List.of(KeyValue.of("inner", "x"),
        new KeyValue("nested", AnyValue.ofArray(List.of(AnyValue.of(1.5)))))));
    a.put(prefix + "empty", AnyValue.empty());
    a.put(prefix + "emptystr", "");
  }

  static void resource(Resource r, String service) {
    r.attributes().put("service.name", service);
    everyType(r.attributes(), "res.");
    r.setDroppedAttributesCount(3);
    r.setEntityRefs(List.of(new EntityRef("https://opentelemetry.io/schemas/1.30.0", "service",
        List.of("service.name"), List.of("res.str"))));
  }

  public static Traces traces() {
    Traces t = new Traces();
    ResourceSpans rs = t.resourceSpans().addNew();
    resource(rs.resource(), "rich-traces");
    rs.setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
    ScopeSpans ss = rs.scopeSpans().addNew();
    ss.setSchemaUrl("https://opentelemetry.io/schemas/1.25.0");
    ss.scope().setName("rich.scope").setVersion("9.9.9").setDroppedAttributesCount(1);
    everyType(ss.scope().attributes(), "scope.");
    Span root = ss.spans().addNew()
        .setTraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L).setSpanId(0x00f067aa0ba902b7L)
        .setTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE").setFlags(0x301)
        .setName("GET /orders/{id}").setKind(SpanKind.SERVER)
        .setStartTimeUnixNano(T0).setEndTimeUnixNano(T0 + 1_500_000)
        .setDroppedAttributesCount(2).setDroppedEventsCount(4).setDroppedLinksCount(5)
        .setStatus(StatusCode.ERROR, "boom");
    everyType(root.attributes(), "span.");
    var ev = root.events().addNew().setName("exception").setTimeUnixNano(T0 + 1000).setDroppedAttributesCount(1);
    ev.attributes().put("exception.type", "java.lang.IllegalStateException").put("exception.message", "boom");
    root.events().addNew().setName("empty event").setTimeUnixNano(T0 + 2000);
    var link = root.links().addNew().setTraceId(0x0102030405060708L, 0x090a0b0c0d0e0f10L).setSpanId(0x1112131415161718L)
        .setTraceState("k=v").setFlags(0x101).setDroppedAttributesCount(2);
    link.attributes().put("link.kind", "follows");
    ss.spans().addNew()
        .setTraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L).setSpanId(0x1000000000000001L)
        .setParentSpanId(0x00f067aa0ba902b7L).setName("SELECT").setKind(SpanKind.CLIENT)
        .setStartTimeUnixNano(T0 + 10).setEndTimeUnixNano(T0 + 900_000).setStatus(StatusCode.OK, "");
    ss.spans().addNew().setTraceId(1, 2).setSpanId(3).setName("unknown kind").setKindNumber(42).setStatus(7, "odd");
    return t;
  }

  public static Metrics metrics() {
    Metrics m = new Metrics();
    ResourceMetrics rm = m.resourceMetrics().addNew();
    resource(rm.resource(), "rich-metrics");
    rm.setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
    ScopeMetrics sm = rm.scopeMetrics().addNew();
    sm.scope().setName("rich.meter").setVersion("1.0");
    everyType(sm.scope().attributes(), "scope.");

    Metric g = sm.metrics().addNew().setName("temperature").setDescription("current temperature").setUnit("Cel");
    g.metadata().put("meta", "data");
    var gauge = g.setEmptyGauge();
    var p = gauge.dataPoints().addNew().setStartTimeUnixNano(T0).setTimeUnixNano(T0 + 1).setDoubleValue(21.5)
        .setFlags(0);
    everyType(p.attributes(), "dp.");
    p.exemplars().addNew().setTimeUnixNano(T0 + 1).setDoubleValue(21.7).setSpanId(0x00f067aa0ba902b7L)
        .setTraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L).filteredAttributes().put("user", "u1");
    gauge.dataPoints().addNew().setTimeUnixNano(T0 + 2).setIntValue(-7);
    gauge.dataPoints().addNew().setTimeUnixNano(T0 + 3).setFlags(1); // no recorded value

    var sum = sm.metrics().addNew().setName("queue.delta").setUnit("{item}").setEmptySum()
        .setAggregationTemporality(AggregationTemporality.DELTA).setMonotonic(false);
    sum.dataPoints().addNew().setStartTimeUnixNano(T0).setTimeUnixNano(T0 + 5).setIntValue(12)
        .exemplars().addNew().setTimeUnixNano(T0 + 4).setIntValue(3);

    var hist = sm.metrics().addNew().setName("latency").setUnit("ms").setEmptyHistogram()
        .setAggregationTemporality(AggregationTemporality.CUMULATIVE);
    hist.dataPoints().addNew().setStartTimeUnixNano(T0).setTimeUnixNano(T0 + 6).setCount(6).setSum(123.25)
        .setMin(0.5).setMax(99).setExplicitBounds(1, 10, 100).setBucketCounts(1, 2, 2, 1)
        .attributes().put("route", "/a");
    hist.dataPoints().addNew().setTimeUnixNano(T0 + 7).setCount(0).setBucketCounts().setExplicitBounds();

    var exp = sm.metrics().addNew().setName("latency.exp").setUnit("s").setEmptyExponentialHistogram()
        .setAggregationTemporality(AggregationTemporality.DELTA);
    exp.dataPoints().addNew().setStartTimeUnixNano(T0).setTimeUnixNano(T0 + 8).setCount(10).setSum(5.5)
        .setScale(-3).setZeroCount(2).setZeroThreshold(1e-9).setMin(0).setMax(3.5)
        .setPositive(Buckets.of(-2, 1, 2, 3)).setNegative(Buckets.of(1, 2));
    exp.dataPoints().addNew().setTimeUnixNano(T0 + 9).setScale(5);

    var summary = sm.metrics().addNew().setName("rpc.duration").setUnit("s").setEmptySummary();
    summary.dataPoints().addNew().setStartTimeUnixNano(T0).setTimeUnixNano(T0 + 10).setCount(100).setSum(12.5)
        .setQuantileValues(List.of(new ValueAtQuantile(0, 0.01), new ValueAtQuantile(0.5, 0.1),
            new ValueAtQuantile(1, 2.5)));
    sm.metrics().addNew().setName("empty.metric").setDescription("no data");
    return m;
  }

  public static Logs logs() {
    Logs l = new Logs();
    ResourceLogs rl = l.resourceLogs().addNew();
    resource(rl.resource(), "rich-logs");
    rl.setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
    ScopeLogs sl = rl.scopeLogs().addNew();
    sl.scope().setName("rich.logger").setVersion("2.0");
    LogRecord r = sl.logRecords().addNew().setTimeUnixNano(T0).setObservedTimeUnixNano(T0 + 5)
        .setSeverityNumber(SeverityNumber.ERROR3).setSeverityText("ERROR").setBody("disk full on /var")
        .setDroppedAttributesCount(1).setFlags(1).setTraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L)
        .setSpanId(0x00f067aa0ba902b7L).setEventName("disk.full");
    everyType(r.attributes(), "log.");
    sl.logRecords().addNew().setObservedTimeUnixNano(T0 + 6).setBody(AnyValue.ofKvList(List.of(
        KeyValue.of("structured", "yes"), new KeyValue("count", AnyValue.of(3L)))));
    sl.logRecords().addNew().setBody(AnyValue.of(new byte[] {1, 2, 3})).setSeverityNumberValue(99);
    sl.logRecords().addNew();
    return l;
  }
}
