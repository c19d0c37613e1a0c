package dev.signalbox.sdk.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * OTLP requests built with the official generated classes (the oracle): hand-written ones that set
 * every field, and a seeded random generator. Ids are never all-zero (pdata reads that as "no id")
 * and the profile-only string-index fields are never set; everything else goes.
 */
final class OtlpTestData {
  private OtlpTestData() {}

  static ByteString id(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  static ByteString id(long v) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(v).array());
  }

  static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static KeyValue kv(String k, AnyValue v) {
    return KeyValue.newBuilder().setKey(k).setValue(v).build();
  }

  static KeyValue kv(String k, String v) {
    return kv(k, str(v));
  }

  /** One attribute of every AnyValue kind, nested ones included. */
  static Iterable<KeyValue> everyKind() {
    AnyValue nestedArray = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(str("a"))
        .addValues(AnyValue.newBuilder().setIntValue(-1))
        .addValues(AnyValue.getDefaultInstance()) // empty element
        .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setBoolValue(false))
            .addValues(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("deep", AnyValue.newBuilder().setDoubleValue(-0.0).build()))))))
        .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance())))
        .build();
    AnyValue kvlist = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(kv("s", "v"))
        .addValues(kv("empty", AnyValue.getDefaultInstance()))
        .addValues(KeyValue.newBuilder().setKey("novalue"))
        .addValues(kv("", "empty key"))
        .addValues(kv("kv", AnyValue.newBuilder().setKvlistValue(KeyValueList.getDefaultInstance()).build())))
        .build();
    return java.util.List.of(
        kv("string", "value ünïcödé 😀"),
        kv("emptystring", ""),
        kv("bool.true", AnyValue.newBuilder().setBoolValue(true).build()),
        kv("bool.false", AnyValue.newBuilder().setBoolValue(false).build()),
        kv("int", AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build()),
        kv("int0", AnyValue.newBuilder().setIntValue(0).build()),
        kv("double", AnyValue.newBuilder().setDoubleValue(3.25).build()),
        kv("double0", AnyValue.newBuilder().setDoubleValue(0).build()),
        kv("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()),
        kv("inf", AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build()),
        kv("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, 1, -1, 127})).build()),
        kv("emptybytes", AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build()),
        kv("array", nestedArray),
        kv("kvlist", kvlist),
        kv("empty", AnyValue.getDefaultInstance()),
        KeyValue.newBuilder().setKey("unset").build(),
        kv("dup", "first"),
        kv("dup", "second"));
  }

  static Resource fullResource() {
    return Resource.newBuilder()
        .addAllAttributes(everyKind())
        .setDroppedAttributesCount(3)
        .addEntityRefs(EntityRef.newBuilder().setSchemaUrl("https://opentelemetry.io/schemas/1.30.0")
            .setType("service").addIdKeys("service.name").addIdKeys("service.namespace")
            .addDescriptionKeys("service.version"))
        .addEntityRefs(EntityRef.newBuilder().setType("host").addIdKeys("host.id"))
        .addEntityRefs(EntityRef.getDefaultInstance())
        .build();
  }

  static InstrumentationScope fullScope() {
    return InstrumentationScope.newBuilder().setName("io.opentelemetry.jdbc").setVersion("2.1.0-alpha")
        .addAttributes(kv("scope.attr", "x")).addAttributes(kv("n", AnyValue.newBuilder().setIntValue(7).build()))
        .setDroppedAttributesCount(-1) // uint32 max
        .build();
  }

  // ------------------------------------------------------------------ traces

  static ExportTraceServiceRequest fullTraces() {
    Span full = Span.newBuilder()
        .setTraceId(id(0x0102030405060708L, 0x090a0b0c0d0e0f10L))
        .setSpanId(id(0xa1a2a3a4a5a6a7a8L))
        .setTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        .setParentSpanId(id(0x1L))
        .setFlags(0x301)
        .setName("GET /api/ü/{id}")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(1_700_000_000_000_000_000L)
        .setEndTimeUnixNano(-1L) // 2^64-1 as fixed64
        .addAllAttributes(everyKind())
        .setDroppedAttributesCount(5)
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(1_700_000_000_000_000_500L).setName("exception")
            .addAttributes(kv("exception.type", "java.lang.IllegalStateException"))
            .addAttributes(kv("exception.message", "boom\n\"quoted\" \\ \u0001"))
            .setDroppedAttributesCount(1))
        .addEvents(Span.Event.getDefaultInstance())
        .setDroppedEventsCount(2)
        .addLinks(Span.Link.newBuilder().setTraceId(id(-1L, -2L)).setSpanId(id(Long.MIN_VALUE))
            .setTraceState("k=v").addAttributes(kv("link", "yes")).setDroppedAttributesCount(4).setFlags(0x101))
        .addLinks(Span.Link.getDefaultInstance())
        .setDroppedLinksCount(9)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("it failed"))
        .build();
    Span minimal = Span.newBuilder().setTraceId(id(7, 8)).setSpanId(id(9)).setName("min").build();
    Span oddEnums = Span.newBuilder().setTraceId(id(1, 2)).setSpanId(id(3))
        .setKindValue(42).setStatus(Status.newBuilder().setCodeValue(7)).build();
    Span negativeEnum = Span.newBuilder().setKindValue(-3)
        .setStatus(Status.newBuilder().setMessage("only a message")).build();
    Span emptyStatus = Span.newBuilder().setName("empty status").setStatus(Status.getDefaultInstance()).build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(fullResource())
            .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
            .addScopeSpans(ScopeSpans.newBuilder().setScope(fullScope()).setSchemaUrl("scope-schema")
                .addSpans(full).addSpans(minimal).addSpans(oddEnums))
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(negativeEnum).addSpans(emptyStatus))
            .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.getDefaultInstance())))
        .addResourceSpans(ResourceSpans.newBuilder().setResource(Resource.getDefaultInstance()))
        .addResourceSpans(ResourceSpans.getDefaultInstance())
        .build();
  }

  /** {@code spans} spans of {@code attrs} string attributes each, like a typical SDK export. */
  static ExportTraceServiceRequest traces(int spans, int attrs) {
    return traces(spans, attrs, false);
  }

  /**
   * Like {@link #traces(int, int)}; with {@code uniqueValues} no attribute value repeats (otherwise
   * each key has 50 distinct values, as low-cardinality attributes do).
   */
  static ExportTraceServiceRequest traces(int spans, int attrs, boolean uniqueValues) {
    Random rnd = new Random(spans * 31L + attrs);
    ScopeSpans.Builder ss = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.okhttp-3.0").setVersion("2.10.0"));
    for (int i = 0; i < spans; i++) {
      Span.Builder s = Span.newBuilder()
          .setTraceId(id(rnd.nextLong(), rnd.nextLong()))
          .setSpanId(id(rnd.nextLong()))
          .setParentSpanId(id(rnd.nextLong()))
          .setName("GET /api/users/{id}")
          .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
          .setFlags(0x101)
          .setStartTimeUnixNano(1_700_000_000_000_000_000L + i * 1000L)
          .setEndTimeUnixNano(1_700_000_000_000_500_000L + i * 1000L)
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
      for (int a = 0; a < attrs; a++) {
        s.addAttributes(kv(ATTR_KEYS[a % ATTR_KEYS.length],
            uniqueValues ? "value-" + a + "-" + i + "-" + Long.toHexString(rnd.nextLong()) : "value-" + a + "-" + (i % 50)));
      }
      ss.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(kv("service.name", "checkout"))
            .addAttributes(kv("host.name", "ip-10-0-0-1"))
            .addAttributes(kv("telemetry.sdk.language", "java")))
        .addScopeSpans(ss)).build();
  }

  private static final String[] ATTR_KEYS = {
    "http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
    "network.protocol.version", "user_agent.original", "thread.name", "thread.id", "code.function"};

  // ------------------------------------------------------------------ metrics

  static ExportMetricsServiceRequest fullMetrics() {
    Exemplar exInt = Exemplar.newBuilder().addFilteredAttributes(kv("user", "alice"))
        .setTimeUnixNano(11).setAsInt(-42).setSpanId(id(5)).setTraceId(id(6, 7)).build();
    Exemplar exDouble = Exemplar.newBuilder().setAsDouble(0.0).setTimeUnixNano(12).build();
    Exemplar exNone = Exemplar.newBuilder().setTimeUnixNano(13).build();
    Metric gauge = Metric.newBuilder().setName("cpu.utilization").setDescription("CPU, 0..1").setUnit("1")
        .setGauge(Gauge.newBuilder()
            .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(everyKind()).setStartTimeUnixNano(1)
                .setTimeUnixNano(2).setAsDouble(0.5).addExemplars(exInt).addExemplars(exDouble).setFlags(0))
            .addDataPoints(NumberDataPoint.newBuilder().setAsInt(0).setFlags(1))
            .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(Double.NaN).addExemplars(exNone))
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(3).setFlags(-1)))
        .addMetadata(kv("meta", "data"))
        .build();
    Metric sum = Metric.newBuilder().setName("http.requests").setUnit("{request}")
        .setSum(Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true)
            .addDataPoints(NumberDataPoint.newBuilder().setAsInt(Long.MAX_VALUE).addAttributes(kv("code", "200"))))
        .build();
    Metric sumOdd = Metric.newBuilder().setName("odd.sum")
        .setSum(Sum.newBuilder().setAggregationTemporalityValue(9)
            .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(-1.5e300)))
        .build();
    Metric histogram = Metric.newBuilder().setName("latency").setUnit("ms")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(HistogramDataPoint.newBuilder().addAttributes(kv("route", "/a"))
                .setStartTimeUnixNano(100).setTimeUnixNano(200).setCount(10).setSum(123.5)
                .addAllBucketCounts(java.util.List.of(1L, 2L, 0L, 7L, -1L))
                .addAllExplicitBounds(java.util.List.of(0.5, 1.0, 10.0, Double.POSITIVE_INFINITY))
                .addExemplars(exInt).setFlags(1).setMin(0.25).setMax(99.0))
            .addDataPoints(HistogramDataPoint.newBuilder().setCount(0).setSum(0.0).setMin(0.0).setMax(-0.0))
            .addDataPoints(HistogramDataPoint.newBuilder().setCount(3)))
        .build();
    Metric expHistogram = Metric.newBuilder().setName("exp")
        .setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().addAttributes(kv("x", "y"))
                .setStartTimeUnixNano(1).setTimeUnixNano(2).setCount(30).setSum(-4.5).setScale(-3)
                .setZeroCount(4).setZeroThreshold(1e-9)
                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-5)
                    .addAllBucketCounts(java.util.List.of(1L, 0L, 300L, Long.MIN_VALUE)))
                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(2).addBucketCounts(1))
                .setFlags(1).addExemplars(exDouble).setMin(-10).setMax(10))
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setScale(20)
                .setPositive(ExponentialHistogramDataPoint.Buckets.getDefaultInstance()))
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder()
                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(Integer.MIN_VALUE)))
            .addDataPoints(ExponentialHistogramDataPoint.getDefaultInstance()))
        .build();
    Metric summary = Metric.newBuilder().setName("gc.pause").setDescription("summary")
        .setSummary(Summary.newBuilder()
            .addDataPoints(SummaryDataPoint.newBuilder().addAttributes(kv("gc", "G1")).setStartTimeUnixNano(5)
                .setTimeUnixNano(6).setCount(100).setSum(12.5).setFlags(1)
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.0).setValue(0.1))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(1.5))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1.0).setValue(9)))
            .addDataPoints(SummaryDataPoint.getDefaultInstance()))
        .build();
    Metric noData = Metric.newBuilder().setName("no.data").addMetadata(kv("only", "metadata")).build();
    Metric emptyGauge = Metric.newBuilder().setName("empty.gauge").setGauge(Gauge.getDefaultInstance()).build();
    Metric emptySummary = Metric.newBuilder().setSummary(Summary.getDefaultInstance()).build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().setResource(fullResource()).setSchemaUrl("rs")
            .addScopeMetrics(ScopeMetrics.newBuilder().setScope(fullScope()).setSchemaUrl("ss")
                .addMetrics(gauge).addMetrics(sum).addMetrics(sumOdd).addMetrics(histogram))
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(expHistogram).addMetrics(summary).addMetrics(noData).addMetrics(emptyGauge)
                .addMetrics(emptySummary).addMetrics(Metric.getDefaultInstance())))
        .addResourceMetrics(ResourceMetrics.getDefaultInstance())
        .build();
  }

  // ------------------------------------------------------------------ logs

  static ExportLogsServiceRequest fullLogs() {
    ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(fullScope()).setSchemaUrl("scope");
    int i = 0;
    for (KeyValue body : everyKind()) {
      sl.addLogRecords(LogRecord.newBuilder().setBody(body.getValue()).setTimeUnixNano(1000 + i)
          .setSeverityNumber(SeverityNumber.forNumber(i % 25)).setSeverityText("S" + i));
      i++;
    }
    sl.addLogRecords(LogRecord.newBuilder()
        .setTimeUnixNano(1_700_000_000_123_456_789L)
        .setObservedTimeUnixNano(1_700_000_000_223_456_789L)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR3)
        .setSeverityText("ERROR")
        .setBody(str("something happened"))
        .addAllAttributes(everyKind())
        .setDroppedAttributesCount(2)
        .setFlags(1)
        .setTraceId(id(0x5b8aa5a2d2c872e8L, 0x321cf37308d69df2L))
        .setSpanId(id(0x051581bf3cb55c13L))
        .setEventName("browser.page_view"));
    sl.addLogRecords(LogRecord.newBuilder().setSeverityNumberValue(99));
    sl.addLogRecords(LogRecord.getDefaultInstance());
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(fullResource()).setSchemaUrl("r").addScopeLogs(sl))
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.getDefaultInstance()))
        .build();
  }
}
