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
import java.util.Random;

/**
 * A seeded generator of varied OTLP requests (oracle classes): every field set or not at random,
 * random strings (ASCII, Latin-1, CJK, emoji), random AnyValue trees, odd enum numbers, extreme
 * numbers. Deterministic for a seed.
 */
final class RandomOtlp {
  private final Random r;

  RandomOtlp(long seed) {
    this.r = new Random(seed);
  }

  private boolean p(double probability) {
    return r.nextDouble() < probability;
  }

  private int n(int max) {
    return r.nextInt(max + 1);
  }

  private static final String[] WORDS = {
    "", "a", "service.name", "http.method", "GET", "ünï", "日本語", "😀x", "line\nbreak", "tab\t\"q\"",
    "k8s.pod.name", "/api/v1/users/{id}", "x".repeat(70)};

  String string() {
    if (p(0.2)) {
      StringBuilder sb = new StringBuilder();
      int len = n(12);
      for (int i = 0; i < len; i++) {
        int kind = r.nextInt(4);
        sb.appendCodePoint(switch (kind) {
          case 0 -> 0x20 + r.nextInt(0x5f);
          case 1 -> 0xa0 + r.nextInt(0x60);
          case 2 -> 0x4e00 + r.nextInt(0x100);
          default -> 0x1f600 + r.nextInt(0x40);
        });
      }
      return sb.toString();
    }
    return WORDS[r.nextInt(WORDS.length)];
  }

  long longValue() {
    return switch (r.nextInt(6)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE;
      case 2 -> Long.MIN_VALUE;
      case 3 -> -1;
      case 4 -> r.nextInt(1000);
      default -> r.nextLong();
    };
  }

  double doubleValue() {
    return switch (r.nextInt(8)) {
      case 0 -> 0.0;
      case 1 -> -0.0;
      case 2 -> Double.NaN;
      case 3 -> Double.POSITIVE_INFINITY;
      case 4 -> Double.MIN_VALUE;
      case 5 -> r.nextInt(100);
      default -> r.nextGaussian() * 1e6;
    };
  }

  int uint32() {
    return switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> -1;
      default -> r.nextInt(100);
    };
  }

  ByteString traceId() {
    long h = r.nextLong();
    return OtlpTestData.id(h, h == 0 ? 1 : r.nextLong());
  }

  ByteString spanId() {
    long v = r.nextLong();
    return OtlpTestData.id(v == 0 ? 1 : v);
  }

  AnyValue anyValue(int depth) {
    AnyValue.Builder b = AnyValue.newBuilder();
    int kind = r.nextInt(depth > 0 ? 9 : 7);
    switch (kind) {
      case 0 -> b.setStringValue(string());
      case 1 -> b.setBoolValue(r.nextBoolean());
      case 2 -> b.setIntValue(longValue());
      case 3 -> b.setDoubleValue(doubleValue());
      case 4 -> {
        byte[] bytes = new byte[n(20)];
        r.nextBytes(bytes);
        b.setBytesValue(ByteString.copyFrom(bytes));
      }
      case 5, 6 -> {
        if (p(0.5)) {
          b.setStringValue(string()); // strings are the common case
        }
      }
      case 7 -> {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        for (int i = n(4); i > 0; i--) {
          a.addValues(anyValue(depth - 1));
        }
        b.setArrayValue(a);
      }
      default -> {
        KeyValueList.Builder l = KeyValueList.newBuilder();
        for (int i = n(4); i > 0; i--) {
          l.addValues(keyValue(depth - 1));
        }
        b.setKvlistValue(l);
      }
    }
    return b.build();
  }

  KeyValue keyValue(int depth) {
    KeyValue.Builder kv = KeyValue.newBuilder().setKey(string());
    if (p(0.95)) {
      kv.setValue(anyValue(depth));
    }
    return kv.build();
  }

  Iterable<KeyValue> attributes(int max) {
    java.util.List<KeyValue> l = new java.util.ArrayList<>();
    for (int i = n(max); i > 0; i--) {
      l.add(keyValue(2));
    }
    return l;
  }

  Resource resource() {
    Resource.Builder b = Resource.newBuilder().addAllAttributes(attributes(5));
    if (p(0.2)) {
      b.setDroppedAttributesCount(uint32());
    }
    for (int i = p(0.2) ? n(2) : 0; i > 0; i--) {
      EntityRef.Builder e = EntityRef.newBuilder().setType(string()).setSchemaUrl(string());
      for (int j = n(2); j > 0; j--) {
        e.addIdKeys(string());
      }
      for (int j = n(2); j > 0; j--) {
        e.addDescriptionKeys(string());
      }
      b.addEntityRefs(e);
    }
    return b.build();
  }

  InstrumentationScope scope() {
    InstrumentationScope.Builder b = InstrumentationScope.newBuilder();
    if (p(0.8)) {
      b.setName(string());
    }
    if (p(0.5)) {
      b.setVersion(string());
    }
    b.addAllAttributes(attributes(2));
    if (p(0.1)) {
      b.setDroppedAttributesCount(uint32());
    }
    return b.build();
  }

  // ------------------------------------------------------------------ traces

  ExportTraceServiceRequest traces() {
    ExportTraceServiceRequest.Builder req = ExportTraceServiceRequest.newBuilder();
    for (int i = n(3); i > 0; i--) {
      ResourceSpans.Builder rs = ResourceSpans.newBuilder();
      if (p(0.9)) {
        rs.setResource(resource());
      }
      if (p(0.3)) {
        rs.setSchemaUrl(string());
      }
      for (int j = n(3); j > 0; j--) {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder();
        if (p(0.8)) {
          ss.setScope(scope());
        }
        if (p(0.2)) {
          ss.setSchemaUrl(string());
        }
        for (int k = n(6); k > 0; k--) {
          ss.addSpans(span());
        }
        rs.addScopeSpans(ss);
      }
      req.addResourceSpans(rs);
    }
    return req.build();
  }

  Span span() {
    Span.Builder s = Span.newBuilder();
    if (p(0.95)) {
      s.setTraceId(traceId());
    }
    if (p(0.95)) {
      s.setSpanId(spanId());
    }
    if (p(0.2)) {
      s.setTraceState(string());
    }
    if (p(0.6)) {
      s.setParentSpanId(spanId());
    }
    if (p(0.5)) {
      s.setFlags(uint32());
    }
    if (p(0.9)) {
      s.setName(string());
    }
    if (p(0.8)) {
      s.setKindValue(p(0.9) ? r.nextInt(6) : r.nextInt(200) - 100);
    }
    if (p(0.9)) {
      s.setStartTimeUnixNano(longValue());
    }
    if (p(0.9)) {
      s.setEndTimeUnixNano(longValue());
    }
    s.addAllAttributes(attributes(8));
    if (p(0.1)) {
      s.setDroppedAttributesCount(uint32());
    }
    for (int i = p(0.3) ? n(3) : 0; i > 0; i--) {
      Span.Event.Builder e = Span.Event.newBuilder().setTimeUnixNano(longValue()).setName(string())
          .addAllAttributes(attributes(3));
      if (p(0.1)) {
        e.setDroppedAttributesCount(uint32());
      }
      s.addEvents(e);
    }
    if (p(0.1)) {
      s.setDroppedEventsCount(uint32());
    }
    for (int i = p(0.2) ? n(2) : 0; i > 0; i--) {
      Span.Link.Builder l = Span.Link.newBuilder();
      if (p(0.9)) {
        l.setTraceId(traceId());
      }
      if (p(0.9)) {
        l.setSpanId(spanId());
      }
      if (p(0.2)) {
        l.setTraceState(string());
      }
      l.addAllAttributes(attributes(2));
      if (p(0.1)) {
        l.setDroppedAttributesCount(uint32());
      }
      if (p(0.5)) {
        l.setFlags(uint32());
      }
      s.addLinks(l);
    }
    if (p(0.1)) {
      s.setDroppedLinksCount(uint32());
    }
    if (p(0.7)) {
      Status.Builder st = Status.newBuilder();
      if (p(0.7)) {
        st.setCodeValue(p(0.95) ? r.nextInt(3) : r.nextInt(50));
      }
      if (p(0.3)) {
        st.setMessage(string());
      }
      s.setStatus(st);
    }
    return s.build();
  }

  // ------------------------------------------------------------------ metrics

  ExportMetricsServiceRequest metrics() {
    ExportMetricsServiceRequest.Builder req = ExportMetricsServiceRequest.newBuilder();
    for (int i = n(3); i > 0; i--) {
      ResourceMetrics.Builder rm = ResourceMetrics.newBuilder();
      if (p(0.9)) {
        rm.setResource(resource());
      }
      if (p(0.3)) {
        rm.setSchemaUrl(string());
      }
      for (int j = n(3); j > 0; j--) {
        ScopeMetrics.Builder sm = ScopeMetrics.newBuilder();
        if (p(0.8)) {
          sm.setScope(scope());
        }
        if (p(0.2)) {
          sm.setSchemaUrl(string());
        }
        for (int k = n(5); k > 0; k--) {
          sm.addMetrics(metric());
        }
        rm.addScopeMetrics(sm);
      }
      req.addResourceMetrics(rm);
    }
    return req.build();
  }

  private int temporality() {
    return p(0.9) ? r.nextInt(3) : r.nextInt(20);
  }

  Metric metric() {
    Metric.Builder m = Metric.newBuilder().setName(string());
    if (p(0.3)) {
      m.setDescription(string());
    }
    if (p(0.3)) {
      m.setUnit(string());
    }
    if (p(0.1)) {
      m.addAllMetadata(attributes(2));
    }
    switch (r.nextInt(6)) {
      case 0 -> {
        Gauge.Builder g = Gauge.newBuilder();
        for (int i = n(3); i > 0; i--) {
          g.addDataPoints(numberPoint());
        }
        m.setGauge(g);
      }
      case 1 -> {
        Sum.Builder s = Sum.newBuilder().setAggregationTemporalityValue(temporality()).setIsMonotonic(r.nextBoolean());
        for (int i = n(3); i > 0; i--) {
          s.addDataPoints(numberPoint());
        }
        m.setSum(s);
      }
      case 2 -> {
        Histogram.Builder h = Histogram.newBuilder().setAggregationTemporalityValue(temporality());
        for (int i = n(3); i > 0; i--) {
          HistogramDataPoint.Builder dp = HistogramDataPoint.newBuilder().addAllAttributes(attributes(3))
              .setStartTimeUnixNano(longValue()).setTimeUnixNano(longValue()).setCount(longValue());
          if (p(0.7)) {
            dp.setSum(doubleValue());
          }
          for (int b = n(6); b > 0; b--) {
            dp.addBucketCounts(longValue());
          }
          for (int b = n(5); b > 0; b--) {
            dp.addExplicitBounds(doubleValue());
          }
          exemplars(dp::addExemplars);
          if (p(0.3)) {
            dp.setFlags(uint32());
          }
          if (p(0.5)) {
            dp.setMin(doubleValue());
          }
          if (p(0.5)) {
            dp.setMax(doubleValue());
          }
          h.addDataPoints(dp);
        }
        m.setHistogram(h);
      }
      case 3 -> {
        ExponentialHistogram.Builder h = ExponentialHistogram.newBuilder().setAggregationTemporalityValue(temporality());
        for (int i = n(3); i > 0; i--) {
          ExponentialHistogramDataPoint.Builder dp = ExponentialHistogramDataPoint.newBuilder()
              .addAllAttributes(attributes(3)).setStartTimeUnixNano(longValue()).setTimeUnixNano(longValue())
              .setCount(longValue()).setScale(r.nextInt(41) - 20).setZeroCount(longValue());
          if (p(0.7)) {
            dp.setSum(doubleValue());
          }
          if (p(0.6)) {
            dp.setPositive(buckets());
          }
          if (p(0.4)) {
            dp.setNegative(buckets());
          }
          if (p(0.3)) {
            dp.setFlags(uint32());
          }
          exemplars(dp::addExemplars);
          if (p(0.5)) {
            dp.setMin(doubleValue());
          }
          if (p(0.5)) {
            dp.setMax(doubleValue());
          }
          if (p(0.3)) {
            dp.setZeroThreshold(doubleValue());
          }
          h.addDataPoints(dp);
        }
        m.setExponentialHistogram(h);
      }
      case 4 -> {
        Summary.Builder s = Summary.newBuilder();
        for (int i = n(3); i > 0; i--) {
          SummaryDataPoint.Builder dp = SummaryDataPoint.newBuilder().addAllAttributes(attributes(3))
              .setStartTimeUnixNano(longValue()).setTimeUnixNano(longValue()).setCount(longValue())
              .setSum(doubleValue());
          for (int q = n(4); q > 0; q--) {
            dp.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                .setQuantile(doubleValue()).setValue(doubleValue()));
          }
          if (p(0.3)) {
            dp.setFlags(uint32());
          }
          s.addDataPoints(dp);
        }
        m.setSummary(s);
      }
      default -> { } // no data
    }
    return m.build();
  }

  private ExponentialHistogramDataPoint.Buckets buckets() {
    ExponentialHistogramDataPoint.Buckets.Builder b = ExponentialHistogramDataPoint.Buckets.newBuilder();
    if (p(0.7)) {
      b.setOffset(r.nextInt(200) - 100);
    }
    for (int i = n(6); i > 0; i--) {
      b.addBucketCounts(longValue());
    }
    return b.build();
  }

  private NumberDataPoint numberPoint() {
    NumberDataPoint.Builder dp = NumberDataPoint.newBuilder().addAllAttributes(attributes(4));
    if (p(0.7)) {
      dp.setStartTimeUnixNano(longValue());
    }
    dp.setTimeUnixNano(longValue());
    int kind = r.nextInt(5);
    if (kind < 2) {
      dp.setAsDouble(doubleValue());
    } else if (kind < 4) {
      dp.setAsInt(longValue());
    }
    exemplars(dp::addExemplars);
    if (p(0.3)) {
      dp.setFlags(uint32());
    }
    return dp.build();
  }

  private void exemplars(java.util.function.Consumer<Exemplar> add) {
    for (int i = p(0.3) ? n(2) : 0; i > 0; i--) {
      Exemplar.Builder e = Exemplar.newBuilder().addAllFilteredAttributes(attributes(2))
          .setTimeUnixNano(longValue());
      int kind = r.nextInt(3);
      if (kind == 0) {
        e.setAsDouble(doubleValue());
      } else if (kind == 1) {
        e.setAsInt(longValue());
      }
      if (p(0.7)) {
        e.setSpanId(spanId());
      }
      if (p(0.7)) {
        e.setTraceId(traceId());
      }
      add.accept(e.build());
    }
  }

  // ------------------------------------------------------------------ logs

  ExportLogsServiceRequest logs() {
    ExportLogsServiceRequest.Builder req = ExportLogsServiceRequest.newBuilder();
    for (int i = n(3); i > 0; i--) {
      ResourceLogs.Builder rl = ResourceLogs.newBuilder();
      if (p(0.9)) {
        rl.setResource(resource());
      }
      if (p(0.3)) {
        rl.setSchemaUrl(string());
      }
      for (int j = n(3); j > 0; j--) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder();
        if (p(0.8)) {
          sl.setScope(scope());
        }
        if (p(0.2)) {
          sl.setSchemaUrl(string());
        }
        for (int k = n(6); k > 0; k--) {
          sl.addLogRecords(logRecord());
        }
        rl.addScopeLogs(sl);
      }
      req.addResourceLogs(rl);
    }
    return req.build();
  }

  LogRecord logRecord() {
    LogRecord.Builder l = LogRecord.newBuilder();
    if (p(0.8)) {
      l.setTimeUnixNano(longValue());
    }
    if (p(0.8)) {
      l.setObservedTimeUnixNano(longValue());
    }
    if (p(0.7)) {
      l.setSeverityNumberValue(p(0.95) ? r.nextInt(25) : r.nextInt(1000) - 500);
    }
    if (p(0.5)) {
      l.setSeverityText(string());
    }
    if (p(0.85)) {
      l.setBody(anyValue(3));
    }
    l.addAllAttributes(attributes(6));
    if (p(0.1)) {
      l.setDroppedAttributesCount(uint32());
    }
    if (p(0.4)) {
      l.setFlags(uint32());
    }
    if (p(0.4)) {
      l.setTraceId(traceId());
    }
    if (p(0.4)) {
      l.setSpanId(spanId());
    }
    if (p(0.2)) {
      l.setEventName(string());
    }
    return l.build();
  }
}
