package dev.signalbox.sdk.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.Buckets;
import dev.signalbox.pdata.EntityRef;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.ValueAtQuantile;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Test helpers around the generated classes: the canonical form our encoder produces, an
 * independent converter from generated messages to pdata, and OTLP/JSON from protobuf's
 * {@code JsonFormat} (ids turned from base64 into hex) as comparable JSON trees.
 */
final class Oracle {
  private Oracle() {}

  // ------------------------------------------------------------------ canonical form

  private static final Set<String> OMITTED_WHEN_EMPTY = Set.of("resource", "scope", "status", "value", "body");

  /**
   * The message as our encoder writes it back: empty resource, scope, status, KeyValue value and
   * log body are omitted (pdata does not distinguish absent from empty for these).
   */
  @SuppressWarnings("unchecked")
  static <M extends Message> M canonical(M m) {
    Message.Builder b = m.toBuilder();
    canonical(b);
    return (M) b.build();
  }

  private static void canonical(Message.Builder b) {
    for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
      if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (f.isRepeated()) {
        for (int i = 0; i < b.getRepeatedFieldCount(f); i++) {
          Message.Builder eb = ((Message) b.getRepeatedField(f, i)).toBuilder();
          canonical(eb);
          b.setRepeatedField(f, i, eb.build());
        }
      } else if (b.hasField(f)) {
        Message.Builder vb = ((Message) b.getField(f)).toBuilder();
        canonical(vb);
        Message v = vb.build();
        if (OMITTED_WHEN_EMPTY.contains(f.getName()) && v.equals(v.getDefaultInstanceForType())) {
          b.clearField(f);
        } else {
          b.setField(f, v);
        }
      }
    }
  }

  // ------------------------------------------------------------------ to pdata

  static long high(ByteString id) {
    return id.isEmpty() ? 0 : ByteBuffer.wrap(id.toByteArray()).getLong(0);
  }

  static long low(ByteString id) {
    return id.isEmpty() ? 0 : ByteBuffer.wrap(id.toByteArray()).getLong(8);
  }

  static long span(ByteString id) {
    return id.isEmpty() ? 0 : ByteBuffer.wrap(id.toByteArray()).getLong(0);
  }

  static dev.signalbox.pdata.AnyValue value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> dev.signalbox.pdata.AnyValue.of(v.getStringValue());
      case BOOL_VALUE -> dev.signalbox.pdata.AnyValue.of(v.getBoolValue());
      case INT_VALUE -> dev.signalbox.pdata.AnyValue.of(v.getIntValue());
      case DOUBLE_VALUE -> dev.signalbox.pdata.AnyValue.of(v.getDoubleValue());
      case BYTES_VALUE -> dev.signalbox.pdata.AnyValue.of(v.getBytesValue().toByteArray());
      case ARRAY_VALUE -> dev.signalbox.pdata.AnyValue.ofArray(
          v.getArrayValue().getValuesList().stream().map(Oracle::value).toList());
      case KVLIST_VALUE -> dev.signalbox.pdata.AnyValue.ofKvList(
          v.getKvlistValue().getValuesList().stream()
              .map(kv -> new dev.signalbox.pdata.KeyValue(kv.getKey(), value(kv.getValue()))).toList());
      default -> dev.signalbox.pdata.AnyValue.empty();
    };
  }

  static void attributes(List<KeyValue> from, Attributes to) {
    for (KeyValue kv : from) {
      to.add(kv.getKey(), value(kv.getValue()));
    }
  }

  static void resource(Resource from, dev.signalbox.pdata.Resource to) {
    attributes(from.getAttributesList(), to.attributes());
    to.setDroppedAttributesCount(from.getDroppedAttributesCount());
    to.setEntityRefs(from.getEntityRefsList().stream()
        .map(e -> new EntityRef(e.getSchemaUrl(), e.getType(), e.getIdKeysList(), e.getDescriptionKeysList()))
        .toList());
  }

  static void scope(InstrumentationScope from, dev.signalbox.pdata.InstrumentationScope to) {
    to.setName(from.getName()).setVersion(from.getVersion()).setDroppedAttributesCount(from.getDroppedAttributesCount());
    attributes(from.getAttributesList(), to.attributes());
  }

  static Traces toPdata(ExportTraceServiceRequest req) {
    Traces t = new Traces();
    for (ResourceSpans rs : req.getResourceSpansList()) {
      dev.signalbox.pdata.ResourceSpans prs = t.resourceSpans().addNew();
      resource(rs.getResource(), prs.resource());
      prs.setSchemaUrl(rs.getSchemaUrl());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        dev.signalbox.pdata.ScopeSpans pss = prs.scopeSpans().addNew();
        scope(ss.getScope(), pss.scope());
        pss.setSchemaUrl(ss.getSchemaUrl());
        for (Span s : ss.getSpansList()) {
          dev.signalbox.pdata.Span ps = pss.spans().addNew()
              .setTraceId(high(s.getTraceId()), low(s.getTraceId()))
              .setSpanId(span(s.getSpanId()))
              .setTraceState(s.getTraceState())
              .setParentSpanId(span(s.getParentSpanId()))
              .setFlags(s.getFlags())
              .setName(s.getName())
              .setKindNumber(s.getKindValue())
              .setStartTimeUnixNano(s.getStartTimeUnixNano())
              .setEndTimeUnixNano(s.getEndTimeUnixNano())
              .setDroppedAttributesCount(s.getDroppedAttributesCount())
              .setDroppedEventsCount(s.getDroppedEventsCount())
              .setDroppedLinksCount(s.getDroppedLinksCount())
              .setStatus(s.getStatus().getCodeValue(), s.getStatus().getMessage());
          attributes(s.getAttributesList(), ps.attributes());
          for (Span.Event e : s.getEventsList()) {
            dev.signalbox.pdata.SpanEvent pe = ps.events().addNew().setTimeUnixNano(e.getTimeUnixNano())
                .setName(e.getName()).setDroppedAttributesCount(e.getDroppedAttributesCount());
            attributes(e.getAttributesList(), pe.attributes());
          }
          for (Span.Link l : s.getLinksList()) {
            dev.signalbox.pdata.SpanLink pl = ps.links().addNew()
                .setTraceId(high(l.getTraceId()), low(l.getTraceId())).setSpanId(span(l.getSpanId()))
                .setTraceState(l.getTraceState()).setDroppedAttributesCount(l.getDroppedAttributesCount())
                .setFlags(l.getFlags());
            attributes(l.getAttributesList(), pl.attributes());
          }
        }
      }
    }
    return t;
  }

  static Metrics toPdata(ExportMetricsServiceRequest req) {
    Metrics out = new Metrics();
    for (ResourceMetrics rm : req.getResourceMetricsList()) {
      dev.signalbox.pdata.ResourceMetrics prm = out.resourceMetrics().addNew();
      resource(rm.getResource(), prm.resource());
      prm.setSchemaUrl(rm.getSchemaUrl());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        dev.signalbox.pdata.ScopeMetrics psm = prm.scopeMetrics().addNew();
        scope(sm.getScope(), psm.scope());
        psm.setSchemaUrl(sm.getSchemaUrl());
        for (Metric m : sm.getMetricsList()) {
          dev.signalbox.pdata.Metric pm = psm.metrics().addNew()
              .setName(m.getName()).setDescription(m.getDescription()).setUnit(m.getUnit());
          attributes(m.getMetadataList(), pm.metadata());
          switch (m.getDataCase()) {
            case GAUGE -> {
              dev.signalbox.pdata.Gauge g = pm.setEmptyGauge();
              m.getGauge().getDataPointsList().forEach(p -> numberPoint(p, g.dataPoints().addNew()));
            }
            case SUM -> {
              dev.signalbox.pdata.Sum s = pm.setEmptySum()
                  .setAggregationTemporalityNumber(m.getSum().getAggregationTemporalityValue())
                  .setMonotonic(m.getSum().getIsMonotonic());
              m.getSum().getDataPointsList().forEach(p -> numberPoint(p, s.dataPoints().addNew()));
            }
            case HISTOGRAM -> {
              dev.signalbox.pdata.Histogram h = pm.setEmptyHistogram()
                  .setAggregationTemporalityNumber(m.getHistogram().getAggregationTemporalityValue());
              for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
                dev.signalbox.pdata.HistogramDataPoint pp = h.dataPoints().addNew()
                    .setStartTimeUnixNano(p.getStartTimeUnixNano()).setTimeUnixNano(p.getTimeUnixNano())
                    .setFlags(p.getFlags()).setCount(p.getCount())
                    .setBucketCounts(p.getBucketCountsList().stream().mapToLong(Long::longValue).toArray())
                    .setExplicitBounds(p.getExplicitBoundsList().stream().mapToDouble(Double::doubleValue).toArray());
                attributes(p.getAttributesList(), pp.attributes());
                if (p.hasSum()) {
                  pp.setSum(p.getSum());
                }
                if (p.hasMin()) {
                  pp.setMin(p.getMin());
                }
                if (p.hasMax()) {
                  pp.setMax(p.getMax());
                }
                p.getExemplarsList().forEach(e -> exemplar(e, pp.exemplars().addNew()));
              }
            }
            case EXPONENTIAL_HISTOGRAM -> {
              dev.signalbox.pdata.ExponentialHistogram h = pm.setEmptyExponentialHistogram()
                  .setAggregationTemporalityNumber(m.getExponentialHistogram().getAggregationTemporalityValue());
              for (ExponentialHistogramDataPoint p : m.getExponentialHistogram().getDataPointsList()) {
                dev.signalbox.pdata.ExponentialHistogramDataPoint pp = h.dataPoints().addNew()
                    .setStartTimeUnixNano(p.getStartTimeUnixNano()).setTimeUnixNano(p.getTimeUnixNano())
                    .setFlags(p.getFlags()).setCount(p.getCount()).setScale(p.getScale())
                    .setZeroCount(p.getZeroCount()).setZeroThreshold(p.getZeroThreshold());
                attributes(p.getAttributesList(), pp.attributes());
                if (p.hasSum()) {
                  pp.setSum(p.getSum());
                }
                if (p.hasMin()) {
                  pp.setMin(p.getMin());
                }
                if (p.hasMax()) {
                  pp.setMax(p.getMax());
                }
                if (p.hasPositive()) {
                  pp.setPositive(Buckets.of(p.getPositive().getOffset(),
                      p.getPositive().getBucketCountsList().stream().mapToLong(Long::longValue).toArray()));
                }
                if (p.hasNegative()) {
                  pp.setNegative(Buckets.of(p.getNegative().getOffset(),
                      p.getNegative().getBucketCountsList().stream().mapToLong(Long::longValue).toArray()));
                }
                p.getExemplarsList().forEach(e -> exemplar(e, pp.exemplars().addNew()));
              }
            }
            case SUMMARY -> {
              dev.signalbox.pdata.Summary s = pm.setEmptySummary();
              for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
                dev.signalbox.pdata.SummaryDataPoint pp = s.dataPoints().addNew()
                    .setStartTimeUnixNano(p.getStartTimeUnixNano()).setTimeUnixNano(p.getTimeUnixNano())
                    .setFlags(p.getFlags()).setCount(p.getCount()).setSum(p.getSum())
                    .setQuantileValues(p.getQuantileValuesList().stream()
                        .map(q -> new ValueAtQuantile(q.getQuantile(), q.getValue())).toList());
                attributes(p.getAttributesList(), pp.attributes());
              }
            }
            default -> { }
          }
        }
      }
    }
    return out;
  }

  private static void numberPoint(NumberDataPoint p, dev.signalbox.pdata.NumberDataPoint to) {
    to.setStartTimeUnixNano(p.getStartTimeUnixNano()).setTimeUnixNano(p.getTimeUnixNano()).setFlags(p.getFlags());
    attributes(p.getAttributesList(), to.attributes());
    switch (p.getValueCase()) {
      case AS_DOUBLE -> to.setDoubleValue(p.getAsDouble());
      case AS_INT -> to.setIntValue(p.getAsInt());
      default -> { }
    }
    p.getExemplarsList().forEach(e -> exemplar(e, to.exemplars().addNew()));
  }

  private static void exemplar(Exemplar e, dev.signalbox.pdata.Exemplar to) {
    attributes(e.getFilteredAttributesList(), to.filteredAttributes());
    to.setTimeUnixNano(e.getTimeUnixNano()).setSpanId(span(e.getSpanId()))
        .setTraceId(high(e.getTraceId()), low(e.getTraceId()));
    switch (e.getValueCase()) {
      case AS_DOUBLE -> to.setDoubleValue(e.getAsDouble());
      case AS_INT -> to.setIntValue(e.getAsInt());
      default -> { }
    }
  }

  static Logs toPdata(ExportLogsServiceRequest req) {
    Logs out = new Logs();
    for (ResourceLogs rl : req.getResourceLogsList()) {
      dev.signalbox.pdata.ResourceLogs prl = out.resourceLogs().addNew();
      resource(rl.getResource(), prl.resource());
      prl.setSchemaUrl(rl.getSchemaUrl());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        dev.signalbox.pdata.ScopeLogs psl = prl.scopeLogs().addNew();
        scope(sl.getScope(), psl.scope());
        psl.setSchemaUrl(sl.getSchemaUrl());
        for (LogRecord l : sl.getLogRecordsList()) {
          dev.signalbox.pdata.LogRecord pl = psl.logRecords().addNew()
              .setTimeUnixNano(l.getTimeUnixNano()).setObservedTimeUnixNano(l.getObservedTimeUnixNano())
              .setSeverityNumberValue(l.getSeverityNumberValue()).setSeverityText(l.getSeverityText())
              .setBody(value(l.getBody())).setDroppedAttributesCount(l.getDroppedAttributesCount())
              .setFlags(l.getFlags()).setTraceId(high(l.getTraceId()), low(l.getTraceId()))
              .setSpanId(span(l.getSpanId())).setEventName(l.getEventName());
          attributes(l.getAttributesList(), pl.attributes());
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ JSON

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> ID_KEYS = Set.of("traceId", "spanId", "parentSpanId");

  /**
   * OTLP/JSON of a message from protobuf's own printer: enums as ints, and the ids (base64 in
   * protobuf's mapping) rewritten as hex, as OTLP requires. A JSON tree (see {@link #tree}).
   */
  static Object oracleJson(MessageOrBuilder m) {
    try {
      String json = JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace().print(m);
      return idsToHex(tree(json.getBytes(StandardCharsets.UTF_8)));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object idsToHex(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if (ID_KEYS.contains(e.getKey()) && e.getValue() instanceof String s) {
          e.setValue(HexFormat.of().formatHex(Base64.getDecoder().decode(s)));
        } else {
          idsToHex(e.getValue());
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(Oracle::idsToHex);
    }
    return node;
  }

  /**
   * A JSON document as nested LinkedHashMap / ArrayList / String / Boolean / null / {@link Num},
   * so equal JSON values compare equal.
   */
  static Object tree(byte[] json) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      p.nextToken();
      return node(p);
    }
  }

  private static Object node(JsonParser p) {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n; (n = p.nextName()) != null; ) {
          p.nextToken();
          m.put(n, node(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(node(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getString();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Num(p.getString());
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      default -> {
        return null;
      }
    }
  }

  /** A JSON number: compared by value (so 1.0 equals 1 and -0.0 equals 0), written as its text. */
  record Num(String text) {
    BigDecimal value() {
      BigDecimal d = new BigDecimal(text);
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Num n && value().equals(n.value());
    }

    @Override
    public int hashCode() {
      return value().hashCode();
    }
  }

  /** Serializes a tree back to JSON text. */
  static byte[] json(Object tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, tree);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Object node) {
    if (node instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (node instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (node instanceof String s) {
      g.writeString(s);
    } else if (node instanceof Num n) {
      g.writeNumber(n.text());
    } else if (node instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeNull();
    }
  }
}
