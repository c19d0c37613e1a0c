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
import java.util.List;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Writes pdata as OTLP/JSON (the protobuf JSON mapping with OTLP's exceptions): lowerCamelCase
 * keys, hex ids, enums as integers, 64-bit integers as decimal strings, bytes as base64, NaN and
 * infinities as strings, default values omitted (fields with presence written when set, as in
 * {@link OtlpProtoEncoder}). Compact: no whitespace and no newline anywhere.
 *
 * <p>One instance per encode; not thread-safe.
 */
final class OtlpJsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final JsonGenerator g;
  private final char[] hex = new char[32];

  OtlpJsonWriter(JsonGenerator g) {
    this.g = g;
  }

  private static SerializableString n(String s) {
    return new SerializedString(s);
  }

  private static final SerializableString RESOURCE_SPANS = n("resourceSpans");
  private static final SerializableString RESOURCE_METRICS = n("resourceMetrics");
  private static final SerializableString RESOURCE_LOGS = n("resourceLogs");
  private static final SerializableString RESOURCE = n("resource");
  private static final SerializableString SCOPE_SPANS = n("scopeSpans");
  private static final SerializableString SCOPE_METRICS = n("scopeMetrics");
  private static final SerializableString SCOPE_LOGS = n("scopeLogs");
  private static final SerializableString SCHEMA_URL = n("schemaUrl");
  private static final SerializableString SCOPE = n("scope");
  private static final SerializableString SPANS = n("spans");
  private static final SerializableString METRICS = n("metrics");
  private static final SerializableString LOG_RECORDS = n("logRecords");
  private static final SerializableString ATTRIBUTES = n("attributes");
  private static final SerializableString DROPPED_ATTRIBUTES_COUNT = n("droppedAttributesCount");
  private static final SerializableString ENTITY_REFS = n("entityRefs");
  private static final SerializableString TYPE = n("type");
  private static final SerializableString ID_KEYS = n("idKeys");
  private static final SerializableString DESCRIPTION_KEYS = n("descriptionKeys");
  private static final SerializableString NAME = n("name");
  private static final SerializableString VERSION = n("version");
  private static final SerializableString KEY = n("key");
  private static final SerializableString VALUE = n("value");
  private static final SerializableString VALUES = n("values");
  private static final SerializableString STRING_VALUE = n("stringValue");
  private static final SerializableString BOOL_VALUE = n("boolValue");
  private static final SerializableString INT_VALUE = n("intValue");
  private static final SerializableString DOUBLE_VALUE = n("doubleValue");
  private static final SerializableString ARRAY_VALUE = n("arrayValue");
  private static final SerializableString KVLIST_VALUE = n("kvlistValue");
  private static final SerializableString BYTES_VALUE = n("bytesValue");
  private static final SerializableString TRACE_ID = n("traceId");
  private static final SerializableString SPAN_ID = n("spanId");
  private static final SerializableString TRACE_STATE = n("traceState");
  private static final SerializableString PARENT_SPAN_ID = n("parentSpanId");
  private static final SerializableString FLAGS = n("flags");
  private static final SerializableString KIND = n("kind");
  private static final SerializableString START_TIME = n("startTimeUnixNano");
  private static final SerializableString END_TIME = n("endTimeUnixNano");
  private static final SerializableString TIME = n("timeUnixNano");
  private static final SerializableString OBSERVED_TIME = n("observedTimeUnixNano");
  private static final SerializableString EVENTS = n("events");
  private static final SerializableString DROPPED_EVENTS_COUNT = n("droppedEventsCount");
  private static final SerializableString LINKS = n("links");
  private static final SerializableString DROPPED_LINKS_COUNT = n("droppedLinksCount");
  private static final SerializableString STATUS = n("status");
  private static final SerializableString MESSAGE = n("message");
  private static final SerializableString CODE = n("code");
  private static final SerializableString DESCRIPTION = n("description");
  private static final SerializableString UNIT = n("unit");
  private static final SerializableString METADATA = n("metadata");
  private static final SerializableString GAUGE = n("gauge");
  private static final SerializableString SUM = n("sum");
  private static final SerializableString HISTOGRAM = n("histogram");
  private static final SerializableString EXPONENTIAL_HISTOGRAM = n("exponentialHistogram");
  private static final SerializableString SUMMARY = n("summary");
  private static final SerializableString DATA_POINTS = n("dataPoints");
  private static final SerializableString AGGREGATION_TEMPORALITY = n("aggregationTemporality");
  private static final SerializableString IS_MONOTONIC = n("isMonotonic");
  private static final SerializableString AS_DOUBLE = n("asDouble");
  private static final SerializableString AS_INT = n("asInt");
  private static final SerializableString EXEMPLARS = n("exemplars");
  private static final SerializableString FILTERED_ATTRIBUTES = n("filteredAttributes");
  private static final SerializableString COUNT = n("count");
  private static final SerializableString BUCKET_COUNTS = n("bucketCounts");
  private static final SerializableString EXPLICIT_BOUNDS = n("explicitBounds");
  private static final SerializableString MIN = n("min");
  private static final SerializableString MAX = n("max");
  private static final SerializableString SCALE = n("scale");
  private static final SerializableString ZERO_COUNT = n("zeroCount");
  private static final SerializableString POSITIVE = n("positive");
  private static final SerializableString NEGATIVE = n("negative");
  private static final SerializableString OFFSET = n("offset");
  private static final SerializableString ZERO_THRESHOLD = n("zeroThreshold");
  private static final SerializableString QUANTILE_VALUES = n("quantileValues");
  private static final SerializableString QUANTILE = n("quantile");
  private static final SerializableString SEVERITY_NUMBER = n("severityNumber");
  private static final SerializableString SEVERITY_TEXT = n("severityText");
  private static final SerializableString BODY = n("body");
  private static final SerializableString EVENT_NAME = n("eventName");
  private static final SerializableString PARTIAL_SUCCESS = n("partialSuccess");
  private static final SerializableString ERROR_MESSAGE = n("errorMessage");

  // ---------------------------------------------------------------- traces

  void writeTraces(Traces t) {
    g.writeStartObject();
    ElementList<ResourceSpans> l = t.resourceSpans();
    if (!l.isEmpty()) {
      g.writeName(RESOURCE_SPANS);
      g.writeStartArray();
      for (int i = 0; i < l.size(); i++) {
        ResourceSpans rs = l.get(i);
        g.writeStartObject();
        writeResource(rs.resource());
        ElementList<ScopeSpans> ss = rs.scopeSpans();
        if (!ss.isEmpty()) {
          g.writeName(SCOPE_SPANS);
          g.writeStartArray();
          for (int j = 0; j < ss.size(); j++) {
            writeScopeSpans(ss.get(j));
          }
          g.writeEndArray();
        }
        string(SCHEMA_URL, rs.schemaUrl());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void writeScopeSpans(ScopeSpans ss) {
    g.writeStartObject();
    writeScope(ss.scope());
    ElementList<Span> spans = ss.spans();
    if (!spans.isEmpty()) {
      g.writeName(SPANS);
      g.writeStartArray();
      for (int i = 0; i < spans.size(); i++) {
        writeSpan(spans.get(i));
      }
      g.writeEndArray();
    }
    string(SCHEMA_URL, ss.schemaUrl());
    g.writeEndObject();
  }

  private void writeSpan(Span s) {
    g.writeStartObject();
    traceId(TRACE_ID, s.traceIdHigh(), s.traceIdLow());
    spanId(SPAN_ID, s.spanId());
    string(TRACE_STATE, s.traceState());
    spanId(PARENT_SPAN_ID, s.parentSpanId());
    uint32(FLAGS, s.flags());
    string(NAME, s.name());
    int32(KIND, s.kindNumber());
    uint64(START_TIME, s.startTimeUnixNano());
    uint64(END_TIME, s.endTimeUnixNano());
    attributes(ATTRIBUTES, s.attributes());
    uint32(DROPPED_ATTRIBUTES_COUNT, s.droppedAttributesCount());
    if (s.hasEvents()) {
      g.writeName(EVENTS);
      g.writeStartArray();
      for (SpanEvent e : s.events()) {
        g.writeStartObject();
        uint64(TIME, e.timeUnixNano());
        string(NAME, e.name());
        attributes(ATTRIBUTES, e.attributes());
        uint32(DROPPED_ATTRIBUTES_COUNT, e.droppedAttributesCount());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    uint32(DROPPED_EVENTS_COUNT, s.droppedEventsCount());
    if (s.hasLinks()) {
      g.writeName(LINKS);
      g.writeStartArray();
      for (SpanLink l : s.links()) {
        g.writeStartObject();
        traceId(TRACE_ID, l.traceIdHigh(), l.traceIdLow());
        spanId(SPAN_ID, l.spanId());
        string(TRACE_STATE, l.traceState());
        attributes(ATTRIBUTES, l.attributes());
        uint32(DROPPED_ATTRIBUTES_COUNT, l.droppedAttributesCount());
        uint32(FLAGS, l.flags());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    uint32(DROPPED_LINKS_COUNT, s.droppedLinksCount());
    if (s.statusCodeNumber() != 0 || !s.statusMessage().isEmpty()) {
      g.writeName(STATUS);
      g.writeStartObject();
      string(MESSAGE, s.statusMessage());
      int32(CODE, s.statusCodeNumber());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- metrics

  void writeMetrics(Metrics m) {
    g.writeStartObject();
    ElementList<ResourceMetrics> l = m.resourceMetrics();
    if (!l.isEmpty()) {
      g.writeName(RESOURCE_METRICS);
      g.writeStartArray();
      for (int i = 0; i < l.size(); i++) {
        ResourceMetrics rm = l.get(i);
        g.writeStartObject();
        writeResource(rm.resource());
        ElementList<ScopeMetrics> sms = rm.scopeMetrics();
        if (!sms.isEmpty()) {
          g.writeName(SCOPE_METRICS);
          g.writeStartArray();
          for (int j = 0; j < sms.size(); j++) {
            ScopeMetrics sm = sms.get(j);
            g.writeStartObject();
            writeScope(sm.scope());
            ElementList<Metric> ms = sm.metrics();
            if (!ms.isEmpty()) {
              g.writeName(METRICS);
              g.writeStartArray();
              for (int k = 0; k < ms.size(); k++) {
                writeMetric(ms.get(k));
              }
              g.writeEndArray();
            }
            string(SCHEMA_URL, sm.schemaUrl());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        string(SCHEMA_URL, rm.schemaUrl());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void writeMetric(Metric m) {
    g.writeStartObject();
    string(NAME, m.name());
    string(DESCRIPTION, m.description());
    string(UNIT, m.unit());
    MetricData data = m.data();
    if (data != null) {
      switch (data) {
        case Gauge ga -> {
          g.writeName(GAUGE);
          g.writeStartObject();
          numberPoints(ga.dataPoints());
          g.writeEndObject();
        }
        case Sum s -> {
          g.writeName(SUM);
          g.writeStartObject();
          numberPoints(s.dataPoints());
          int32(AGGREGATION_TEMPORALITY, s.aggregationTemporalityNumber());
          if (s.isMonotonic()) {
            g.writeName(IS_MONOTONIC);
            g.writeBoolean(true);
          }
          g.writeEndObject();
        }
        case Histogram h -> {
          g.writeName(HISTOGRAM);
          g.writeStartObject();
          if (!h.dataPoints().isEmpty()) {
            g.writeName(DATA_POINTS);
            g.writeStartArray();
            for (HistogramDataPoint p : h.dataPoints()) {
              writeHistogramPoint(p);
            }
            g.writeEndArray();
          }
          int32(AGGREGATION_TEMPORALITY, h.aggregationTemporalityNumber());
          g.writeEndObject();
        }
        case ExponentialHistogram h -> {
          g.writeName(EXPONENTIAL_HISTOGRAM);
          g.writeStartObject();
          if (!h.dataPoints().isEmpty()) {
            g.writeName(DATA_POINTS);
            g.writeStartArray();
            for (ExponentialHistogramDataPoint p : h.dataPoints()) {
              writeExpHistogramPoint(p);
            }
            g.writeEndArray();
          }
          int32(AGGREGATION_TEMPORALITY, h.aggregationTemporalityNumber());
          g.writeEndObject();
        }
        case Summary s -> {
          g.writeName(SUMMARY);
          g.writeStartObject();
          if (!s.dataPoints().isEmpty()) {
            g.writeName(DATA_POINTS);
            g.writeStartArray();
            for (SummaryDataPoint p : s.dataPoints()) {
              writeSummaryPoint(p);
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        }
      }
    }
    if (m.hasMetadata()) {
      attributes(METADATA, m.metadata());
    }
    g.writeEndObject();
  }

  private void numberPoints(ElementList<NumberDataPoint> l) {
    if (l.isEmpty()) {
      return;
    }
    g.writeName(DATA_POINTS);
    g.writeStartArray();
    for (int i = 0; i < l.size(); i++) {
      NumberDataPoint p = l.get(i);
      g.writeStartObject();
      uint64(START_TIME, p.startTimeUnixNano());
      uint64(TIME, p.timeUnixNano());
      if (p.valueKind() == NumberKind.DOUBLE) {
        doubleAlways(AS_DOUBLE, p.doubleValue());
      } else if (p.valueKind() == NumberKind.INT) {
        int64Always(AS_INT, p.intValue());
      }
      if (p.hasExemplars()) {
        exemplars(p.exemplars());
      }
      attributes(ATTRIBUTES, p.attributes());
      uint32(FLAGS, p.flags());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void writeHistogramPoint(HistogramDataPoint p) {
    g.writeStartObject();
    uint64(START_TIME, p.startTimeUnixNano());
    uint64(TIME, p.timeUnixNano());
    uint64(COUNT, p.count());
    if (p.hasSum()) {
      doubleAlways(SUM, p.sum());
    }
    long[] counts = p.bucketCounts();
    if (counts.length > 0) {
      g.writeName(BUCKET_COUNTS);
      g.writeStartArray();
      for (long c : counts) {
        g.writeString(Long.toUnsignedString(c));
      }
      g.writeEndArray();
    }
    double[] bounds = p.explicitBounds();
    if (bounds.length > 0) {
      g.writeName(EXPLICIT_BOUNDS);
      g.writeStartArray();
      for (double b : bounds) {
        doubleValue(b);
      }
      g.writeEndArray();
    }
    if (p.hasExemplars()) {
      exemplars(p.exemplars());
    }
    attributes(ATTRIBUTES, p.attributes());
    uint32(FLAGS, p.flags());
    if (p.hasMin()) {
      doubleAlways(MIN, p.min());
    }
    if (p.hasMax()) {
      doubleAlways(MAX, p.max());
    }
    g.writeEndObject();
  }

  private void writeExpHistogramPoint(ExponentialHistogramDataPoint p) {
    g.writeStartObject();
    attributes(ATTRIBUTES, p.attributes());
    uint64(START_TIME, p.startTimeUnixNano());
    uint64(TIME, p.timeUnixNano());
    uint64(COUNT, p.count());
    if (p.hasSum()) {
      doubleAlways(SUM, p.sum());
    }
    int32(SCALE, p.scale());
    uint64(ZERO_COUNT, p.zeroCount());
    buckets(POSITIVE, p.positive());
    buckets(NEGATIVE, p.negative());
    uint32(FLAGS, p.flags());
    if (p.hasExemplars()) {
      exemplars(p.exemplars());
    }
    if (p.hasMin()) {
      doubleAlways(MIN, p.min());
    }
    if (p.hasMax()) {
      doubleAlways(MAX, p.max());
    }
    doubleField(ZERO_THRESHOLD, p.zeroThreshold());
    g.writeEndObject();
  }

  private void buckets(SerializableString name, Buckets b) {
    if (b == null) {
      return;
    }
    g.writeName(name);
    g.writeStartObject();
    int32(OFFSET, b.offset());
    if (b.size() > 0) {
      g.writeName(BUCKET_COUNTS);
      g.writeStartArray();
      for (int i = 0; i < b.size(); i++) {
        g.writeString(Long.toUnsignedString(b.bucketCount(i)));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void writeSummaryPoint(SummaryDataPoint p) {
    g.writeStartObject();
    uint64(START_TIME, p.startTimeUnixNano());
    uint64(TIME, p.timeUnixNano());
    uint64(COUNT, p.count());
    doubleField(SUM, p.sum());
    List<ValueAtQuantile> qs = p.quantileValues();
    if (!qs.isEmpty()) {
      g.writeName(QUANTILE_VALUES);
      g.writeStartArray();
      for (ValueAtQuantile q : qs) {
        g.writeStartObject();
        doubleField(QUANTILE, q.quantile());
        doubleField(VALUE, q.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    attributes(ATTRIBUTES, p.attributes());
    uint32(FLAGS, p.flags());
    g.writeEndObject();
  }

  private void exemplars(ElementList<Exemplar> l) {
    g.writeName(EXEMPLARS);
    g.writeStartArray();
    for (int i = 0; i < l.size(); i++) {
      Exemplar e = l.get(i);
      g.writeStartObject();
      uint64(TIME, e.timeUnixNano());
      if (e.valueKind() == NumberKind.DOUBLE) {
        doubleAlways(AS_DOUBLE, e.doubleValue());
      } else if (e.valueKind() == NumberKind.INT) {
        int64Always(AS_INT, e.intValue());
      }
      spanId(SPAN_ID, e.spanId());
      traceId(TRACE_ID, e.traceIdHigh(), e.traceIdLow());
      attributes(FILTERED_ATTRIBUTES, e.filteredAttributes());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  // ---------------------------------------------------------------- logs

  void writeLogs(Logs logs) {
    g.writeStartObject();
    ElementList<ResourceLogs> l = logs.resourceLogs();
    if (!l.isEmpty()) {
      g.writeName(RESOURCE_LOGS);
      g.writeStartArray();
      for (int i = 0; i < l.size(); i++) {
        ResourceLogs rl = l.get(i);
        g.writeStartObject();
        writeResource(rl.resource());
        ElementList<ScopeLogs> sls = rl.scopeLogs();
        if (!sls.isEmpty()) {
          g.writeName(SCOPE_LOGS);
          g.writeStartArray();
          for (int j = 0; j < sls.size(); j++) {
            ScopeLogs sl = sls.get(j);
            g.writeStartObject();
            writeScope(sl.scope());
            ElementList<LogRecord> recs = sl.logRecords();
            if (!recs.isEmpty()) {
              g.writeName(LOG_RECORDS);
              g.writeStartArray();
              for (int k = 0; k < recs.size(); k++) {
                writeLogRecord(recs.get(k));
              }
              g.writeEndArray();
            }
            string(SCHEMA_URL, sl.schemaUrl());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        string(SCHEMA_URL, rl.schemaUrl());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void writeLogRecord(LogRecord l) {
    g.writeStartObject();
    uint64(TIME, l.timeUnixNano());
    uint64(OBSERVED_TIME, l.observedTimeUnixNano());
    int32(SEVERITY_NUMBER, l.severityNumberValue());
    string(SEVERITY_TEXT, l.severityText());
    if (!(l.body() instanceof AnyValue.EmptyValue)) {
      g.writeName(BODY);
      anyValue(l.body());
    }
    attributes(ATTRIBUTES, l.attributes());
    uint32(DROPPED_ATTRIBUTES_COUNT, l.droppedAttributesCount());
    uint32(FLAGS, l.flags());
    traceId(TRACE_ID, l.traceIdHigh(), l.traceIdLow());
    spanId(SPAN_ID, l.spanId());
    string(EVENT_NAME, l.eventName());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- responses

  void writeResponse(String rejectedName, PartialSuccess ps) {
    g.writeStartObject();
    if (!ps.isNone()) {
      g.writeName(PARTIAL_SUCCESS);
      g.writeStartObject();
      if (ps.rejected() != 0) {
        g.writeName(rejectedName);
        g.writeString(Long.toString(ps.rejected()));
      }
      string(ERROR_MESSAGE, ps.message());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- common

  private void writeResource(Resource r) {
    if (r.isEmpty()) {
      return;
    }
    g.writeName(RESOURCE);
    g.writeStartObject();
    attributes(ATTRIBUTES, r.attributes());
    uint32(DROPPED_ATTRIBUTES_COUNT, r.droppedAttributesCount());
    List<EntityRef> refs = r.entityRefs();
    if (!refs.isEmpty()) {
      g.writeName(ENTITY_REFS);
      g.writeStartArray();
      for (EntityRef ref : refs) {
        g.writeStartObject();
        string(SCHEMA_URL, ref.schemaUrl());
        string(TYPE, ref.type());
        strings(ID_KEYS, ref.idKeys());
        strings(DESCRIPTION_KEYS, ref.descriptionKeys());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void strings(SerializableString name, List<String> l) {
    if (l.isEmpty()) {
      return;
    }
    g.writeName(name);
    g.writeStartArray();
    for (String s : l) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  private void writeScope(InstrumentationScope s) {
    if (s.isEmpty()) {
      return;
    }
    g.writeName(SCOPE);
    g.writeStartObject();
    string(NAME, s.name());
    string(VERSION, s.version());
    attributes(ATTRIBUTES, s.attributes());
    uint32(DROPPED_ATTRIBUTES_COUNT, s.droppedAttributesCount());
    g.writeEndObject();
  }

  private void attributes(SerializableString name, Attributes a) {
    int n = a.size();
    if (n == 0) {
      return;
    }
    g.writeName(name);
    g.writeStartArray();
    for (int i = 0; i < n; i++) {
      keyValue(a.key(i), a.value(i));
    }
    g.writeEndArray();
  }

  private void keyValue(String key, AnyValue v) {
    g.writeStartObject();
    string(KEY, key);
    if (!(v instanceof AnyValue.EmptyValue)) {
      g.writeName(VALUE);
      anyValue(v);
    }
    g.writeEndObject();
  }

  private void anyValue(AnyValue v) {
    g.writeStartObject();
    switch (v) {
      case AnyValue.StringValue s -> {
        g.writeName(STRING_VALUE);
        g.writeString(s.value());
      }
      case AnyValue.BoolValue b -> {
        g.writeName(BOOL_VALUE);
        g.writeBoolean(b.value());
      }
      case AnyValue.IntValue i -> int64Always(INT_VALUE, i.value());
      case AnyValue.DoubleValue d -> doubleAlways(DOUBLE_VALUE, d.value());
      case AnyValue.ArrayValue a -> {
        g.writeName(ARRAY_VALUE);
        g.writeStartObject();
        if (!a.values().isEmpty()) {
          g.writeName(VALUES);
          g.writeStartArray();
          for (AnyValue e : a.values()) {
            anyValue(e);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      case AnyValue.KvListValue kv -> {
        g.writeName(KVLIST_VALUE);
        g.writeStartObject();
        if (!kv.values().isEmpty()) {
          g.writeName(VALUES);
          g.writeStartArray();
          for (KeyValue e : kv.values()) {
            keyValue(e.key(), e.value());
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      case AnyValue.BytesValue b -> {
        g.writeName(BYTES_VALUE);
        g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, b.value(), 0, b.value().length);
      }
      case AnyValue.EmptyValue e -> { }
    }
    g.writeEndObject();
  }

  private void string(SerializableString name, String s) {
    if (!s.isEmpty()) {
      g.writeName(name);
      g.writeString(s);
    }
  }

  private void uint32(SerializableString name, int v) {
    if (v != 0) {
      g.writeName(name);
      g.writeNumber(v & 0xFFFFFFFFL);
    }
  }

  private void int32(SerializableString name, int v) {
    if (v != 0) {
      g.writeName(name);
      g.writeNumber(v);
    }
  }

  private void uint64(SerializableString name, long v) {
    if (v != 0) {
      g.writeName(name);
      g.writeString(Long.toUnsignedString(v));
    }
  }

  private void int64Always(SerializableString name, long v) {
    g.writeName(name);
    g.writeString(Long.toString(v));
  }

  private void doubleField(SerializableString name, double v) {
    if (Double.doubleToRawLongBits(v) != 0) {
      doubleAlways(name, v);
    }
  }

  private void doubleAlways(SerializableString name, double v) {
    g.writeName(name);
    doubleValue(v);
  }

  private void doubleValue(double v) {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else if (Double.isNaN(v)) {
      g.writeString("NaN");
    } else {
      g.writeString(v > 0 ? "Infinity" : "-Infinity");
    }
  }

  private void traceId(SerializableString name, long high, long low) {
    if ((high | low) != 0) {
      char[] c = hex;
      fillHex(c, 0, high);
      fillHex(c, 16, low);
      g.writeName(name);
      g.writeString(c, 0, 32);
    }
  }

  private void spanId(SerializableString name, long id) {
    if (id != 0) {
      char[] c = hex;
      fillHex(c, 0, id);
      g.writeName(name);
      g.writeString(c, 0, 16);
    }
  }

  private static void fillHex(char[] c, int off, long v) {
    for (int i = off + 15; i >= off; i--) {
      c[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }
}
