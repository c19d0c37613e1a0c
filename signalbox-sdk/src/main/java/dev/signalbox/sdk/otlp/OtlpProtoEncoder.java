package dev.signalbox.sdk.otlp;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.Buckets;
import dev.signalbox.pdata.ElementList;
import dev.signalbox.pdata.EntityRef;
import dev.signalbox.pdata.Exemplar;
import dev.signalbox.pdata.ExponentialHistogram;
import dev.signalbox.pdata.ExponentialHistogramDataPoint;
import dev.signalbox.pdata.Gauge;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.MetricData;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.NumberKind;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.SpanLink;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Summary;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.ValueAtQuantile;
import dev.signalbox.sdk.proto.ProtoWriter;
import java.util.List;

/**
 * Writes pdata as OTLP protobuf with a back-to-front {@link ProtoWriter}: every message's fields
 * from the highest number to the lowest, repeated elements from the last, so the output has fields
 * in ascending order and each nested length is known when its body is done.
 *
 * <p>Canonical proto3: default values are omitted, and so are empty singular messages (resource,
 * scope, status, an AnyValue with no value set in a KeyValue or a log body). An empty AnyValue in
 * an array is written as {@code {}} since an element cannot be omitted. Fields with presence
 * (oneof members, {@code optional} sum/min/max, exponential histogram buckets) are written whenever
 * set, even with a zero value. Only reads pdata, so it is safe on read-only shared batches.
 */
final class OtlpProtoEncoder {
  private OtlpProtoEncoder() {}

  // ---------------------------------------------------------------- traces

  static void writeTraces(ProtoWriter w, Traces t) {
    ElementList<ResourceSpans> l = t.resourceSpans();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeResourceSpans(w, l.get(i));
      w.endMessage(1, start);
    }
  }

  private static void writeResourceSpans(ProtoWriter w, ResourceSpans rs) {
    w.writeString(3, rs.schemaUrl());
    ElementList<ScopeSpans> l = rs.scopeSpans();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeScopeSpans(w, l.get(i));
      w.endMessage(2, start);
    }
    writeResource(w, rs.resource());
  }

  private static void writeScopeSpans(ProtoWriter w, ScopeSpans ss) {
    w.writeString(3, ss.schemaUrl());
    ElementList<Span> l = ss.spans();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeSpan(w, l.get(i));
      w.endMessage(2, start);
    }
    writeScope(w, ss.scope());
  }

  private static void writeSpan(ProtoWriter w, Span s) {
    w.writeFixed32(16, s.flags());
    // status = 15
    if (s.statusCodeNumber() != 0 || !s.statusMessage().isEmpty()) {
      int start = w.size();
      w.writeInt32(3, s.statusCodeNumber());
      w.writeString(2, s.statusMessage());
      w.endMessage(15, start);
    }
    w.writeUInt32(14, s.droppedLinksCount());
    if (s.hasLinks()) {
      ElementList<SpanLink> l = s.links();
      for (int i = l.size() - 1; i >= 0; i--) {
        int start = w.size();
        writeLink(w, l.get(i));
        w.endMessage(13, start);
      }
    }
    w.writeUInt32(12, s.droppedEventsCount());
    if (s.hasEvents()) {
      ElementList<SpanEvent> l = s.events();
      for (int i = l.size() - 1; i >= 0; i--) {
        int start = w.size();
        writeEvent(w, l.get(i));
        w.endMessage(11, start);
      }
    }
    w.writeUInt32(10, s.droppedAttributesCount());
    writeAttributes(w, 9, s.attributes());
    w.writeFixed64(8, s.endTimeUnixNano());
    w.writeFixed64(7, s.startTimeUnixNano());
    w.writeInt32(6, s.kindNumber());
    w.writeString(5, s.name());
    w.writeId8(4, s.parentSpanId());
    w.writeString(3, s.traceState());
    w.writeId8(2, s.spanId());
    w.writeId16(1, s.traceIdHigh(), s.traceIdLow());
  }

  private static void writeEvent(ProtoWriter w, SpanEvent e) {
    w.writeUInt32(4, e.droppedAttributesCount());
    writeAttributes(w, 3, e.attributes());
    w.writeString(2, e.name());
    w.writeFixed64(1, e.timeUnixNano());
  }

  private static void writeLink(ProtoWriter w, SpanLink l) {
    w.writeFixed32(6, l.flags());
    w.writeUInt32(5, l.droppedAttributesCount());
    writeAttributes(w, 4, l.attributes());
    w.writeString(3, l.traceState());
    w.writeId8(2, l.spanId());
    w.writeId16(1, l.traceIdHigh(), l.traceIdLow());
  }

  // ---------------------------------------------------------------- metrics

  static void writeMetrics(ProtoWriter w, Metrics m) {
    ElementList<ResourceMetrics> l = m.resourceMetrics();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeResourceMetrics(w, l.get(i));
      w.endMessage(1, start);
    }
  }

  private static void writeResourceMetrics(ProtoWriter w, ResourceMetrics rm) {
    w.writeString(3, rm.schemaUrl());
    ElementList<ScopeMetrics> l = rm.scopeMetrics();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeScopeMetrics(w, l.get(i));
      w.endMessage(2, start);
    }
    writeResource(w, rm.resource());
  }

  private static void writeScopeMetrics(ProtoWriter w, ScopeMetrics sm) {
    w.writeString(3, sm.schemaUrl());
    ElementList<Metric> l = sm.metrics();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeMetric(w, l.get(i));
      w.endMessage(2, start);
    }
    writeScope(w, sm.scope());
  }

  private static void writeMetric(ProtoWriter w, Metric m) {
    if (m.hasMetadata()) {
      writeAttributes(w, 12, m.metadata());
    }
    MetricData data = m.data();
    if (data != null) {
      int start = w.size();
      switch (data) {
        case Gauge g -> {
          writeNumberPoints(w, g.dataPoints());
          w.endMessage(5, start);
        }
        case Sum s -> {
          w.writeBool(3, s.isMonotonic());
          w.writeInt32(2, s.aggregationTemporalityNumber());
          writeNumberPoints(w, s.dataPoints());
          w.endMessage(7, start);
        }
        case Histogram h -> {
          w.writeInt32(2, h.aggregationTemporalityNumber());
          ElementList<HistogramDataPoint> l = h.dataPoints();
          for (int i = l.size() - 1; i >= 0; i--) {
            int s0 = w.size();
            writeHistogramPoint(w, l.get(i));
            w.endMessage(1, s0);
          }
          w.endMessage(9, start);
        }
        case ExponentialHistogram h -> {
          w.writeInt32(2, h.aggregationTemporalityNumber());
          ElementList<ExponentialHistogramDataPoint> l = h.dataPoints();
          for (int i = l.size() - 1; i >= 0; i--) {
            int s0 = w.size();
            writeExpHistogramPoint(w, l.get(i));
            w.endMessage(1, s0);
          }
          w.endMessage(10, start);
        }
        case Summary s -> {
          ElementList<SummaryDataPoint> l = s.dataPoints();
          for (int i = l.size() - 1; i >= 0; i--) {
            int s0 = w.size();
            writeSummaryPoint(w, l.get(i));
            w.endMessage(1, s0);
          }
          w.endMessage(11, start);
        }
      }
    }
    w.writeString(3, m.unit());
    w.writeString(2, m.description());
    w.writeString(1, m.name());
  }

  private static void writeNumberPoints(ProtoWriter w, ElementList<NumberDataPoint> l) {
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeNumberPoint(w, l.get(i));
      w.endMessage(1, start);
    }
  }

  private static void writeNumberPoint(ProtoWriter w, NumberDataPoint p) {
    w.writeUInt32(8, p.flags());
    writeAttributes(w, 7, p.attributes());
    if (p.valueKind() == NumberKind.INT) {
      w.writeFixed64Always(6, p.intValue()); // as_int
    }
    if (p.hasExemplars()) {
      writeExemplars(w, 5, p.exemplars());
    }
    if (p.valueKind() == NumberKind.DOUBLE) {
      w.writeDoubleAlways(4, p.doubleValue()); // as_double
    }
    w.writeFixed64(3, p.timeUnixNano());
    w.writeFixed64(2, p.startTimeUnixNano());
  }

  private static void writeHistogramPoint(ProtoWriter w, HistogramDataPoint p) {
    if (p.hasMax()) {
      w.writeDoubleAlways(12, p.max());
    }
    if (p.hasMin()) {
      w.writeDoubleAlways(11, p.min());
    }
    w.writeUInt32(10, p.flags());
    writeAttributes(w, 9, p.attributes());
    if (p.hasExemplars()) {
      writeExemplars(w, 8, p.exemplars());
    }
    double[] bounds = p.explicitBounds();
    w.writePackedDouble(7, bounds, bounds.length);
    long[] counts = p.bucketCounts();
    w.writePackedFixed64(6, counts, counts.length);
    if (p.hasSum()) {
      w.writeDoubleAlways(5, p.sum());
    }
    w.writeFixed64(4, p.count());
    w.writeFixed64(3, p.timeUnixNano());
    w.writeFixed64(2, p.startTimeUnixNano());
  }

  private static void writeExpHistogramPoint(ProtoWriter w, ExponentialHistogramDataPoint p) {
    w.writeDouble(14, p.zeroThreshold());
    if (p.hasMax()) {
      w.writeDoubleAlways(13, p.max());
    }
    if (p.hasMin()) {
      w.writeDoubleAlways(12, p.min());
    }
    if (p.hasExemplars()) {
      writeExemplars(w, 11, p.exemplars());
    }
    w.writeUInt32(10, p.flags());
    writeBuckets(w, 9, p.negative());
    writeBuckets(w, 8, p.positive());
    w.writeFixed64(7, p.zeroCount());
    w.writeSInt32(6, p.scale());
    if (p.hasSum()) {
      w.writeDoubleAlways(5, p.sum());
    }
    w.writeFixed64(4, p.count());
    w.writeFixed64(3, p.timeUnixNano());
    w.writeFixed64(2, p.startTimeUnixNano());
    writeAttributes(w, 1, p.attributes());
  }

  /** Present buckets are written even when empty: absent and empty differ. */
  private static void writeBuckets(ProtoWriter w, int field, Buckets b) {
    if (b == null) {
      return;
    }
    int start = w.size();
    int n = b.size();
    if (n > 0) {
      int s0 = w.size();
      for (int i = n - 1; i >= 0; i--) {
        w.writeVarint(b.bucketCount(i));
      }
      w.endMessage(2, s0);
    }
    w.writeSInt32(1, b.offset());
    w.endMessage(field, start);
  }

  private static void writeSummaryPoint(ProtoWriter w, SummaryDataPoint p) {
    w.writeUInt32(8, p.flags());
    writeAttributes(w, 7, p.attributes());
    List<ValueAtQuantile> qs = p.quantileValues();
    for (int i = qs.size() - 1; i >= 0; i--) {
      ValueAtQuantile q = qs.get(i);
      int start = w.size();
      w.writeDouble(2, q.value());
      w.writeDouble(1, q.quantile());
      w.endMessage(6, start);
    }
    w.writeDouble(5, p.sum());
    w.writeFixed64(4, p.count());
    w.writeFixed64(3, p.timeUnixNano());
    w.writeFixed64(2, p.startTimeUnixNano());
  }

  private static void writeExemplars(ProtoWriter w, int field, ElementList<Exemplar> l) {
    for (int i = l.size() - 1; i >= 0; i--) {
      Exemplar e = l.get(i);
      int start = w.size();
      writeAttributes(w, 7, e.filteredAttributes());
      if (e.valueKind() == NumberKind.INT) {
        w.writeFixed64Always(6, e.intValue());
      }
      w.writeId16(5, e.traceIdHigh(), e.traceIdLow());
      w.writeId8(4, e.spanId());
      if (e.valueKind() == NumberKind.DOUBLE) {
        w.writeDoubleAlways(3, e.doubleValue());
      }
      w.writeFixed64(2, e.timeUnixNano());
      w.endMessage(field, start);
    }
  }

  // ---------------------------------------------------------------- logs

  static void writeLogs(ProtoWriter w, Logs logs) {
    ElementList<ResourceLogs> l = logs.resourceLogs();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeResourceLogs(w, l.get(i));
      w.endMessage(1, start);
    }
  }

  private static void writeResourceLogs(ProtoWriter w, ResourceLogs rl) {
    w.writeString(3, rl.schemaUrl());
    ElementList<ScopeLogs> l = rl.scopeLogs();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeScopeLogs(w, l.get(i));
      w.endMessage(2, start);
    }
    writeResource(w, rl.resource());
  }

  private static void writeScopeLogs(ProtoWriter w, ScopeLogs sl) {
    w.writeString(3, sl.schemaUrl());
    ElementList<LogRecord> l = sl.logRecords();
    for (int i = l.size() - 1; i >= 0; i--) {
      int start = w.size();
      writeLogRecord(w, l.get(i));
      w.endMessage(2, start);
    }
    writeScope(w, sl.scope());
  }

  private static void writeLogRecord(ProtoWriter w, LogRecord l) {
    w.writeString(12, l.eventName());
    w.writeFixed64(11, l.observedTimeUnixNano());
    w.writeId8(10, l.spanId());
    w.writeId16(9, l.traceIdHigh(), l.traceIdLow());
    w.writeFixed32(8, l.flags());
    w.writeUInt32(7, l.droppedAttributesCount());
    writeAttributes(w, 6, l.attributes());
    AnyValue body = l.body();
    if (!(body instanceof AnyValue.EmptyValue)) {
      writeAnyValue(w, 5, body);
    }
    w.writeString(3, l.severityText());
    w.writeInt32(2, l.severityNumberValue());
    w.writeFixed64(1, l.timeUnixNano());
  }

  // ---------------------------------------------------------------- common

  private static void writeResource(ProtoWriter w, Resource r) {
    int start = w.size();
    List<EntityRef> refs = r.entityRefs();
    for (int i = refs.size() - 1; i >= 0; i--) {
      EntityRef ref = refs.get(i);
      int s0 = w.size();
      List<String> desc = ref.descriptionKeys();
      for (int j = desc.size() - 1; j >= 0; j--) {
        w.writeStringAlways(4, desc.get(j));
      }
      List<String> ids = ref.idKeys();
      for (int j = ids.size() - 1; j >= 0; j--) {
        w.writeStringAlways(3, ids.get(j));
      }
      w.writeString(2, ref.type());
      w.writeString(1, ref.schemaUrl());
      w.endMessage(3, s0);
    }
    w.writeUInt32(2, r.droppedAttributesCount());
    writeAttributes(w, 1, r.attributes());
    w.endMessageIfNotEmpty(1, start);
  }

  private static void writeScope(ProtoWriter w, InstrumentationScope s) {
    int start = w.size();
    w.writeUInt32(4, s.droppedAttributesCount());
    writeAttributes(w, 3, s.attributes());
    w.writeString(2, s.version());
    w.writeString(1, s.name());
    w.endMessageIfNotEmpty(1, start);
  }

  static void writeAttributes(ProtoWriter w, int field, Attributes a) {
    for (int i = a.size() - 1; i >= 0; i--) {
      int start = w.size();
      AnyValue v = a.value(i);
      if (!(v instanceof AnyValue.EmptyValue)) {
        writeAnyValue(w, 2, v);
      }
      w.writeString(1, a.key(i));
      w.endMessage(field, start);
    }
  }

  private static void writeKeyValue(ProtoWriter w, int field, KeyValue kv) {
    int start = w.size();
    AnyValue v = kv.value();
    if (!(v instanceof AnyValue.EmptyValue)) {
      writeAnyValue(w, 2, v);
    }
    w.writeString(1, kv.key());
    w.endMessage(field, start);
  }

  /** An AnyValue message as field {@code field}; always written (the caller decides on empties). */
  private static void writeAnyValue(ProtoWriter w, int field, AnyValue v) {
    int start = w.size();
    switch (v) {
      case AnyValue.StringValue s -> w.writeStringAlways(1, s.value());
      case AnyValue.BoolValue b -> w.writeBoolAlways(2, b.value());
      case AnyValue.IntValue i -> w.writeInt64Always(3, i.value());
      case AnyValue.DoubleValue d -> w.writeDoubleAlways(4, d.value());
      case AnyValue.ArrayValue a -> {
        List<AnyValue> values = a.values();
        for (int i = values.size() - 1; i >= 0; i--) {
          writeAnyValue(w, 1, values.get(i));
        }
        w.endMessage(5, start);
      }
      case AnyValue.KvListValue kv -> {
        List<KeyValue> values = kv.values();
        for (int i = values.size() - 1; i >= 0; i--) {
          writeKeyValue(w, 1, values.get(i));
        }
        w.endMessage(6, start);
      }
      case AnyValue.BytesValue b -> w.writeBytesAlways(7, b.value(), 0, b.value().length);
      case AnyValue.EmptyValue e -> { }
    }
    w.endMessage(field, start);
  }
}
