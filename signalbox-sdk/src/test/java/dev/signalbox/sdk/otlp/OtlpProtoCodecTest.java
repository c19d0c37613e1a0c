package dev.signalbox.sdk.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Buckets;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.MetricType;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberKind;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.proto.MalformedDataException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesPartialSuccess;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ProfilesDictionary;
import io.opentelemetry.proto.profiles.v1development.ResourceProfiles;
import io.opentelemetry.proto.profiles.v1development.ScopeProfiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OtlpProtoCodecTest {
  private static final OtlpProtoCodec CODEC = OtlpProtoCodec.INSTANCE;

  static int spanCount(ExportTraceServiceRequest r) {
    return r.getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream()).mapToInt(ss -> ss.getSpansCount()).sum();
  }

  static int pointCount(ExportMetricsServiceRequest r) {
    return r.getResourceMetricsList().stream()
        .flatMap(rm -> rm.getScopeMetricsList().stream())
        .flatMap(sm -> sm.getMetricsList().stream())
        .mapToInt(m -> switch (m.getDataCase()) {
          case GAUGE -> m.getGauge().getDataPointsCount();
          case SUM -> m.getSum().getDataPointsCount();
          case HISTOGRAM -> m.getHistogram().getDataPointsCount();
          case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
          case SUMMARY -> m.getSummary().getDataPointsCount();
          default -> 0;
        }).sum();
  }

  static int recordCount(ExportLogsServiceRequest r) {
    return r.getResourceLogsList().stream()
        .flatMap(rl -> rl.getScopeLogsList().stream()).mapToInt(sl -> sl.getLogRecordsCount()).sum();
  }

  // ------------------------------------------------------------------ round trips against the oracle

  @Test
  void fullTracesRoundTripIsByteIdenticalToProtobufJava() throws Exception {
    ExportTraceServiceRequest req = OtlpTestData.fullTraces();
    byte[] in = req.toByteArray();
    byte[] out = CODEC.encode(CODEC.decodeTracesEager(in, 0, in.length));
    assertThat(ExportTraceServiceRequest.parseFrom(out)).isEqualTo(Oracle.canonical(req));
    assertThat(out).isEqualTo(Oracle.canonical(req).toByteArray());
  }

  @Test
  void fullMetricsRoundTripIsByteIdenticalToProtobufJava() throws Exception {
    ExportMetricsServiceRequest req = OtlpTestData.fullMetrics();
    byte[] in = req.toByteArray();
    byte[] out = CODEC.encode(CODEC.decodeMetricsEager(in, 0, in.length));
    assertThat(ExportMetricsServiceRequest.parseFrom(out)).isEqualTo(Oracle.canonical(req));
    assertThat(out).isEqualTo(Oracle.canonical(req).toByteArray());
  }

  @Test
  void fullLogsRoundTripIsByteIdenticalToProtobufJava() throws Exception {
    ExportLogsServiceRequest req = OtlpTestData.fullLogs();
    byte[] in = req.toByteArray();
    byte[] out = CODEC.encode(CODEC.decodeLogsEager(in, 0, in.length));
    assertThat(ExportLogsServiceRequest.parseFrom(out)).isEqualTo(Oracle.canonical(req));
    assertThat(out).isEqualTo(Oracle.canonical(req).toByteArray());
  }

  @Test
  void decodedPdataEqualsAnIndependentConversionOfTheOracle() throws Exception {
    ExportTraceServiceRequest t = OtlpTestData.fullTraces();
    assertThat(CODEC.decodeTracesEager(t.toByteArray(), 0, t.getSerializedSize())).isEqualTo(Oracle.toPdata(t));
    ExportMetricsServiceRequest m = OtlpTestData.fullMetrics();
    assertThat(CODEC.decodeMetricsEager(m.toByteArray(), 0, m.getSerializedSize())).isEqualTo(Oracle.toPdata(m));
    ExportLogsServiceRequest l = OtlpTestData.fullLogs();
    assertThat(CODEC.decodeLogsEager(l.toByteArray(), 0, l.getSerializedSize())).isEqualTo(Oracle.toPdata(l));
  }

  @Test
  void randomRequestsRoundTripAndMatchTheOracle() throws Exception {
    for (int seed = 0; seed < 300; seed++) {
      RandomOtlp gen = new RandomOtlp(seed);
      ExportTraceServiceRequest t = gen.traces();
      byte[] tb = t.toByteArray();
      Traces traces = CODEC.decodeTracesEager(tb, 0, tb.length);
      assertThat(traces).as("seed %d", seed).isEqualTo(Oracle.toPdata(t));
      assertThat(CODEC.encode(traces)).as("seed %d", seed).isEqualTo(Oracle.canonical(t).toByteArray());
      assertThat(CODEC.decodeTraces(tb, 0, tb.length).itemCount()).isEqualTo(spanCount(t));

      ExportMetricsServiceRequest m = gen.metrics();
      byte[] mb = m.toByteArray();
      Metrics metrics = CODEC.decodeMetricsEager(mb, 0, mb.length);
      assertThat(metrics).as("seed %d", seed).isEqualTo(Oracle.toPdata(m));
      assertThat(CODEC.encode(metrics)).as("seed %d", seed).isEqualTo(Oracle.canonical(m).toByteArray());
      assertThat(CODEC.decodeMetrics(mb, 0, mb.length).itemCount()).isEqualTo(pointCount(m));

      ExportLogsServiceRequest l = gen.logs();
      byte[] lb = l.toByteArray();
      Logs logs = CODEC.decodeLogsEager(lb, 0, lb.length);
      assertThat(logs).as("seed %d", seed).isEqualTo(Oracle.toPdata(l));
      assertThat(CODEC.encode(logs)).as("seed %d", seed).isEqualTo(Oracle.canonical(l).toByteArray());
      assertThat(CODEC.decodeLogs(lb, 0, lb.length).itemCount()).isEqualTo(recordCount(l));
    }
  }

  // ------------------------------------------------------------------ decoded values, checked directly

  @Test
  void decodesSpanFieldsToTheirPdataValues() throws Exception {
    byte[] in = OtlpTestData.fullTraces().toByteArray();
    Traces t = CODEC.decodeTracesEager(in, 0, in.length);
    assertThat(t.resourceSpans().size()).isEqualTo(3);
    assertThat(t.itemCount()).isEqualTo(5);
    var rs = t.resourceSpans().get(0);
    assertThat(rs.schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.21.0");
    assertThat(rs.resource().droppedAttributesCount()).isEqualTo(3);
    assertThat(rs.resource().entityRefs()).hasSize(3);
    assertThat(rs.resource().entityRefs().get(0).idKeys()).containsExactly("service.name", "service.namespace");
    var scope = rs.scopeSpans().get(0).scope();
    assertThat(scope.name()).isEqualTo("io.opentelemetry.jdbc");
    assertThat(scope.version()).isEqualTo("2.1.0-alpha");
    assertThat(scope.droppedAttributesCount()).isEqualTo(-1); // uint32 max, as the int's bits
    assertThat(scope.attributes().get("n")).isEqualTo(AnyValue.of(7L));

    Span s = rs.scopeSpans().get(0).spans().get(0);
    assertThat(s.traceIdHigh()).isEqualTo(0x0102030405060708L);
    assertThat(s.traceIdLow()).isEqualTo(0x090a0b0c0d0e0f10L);
    assertThat(s.traceId().toHex()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
    assertThat(s.spanId()).isEqualTo(0xa1a2a3a4a5a6a7a8L);
    assertThat(s.parentSpanId()).isEqualTo(1L);
    assertThat(s.traceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    assertThat(s.flags()).isEqualTo(0x301);
    assertThat(s.name()).isEqualTo("GET /api/ü/{id}");
    assertThat(s.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(s.startTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(s.endTimeUnixNano()).isEqualTo(-1L);
    assertThat(s.droppedAttributesCount()).isEqualTo(5);
    assertThat(s.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(s.statusMessage()).isEqualTo("it failed");
    assertThat(s.attributes().get("string")).isInstanceOf(AnyValue.StringValue.class)
        .isEqualTo(AnyValue.of("value ünïcödé 😀"));
    assertThat(s.attributes().get("bool.true")).isEqualTo(AnyValue.of(true));
    assertThat(s.attributes().get("int")).isEqualTo(AnyValue.of(Long.MIN_VALUE));
    assertThat(s.attributes().get("int0")).isEqualTo(AnyValue.of(0L));
    assertThat(s.attributes().get("double")).isEqualTo(AnyValue.of(3.25));
    assertThat(((AnyValue.DoubleValue) s.attributes().get("nan")).value()).isNaN();
    assertThat(((AnyValue.BytesValue) s.attributes().get("bytes")).value()).containsExactly(0, 1, -1, 127);
    assertThat(s.attributes().get("empty")).isEqualTo(AnyValue.empty());
    assertThat(s.attributes().get("unset")).isEqualTo(AnyValue.empty());
    assertThat(s.attributes().get("emptystring")).isEqualTo(AnyValue.of(""));
    AnyValue.ArrayValue arr = (AnyValue.ArrayValue) s.attributes().get("array");
    assertThat(arr.values()).hasSize(5);
    assertThat(arr.values().get(2)).isEqualTo(AnyValue.empty());
    assertThat(((AnyValue.ArrayValue) arr.values().get(3)).values().get(1)).isInstanceOf(AnyValue.KvListValue.class);
    assertThat(s.attributes().asList().stream().filter(kv -> kv.key().equals("dup")).map(kv -> kv.value().asString()))
        .containsExactly("first", "second");
    assertThat(s.events()).hasSize(2);
    assertThat(s.events().get(0).name()).isEqualTo("exception");
    assertThat(s.events().get(0).attributes().getString("exception.message")).isEqualTo("boom\n\"quoted\" \\ \u0001");
    assertThat(s.droppedEventsCount()).isEqualTo(2);
    assertThat(s.links().get(0).traceIdHigh()).isEqualTo(-1L);
    assertThat(s.links().get(0).traceIdLow()).isEqualTo(-2L);
    assertThat(s.links().get(0).spanId()).isEqualTo(Long.MIN_VALUE);
    assertThat(s.links().get(0).flags()).isEqualTo(0x101);
    assertThat(s.links().get(1).traceIdHigh()).isZero();
    assertThat(s.droppedLinksCount()).isEqualTo(9);

    Span odd = rs.scopeSpans().get(0).spans().get(2);
    assertThat(odd.kindNumber()).isEqualTo(42);
    assertThat(odd.kind()).isEqualTo(SpanKind.UNSPECIFIED);
    assertThat(odd.statusCodeNumber()).isEqualTo(7);
    assertThat(rs.scopeSpans().get(1).spans().get(0).kindNumber()).isEqualTo(-3);
  }

  @Test
  void decodesMetricFieldsToTheirPdataValues() throws Exception {
    byte[] in = OtlpTestData.fullMetrics().toByteArray();
    Metrics m = CODEC.decodeMetricsEager(in, 0, in.length);
    var metrics = m.resourceMetrics().get(0).scopeMetrics().get(0).metrics();
    Metric gauge = metrics.get(0);
    assertThat(gauge.type()).isEqualTo(MetricType.GAUGE);
    assertThat(gauge.metadata().getString("meta")).isEqualTo("data");
    var p0 = gauge.gauge().dataPoints().get(0);
    assertThat(p0.valueKind()).isEqualTo(NumberKind.DOUBLE);
    assertThat(p0.doubleValue()).isEqualTo(0.5);
    assertThat(p0.exemplars().get(0).valueKind()).isEqualTo(NumberKind.INT);
    assertThat(p0.exemplars().get(0).intValue()).isEqualTo(-42);
    assertThat(p0.exemplars().get(0).spanId()).isEqualTo(5);
    assertThat(p0.exemplars().get(0).traceIdLow()).isEqualTo(7);
    assertThat(p0.exemplars().get(1).valueKind()).isEqualTo(NumberKind.DOUBLE);
    assertThat(gauge.gauge().dataPoints().get(1).valueKind()).isEqualTo(NumberKind.INT);
    assertThat(gauge.gauge().dataPoints().get(1).noRecordedValue()).isTrue();
    assertThat(gauge.gauge().dataPoints().get(3).valueKind()).isEqualTo(NumberKind.NONE);
    assertThat(metrics.get(1).sum().isMonotonic()).isTrue();
    assertThat(metrics.get(2).sum().aggregationTemporalityNumber()).isEqualTo(9);
    var h = metrics.get(3).histogram().dataPoints();
    assertThat(h.get(0).bucketCounts()).containsExactly(1, 2, 0, 7, -1);
    assertThat(h.get(0).explicitBounds()).containsExactly(0.5, 1.0, 10.0, Double.POSITIVE_INFINITY);
    assertThat(h.get(0).hasSum()).isTrue();
    assertThat(h.get(1).hasMin()).isTrue();
    assertThat(h.get(1).min()).isZero();
    assertThat(h.get(2).hasSum()).isFalse();
    assertThat(h.get(2).hasMax()).isFalse();
    var exp = m.resourceMetrics().get(0).scopeMetrics().get(1).metrics().get(0).exponentialHistogram().dataPoints();
    assertThat(exp.get(0).scale()).isEqualTo(-3);
    assertThat(exp.get(0).positive()).isEqualTo(Buckets.of(-5, 1, 0, 300, Long.MIN_VALUE));
    assertThat(exp.get(1).positive()).isEqualTo(Buckets.EMPTY);
    assertThat(exp.get(1).negative()).isNull();
    assertThat(exp.get(2).negative().offset()).isEqualTo(Integer.MIN_VALUE);
    assertThat(exp.get(3).positive()).isNull();
    var noData = m.resourceMetrics().get(0).scopeMetrics().get(1).metrics().get(2);
    assertThat(noData.type()).isEqualTo(MetricType.EMPTY);
    assertThat(m.itemCount()).isEqualTo(pointCount(OtlpTestData.fullMetrics()));
  }

  // ------------------------------------------------------------------ wire-backed batches

  @Test
  void wireBackedBatchIsReSentAsTheSameBytes() throws Exception {
    byte[] in = OtlpTestData.traces(20, 3).toByteArray();
    Traces t = CODEC.decodeTraces(in, 0, in.length);
    assertThat(t.isWireBacked()).isTrue();
    assertThat(t.itemCount()).isEqualTo(20);
    assertThat(t.sizeHint()).isEqualTo(in.length);
    assertThat(CODEC.encode(t)).isEqualTo(in);
    ByteBuffer bb = CODEC.encodeToBuffer(t);
    assertThat(bb.isReadOnly()).isTrue();
    assertThat(bb.remaining()).isEqualTo(in.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CODEC.writeTo(t, out);
    assertThat(out.toByteArray()).isEqualTo(in);
    assertThat(t.isWireBacked()).as("encoding did not decode").isTrue();
  }

  @Test
  void wireBackedRegionOfALargerArray() throws Exception {
    byte[] req = OtlpTestData.fullLogs().toByteArray();
    byte[] buf = new byte[req.length + 20];
    java.util.Arrays.fill(buf, (byte) 0xFF);
    System.arraycopy(req, 0, buf, 7, req.length);
    Logs l = CODEC.decodeLogs(buf, 7, req.length);
    assertThat(CODEC.encode(l)).isEqualTo(req);
    assertThat(l).isEqualTo(CODEC.decodeLogsEager(req, 0, req.length));
  }

  @Test
  void appendingWireBackedBatchesConcatenatesTheirResources() throws Exception {
    ExportTraceServiceRequest a = OtlpTestData.fullTraces();
    ExportTraceServiceRequest b = OtlpTestData.traces(10, 2);
    Traces ta = CODEC.decodeTraces(a.toByteArray(), 0, a.getSerializedSize());
    Traces tb = CODEC.decodeTraces(b.toByteArray(), 0, b.getSerializedSize());
    ta.append(tb);
    assertThat(ta.isWireBacked()).isTrue();
    assertThat(ta.wireChunks()).hasSize(2);
    assertThat(ta.itemCount()).isEqualTo(spanCount(a) + spanCount(b));
    ExportTraceServiceRequest merged = ExportTraceServiceRequest.parseFrom(CODEC.encode(ta));
    assertThat(merged).isEqualTo(a.toBuilder().addAllResourceSpans(b.getResourceSpansList()).build());

    ExportMetricsServiceRequest ma = OtlpTestData.fullMetrics();
    ExportMetricsServiceRequest mb = new RandomOtlp(5).metrics();
    Metrics m = CODEC.decodeMetrics(ma.toByteArray(), 0, ma.getSerializedSize());
    m.append(CODEC.decodeMetrics(mb.toByteArray(), 0, mb.getSerializedSize()));
    assertThat(ExportMetricsServiceRequest.parseFrom(CODEC.encode(m)))
        .isEqualTo(ma.toBuilder().addAllResourceMetrics(mb.getResourceMetricsList()).build());
    assertThat(m.itemCount()).isEqualTo(pointCount(ma) + pointCount(mb));
    // and reading the merged batch decodes both chunks
    assertThat(m.resourceMetrics().size()).isEqualTo(ma.getResourceMetricsCount() + mb.getResourceMetricsCount());
  }

  @Test
  void lazyDecodeThenReadEqualsEagerDecode() throws Exception {
    for (int seed = 1000; seed < 1050; seed++) {
      RandomOtlp gen = new RandomOtlp(seed);
      byte[] t = gen.traces().toByteArray();
      Traces lazy = CODEC.decodeTraces(t, 0, t.length);
      assertThat(lazy.resourceSpans().size()).isGreaterThanOrEqualTo(0); // first read decodes
      assertThat(lazy.isWireBacked()).isFalse();
      assertThat(lazy).isEqualTo(CODEC.decodeTracesEager(t, 0, t.length));
      byte[] m = gen.metrics().toByteArray();
      assertThat(CODEC.decodeMetrics(m, 0, m.length)).isEqualTo(CODEC.decodeMetricsEager(m, 0, m.length));
      byte[] l = gen.logs().toByteArray();
      Logs logs = CODEC.decodeLogs(l, 0, l.length);
      int scanned = logs.itemCount();
      logs.resourceLogs();
      assertThat(logs.itemCount()).as("scan count equals decoded count").isEqualTo(scanned);
      assertThat(logs).isEqualTo(CODEC.decodeLogsEager(l, 0, l.length));
    }
  }

  @Test
  void concurrentFirstReadsOfASharedReadOnlyBatchSeeTheSameContent() throws Exception {
    byte[] in = OtlpTestData.traces(500, 10).toByteArray();
    Traces expected = CODEC.decodeTracesEager(in, 0, in.length);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Traces shared = CODEC.decodeTraces(in, 0, in.length);
        shared.markReadOnly();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          results.add(pool.submit(() -> {
            start.await();
            // read the content (decodes on first use), then encode what was read
            int spans = shared.resourceSpans().get(0).scopeSpans().get(0).spans().size();
            assertThat(spans).isEqualTo(500);
            return CODEC.encode(shared);
          }));
        }
        start.countDown();
        byte[] a = results.get(0).get();
        byte[] b = results.get(1).get();
        assertThat(a).isEqualTo(b);
        assertThat(shared).isEqualTo(expected);
        assertThat(shared.isReadOnly()).isTrue();
        assertThatThrownBy(() -> shared.resourceSpans().get(0).setSchemaUrl("x"))
            .isInstanceOf(dev.signalbox.pdata.ReadOnlyDataException.class);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void copyOfAWireBackedBatchSharesTheBytes() throws Exception {
    byte[] in = OtlpTestData.fullTraces().toByteArray();
    Traces t = CODEC.decodeTraces(in, 0, in.length);
    Traces c = (Traces) t.copy();
    c.resourceSpans().get(0).setSchemaUrl("changed");
    assertThat(CODEC.encode(t)).isEqualTo(in);
    assertThat(ExportTraceServiceRequest.parseFrom(CODEC.encode(c)).getResourceSpans(0).getSchemaUrl())
        .isEqualTo("changed");
  }

  @Test
  void emptyRequestsDecodeToEmptyBatches() throws Exception {
    assertThat(CODEC.decodeTraces(new byte[0], 0, 0).itemCount()).isZero();
    assertThat(CODEC.decodeTracesEager(new byte[0], 0, 0).resourceSpans().isEmpty()).isTrue();
    assertThat(CODEC.encode(new Traces())).isEmpty();
    assertThat(CODEC.encode(new Metrics())).isEmpty();
    assertThat(CODEC.encode(new Logs())).isEmpty();
  }

  @Test
  void genericDecodeDispatchesBySignal() throws Exception {
    byte[] t = OtlpTestData.fullTraces().toByteArray();
    byte[] m = OtlpTestData.fullMetrics().toByteArray();
    byte[] l = OtlpTestData.fullLogs().toByteArray();
    assertThat(CODEC.decode(Signal.TRACES, t, 0, t.length).itemCount()).isEqualTo(5);
    assertThat(CODEC.decode(Signal.METRICS, m, 0, m.length)).isInstanceOf(Metrics.class);
    assertThat(CODEC.decodeEager(Signal.LOGS, l, 0, l.length).isWireBacked()).isFalse();
    assertThat(CODEC.validate(Signal.LOGS, l, 0, l.length)).isEqualTo(recordCount(OtlpTestData.fullLogs()));
    assertThat(CODEC.validate(Signal.METRICS, m, 0, m.length)).isEqualTo(pointCount(OtlpTestData.fullMetrics()));
    assertThat(OtlpCodec.forContentType("application/x-protobuf")).contains(CODEC);
    assertThat(OtlpCodec.forContentType("Application/JSON; charset=utf-8")).contains(OtlpJsonCodec.INSTANCE);
    assertThat(OtlpCodec.forContentType("text/plain")).isEmpty();
  }

  @Test
  void mergedOneofAndRepeatedFieldsFollowProtobufSemantics() throws Exception {
    // a metric whose data arrives as gauge, then sum, then sum again: the sums merge, the gauge is gone
    io.opentelemetry.proto.metrics.v1.Metric gauge = io.opentelemetry.proto.metrics.v1.Metric.newBuilder()
        .setGauge(io.opentelemetry.proto.metrics.v1.Gauge.newBuilder()
            .addDataPoints(io.opentelemetry.proto.metrics.v1.NumberDataPoint.newBuilder().setAsInt(1))
            .addDataPoints(io.opentelemetry.proto.metrics.v1.NumberDataPoint.newBuilder().setAsInt(2)))
        .build();
    io.opentelemetry.proto.metrics.v1.Metric sum = io.opentelemetry.proto.metrics.v1.Metric.newBuilder()
        .setSum(io.opentelemetry.proto.metrics.v1.Sum.newBuilder()
            .addDataPoints(io.opentelemetry.proto.metrics.v1.NumberDataPoint.newBuilder().setAsInt(3)))
        .build();
    ByteArrayOutputStream metric = new ByteArrayOutputStream();
    metric.write(gauge.toByteArray());
    metric.write(sum.toByteArray());
    metric.write(sum.toByteArray());
    byte[] metricBytes = metric.toByteArray();
    io.opentelemetry.proto.metrics.v1.Metric expected = io.opentelemetry.proto.metrics.v1.Metric.parseFrom(metricBytes);
    ExportMetricsServiceRequest req = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(io.opentelemetry.proto.metrics.v1.ResourceMetrics.newBuilder()
            .addScopeMetrics(io.opentelemetry.proto.metrics.v1.ScopeMetrics.newBuilder().addMetrics(expected)))
        .build();
    // re-build the request with the raw, unmerged metric bytes
    byte[] raw = wrap(1, wrap(2, wrap(2, metricBytes)));
    Metrics lazy = CODEC.decodeMetrics(raw, 0, raw.length);
    assertThat(lazy.itemCount()).isEqualTo(2);
    assertThat(lazy).isEqualTo(Oracle.toPdata(req));
  }

  /** A LEN field of number {@code field} around {@code body}. */
  static byte[] wrap(int field, byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(out);
    c.writeByteArray(field, body);
    c.flush();
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ responses

  @Test
  void partialSuccessResponsesMatchTheOracleForEverySignal() throws Exception {
    PartialSuccess ps = new PartialSuccess(42, "dropped: too old ü");
    byte[] ours = CODEC.encodeResponse(ps);
    assertThat(ours).isEqualTo(ExportTraceServiceResponse.newBuilder().setPartialSuccess(
        ExportTracePartialSuccess.newBuilder().setRejectedSpans(42).setErrorMessage("dropped: too old ü")).build()
        .toByteArray());
    assertThat(ExportMetricsServiceResponse.parseFrom(ours).getPartialSuccess())
        .isEqualTo(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(42)
            .setErrorMessage("dropped: too old ü").build());
    assertThat(ExportLogsServiceResponse.parseFrom(ours).getPartialSuccess().getRejectedLogRecords()).isEqualTo(42);
    assertThat(ExportProfilesServiceResponse.parseFrom(ours).getPartialSuccess().getRejectedProfiles()).isEqualTo(42);
    assertThat(CODEC.decodeResponse(ours, 0, ours.length)).isEqualTo(ps);

    byte[] warning = ExportLogsServiceResponse.newBuilder()
        .setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setErrorMessage("warning only")).build().toByteArray();
    assertThat(CODEC.decodeResponse(Signal.LOGS, warning, 0, warning.length)).isEqualTo(new PartialSuccess(0, "warning only"));
    byte[] negative = ExportProfilesServiceResponse.newBuilder()
        .setPartialSuccess(ExportProfilesPartialSuccess.newBuilder().setRejectedProfiles(-1)).build().toByteArray();
    assertThat(CODEC.decodeResponse(negative, 0, negative.length).rejected()).isEqualTo(-1);
    assertThat(CODEC.encodeResponse(PartialSuccess.NONE)).isEmpty();
    assertThat(CODEC.decodeResponse(new byte[0], 0, 0)).isSameAs(PartialSuccess.NONE);
    byte[] emptyPs = ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.getDefaultInstance()).build().toByteArray();
    assertThat(CODEC.decodeResponse(emptyPs, 0, emptyPs.length)).isEqualTo(PartialSuccess.NONE);
    assertThatThrownBy(() -> CODEC.decodeResponse(new byte[] {0x0A, 0x05, 0x08}, 0, 3))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("partial_success");
  }

  // ------------------------------------------------------------------ profiles

  static ExportProfilesServiceRequest profiles(int resources, int scopes, int profiles) {
    ExportProfilesServiceRequest.Builder b = ExportProfilesServiceRequest.newBuilder()
        .setDictionary(ProfilesDictionary.newBuilder().addStringTable("").addStringTable("cpu"));
    for (int i = 0; i < resources; i++) {
      ResourceProfiles.Builder rp = ResourceProfiles.newBuilder()
          .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
              .addAttributes(OtlpTestData.kv("service.name", "p" + i)));
      for (int j = 0; j < scopes; j++) {
        ScopeProfiles.Builder sp = ScopeProfiles.newBuilder();
        for (int k = 0; k < profiles; k++) {
          sp.addProfiles(Profile.newBuilder().setTimeUnixNano(k + 1).setDurationNano(1000)
              .setProfileId(ByteString.copyFrom(new byte[16])));
        }
        rp.addScopeProfiles(sp);
      }
      b.addResourceProfiles(rp);
    }
    return b.build();
  }

  @Test
  void profilesAreCountedAndPassedThroughOpaque() throws Exception {
    byte[] in = profiles(2, 3, 4).toByteArray();
    Profiles p = CODEC.decodeProfiles(in, 0, in.length);
    assertThat(p.itemCount()).isEqualTo(24);
    assertThat(CODEC.encode(p)).isEqualTo(in);
    assertThat(CODEC.encodeProfiles(p)).singleElement().isEqualTo(in);
    Profiles two = CODEC.decodeProfiles(in, 0, in.length);
    two.append(CODEC.decodeProfiles(in, 0, in.length));
    assertThat(CODEC.encodeProfiles(two)).hasSize(2);
    assertThat(two.itemCount()).isEqualTo(48);
    assertThatThrownBy(() -> CODEC.encode(two)).isInstanceOf(IllegalArgumentException.class);
    assertThat(CODEC.decode(Signal.PROFILES, in, 0, in.length).itemCount()).isEqualTo(24);
    assertThat(ExportProfilesServiceRequest.parseFrom(CODEC.encode(p))).isEqualTo(profiles(2, 3, 4));
  }

  @Test
  void malformedProfilesFramingIsRejected() {
    byte[] in = profiles(1, 1, 2).toByteArray();
    for (int cut = 1; cut < in.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(in, cut);
      try {
        CODEC.decodeProfiles(truncated, 0, truncated.length);
      } catch (MalformedDataException e) {
        assertThat(e.getMessage()).contains("at byte");
      }
    }
    byte[] wrongType = {0x08, 0x01}; // resource_profiles as a varint
    assertThatThrownBy(() -> CODEC.decodeProfiles(wrongType, 0, 2))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("field 1 (resource_profiles) has wire type VARINT, expected LEN at byte 0");
  }

  @Test
  void scanCountsMatchAcrossAWireChunkOfTheWholeRequest() throws Exception {
    byte[] in = OtlpTestData.fullMetrics().toByteArray();
    Metrics m = CODEC.decodeMetrics(in, 0, in.length);
    WireChunk c = m.wireChunks().get(0);
    assertThat(c.bytes()).isSameAs(in);
    assertThat(c.itemCount()).isEqualTo(pointCount(OtlpTestData.fullMetrics()));
  }

  @Test
  void sharedStringsNeverMixUpDistinctValues() throws Exception {
    // thousands of short keys and values, distinct and repeating, same lengths and near-identical
    // bytes, so the decoder's string tables collide, evict and hit
    java.util.Random rnd = new java.util.Random(11);
    var ss = io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder();
    for (int i = 0; i < 800; i++) {
      var span = io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("op-" + (i % 7));
      for (int a = 0; a < 12; a++) {
        String value = switch (a % 4) {
          case 0 -> "v" + i; // distinct
          case 1 -> "v" + (i % 3); // repeating
          case 2 -> Integer.toHexString(rnd.nextInt(64)); // collisions of short strings
          default -> "ü".repeat(1 + rnd.nextInt(20)); // multi-byte, 2..40 bytes
        };
        span.addAttributes(OtlpTestData.kv("k" + (a % 5) + (i % 2 == 0 ? "" : "x"), value));
      }
      ss.addSpans(span);
    }
    ExportTraceServiceRequest req = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder().addScopeSpans(ss)).build();
    byte[] in = req.toByteArray();
    assertThat(CODEC.decodeTracesEager(in, 0, in.length)).isEqualTo(Oracle.toPdata(req));
    assertThat(CODEC.encode(CODEC.decodeTracesEager(in, 0, in.length))).isEqualTo(in);
  }

  @Test
  void invalidUtf8IsDecodedLeniently() throws Exception {
    // span name with a lone continuation byte and a truncated 3-byte sequence
    byte[] name = {'o', 'k', (byte) 0x80, 'x', (byte) 0xE2, (byte) 0x82};
    byte[] span = concat(new byte[] {0x2A, (byte) name.length}, name); // field 5 (name), LEN
    byte[] raw = wrap(1, wrap(2, wrap(2, span)));
    Traces t = CODEC.decodeTracesEager(raw, 0, raw.length);
    assertThat(t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).name()).isEqualTo("ok\uFFFDx\uFFFD");
    assertThat(CODEC.decodeTraces(raw, 0, raw.length).itemCount()).isEqualTo(1);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void unknownFieldsAreSkippedAndKeptOnPassThrough() throws Exception {
    // a span with unknown fields 17 (varint), 18 (I64), 19 (LEN) and 20 (I32)
    byte[] span = {
      0x2A, 0x01, 'n', // name = "n"
      (byte) 0x88, 0x01, 0x05, // field 17 varint 5
      (byte) 0x91, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, // field 18 fixed64
      (byte) 0x9A, 0x01, 0x02, 'h', 'i', // field 19 LEN "hi"
      (byte) 0xA5, 0x01, 1, 2, 3, 4 // field 20 fixed32
    };
    byte[] raw = wrap(1, wrap(2, wrap(2, span)));
    Traces lazy = CODEC.decodeTraces(raw, 0, raw.length);
    assertThat(CODEC.encode(lazy)).isEqualTo(raw);
    Traces eager = CODEC.decodeTracesEager(raw, 0, raw.length);
    assertThat(eager.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).name()).isEqualTo("n");
    ExportTraceServiceRequest expected = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
            .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("n"))))
        .build();
    assertThat(CODEC.encode(eager)).isEqualTo(expected.toByteArray());
  }

  @Test
  void packedAndUnpackedRepeatedNumbersBothDecode() throws Exception {
    // HistogramDataPoint with bucket_counts as two unpacked entries then a packed run; bounds unpacked
    ByteArrayOutputStream dp = new ByteArrayOutputStream();
    com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(dp);
    c.writeFixed64(6, 1);
    c.writeFixed64(6, 2);
    c.writeTag(6, 2);
    c.writeUInt32NoTag(16);
    c.writeFixed64NoTag(3);
    c.writeFixed64NoTag(4);
    c.writeDouble(7, 0.5);
    c.writeDouble(7, 1.5);
    c.flush();
    byte[] metric = wrap(9, wrap(1, dp.toByteArray()));
    byte[] raw = wrap(1, wrap(2, wrap(2, metric)));
    Metrics m = CODEC.decodeMetricsEager(raw, 0, raw.length);
    var p = m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().get(0).histogram().dataPoints().get(0);
    assertThat(p.bucketCounts()).containsExactly(1, 2, 3, 4);
    assertThat(p.explicitBounds()).containsExactly(0.5, 1.5);
    assertThat(CODEC.decodeMetrics(raw, 0, raw.length).itemCount()).isEqualTo(1);

    // exponential buckets: unpacked varints
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    c = com.google.protobuf.CodedOutputStream.newInstance(b);
    c.writeSInt32(1, -2);
    c.writeUInt64(2, 7);
    c.writeUInt64(2, 300);
    c.flush();
    byte[] expMetric = wrap(10, wrap(1, wrap(8, b.toByteArray())));
    byte[] raw2 = wrap(1, wrap(2, wrap(2, expMetric)));
    Metrics m2 = CODEC.decodeMetricsEager(raw2, 0, raw2.length);
    assertThat(m2.resourceMetrics().get(0).scopeMetrics().get(0).metrics().get(0).exponentialHistogram()
        .dataPoints().get(0).positive()).isEqualTo(Buckets.of(-2, 7, 300));
  }

  @Test
  void codecIsUsableThroughTheCommonInterface() throws InvalidProtocolBufferException, MalformedDataException {
    OtlpCodec codec = OtlpCodec.proto();
    assertThat(codec.contentType()).isEqualTo("application/x-protobuf");
    byte[] in = OtlpTestData.fullLogs().toByteArray();
    Logs l = codec.decode(Signal.LOGS, in, 0, in.length);
    assertThat(ExportLogsServiceRequest.parseFrom(codec.encode(l))).isEqualTo(OtlpTestData.fullLogs());
    byte[] resp = codec.encodeResponse(Signal.LOGS, new PartialSuccess(1, "x"));
    assertThat(codec.decodeResponse(Signal.LOGS, resp, 0, resp.length)).isEqualTo(new PartialSuccess(1, "x"));
  }
}
