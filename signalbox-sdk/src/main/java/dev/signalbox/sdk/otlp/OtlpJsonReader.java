package dev.signalbox.sdk.otlp;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.Buckets;
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
import dev.signalbox.pdata.MetricType;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
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
import dev.signalbox.sdk.otlp.OtlpProtoDecoder.DoubleList;
import dev.signalbox.sdk.otlp.OtlpProtoDecoder.LongList;
import dev.signalbox.sdk.proto.FieldPath;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads OTLP/JSON into pdata. Accepts lowerCamelCase keys and the original snake_case proto names,
 * ignores unknown keys, treats {@code null} as absent, reads 64-bit integers from strings or
 * numbers, doubles from numbers or "NaN"/"Infinity"/"-Infinity" (or numeric strings), enums from
 * integers or their proto names, ids from hex (either case), bytes from base64 (standard or
 * URL-safe, padding optional). A {@code null} element inside a list is an error, as in protobuf's
 * JSON mapping. Errors carry the line and column and the field path, in camelCase.
 *
 * <p>One instance per decode; not thread-safe.
 */
final class OtlpJsonReader {
  private static final String[] SPAN_KINDS = {
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
  private static final String[] STATUS_CODES = {"STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"};
  private static final String[] TEMPORALITIES = {
    "AGGREGATION_TEMPORALITY_UNSPECIFIED", "AGGREGATION_TEMPORALITY_DELTA", "AGGREGATION_TEMPORALITY_CUMULATIVE"};
  private static final String[] SEVERITIES = new String[25];

  static {
    String[] levels = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    SEVERITIES[0] = "SEVERITY_NUMBER_UNSPECIFIED";
    for (int i = 0; i < levels.length; i++) {
      for (int j = 0; j < 4; j++) {
        SEVERITIES[1 + i * 4 + j] = "SEVERITY_NUMBER_" + levels[i] + (j == 0 ? "" : Integer.toString(j + 1));
      }
    }
  }

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final java.util.regex.Pattern SOURCE_NOTE =
      java.util.regex.Pattern.compile(" ?\\(start marker at \\[Source: [^\\]]*\\]\\)|\\[Source: [^\\]]*\\];? ?");

  private final JsonParser p;
  private final FieldPath path = new FieldPath(OtlpSchema.MAX_DEPTH);

  OtlpJsonReader(JsonParser p) {
    this.p = p;
  }

  @FunctionalInterface
  private interface Element {
    void read(JsonToken t) throws MalformedDataException;
  }

  // ---------------------------------------------------------------- entry points

  void readTraces(Traces into) throws MalformedDataException {
    try {
      beginRoot();
      for (String n; (n = p.nextName()) != null; ) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (n) {
          case "resourceSpans", "resource_spans" ->
              array("resourceSpans", v, t -> readResourceSpans(into.resourceSpans().addNew()));
          default -> p.skipChildren();
        }
      }
      endRoot();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  void readMetrics(Metrics into) throws MalformedDataException {
    try {
      beginRoot();
      for (String n; (n = p.nextName()) != null; ) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (n) {
          case "resourceMetrics", "resource_metrics" ->
              array("resourceMetrics", v, t -> readResourceMetrics(into.resourceMetrics().addNew()));
          default -> p.skipChildren();
        }
      }
      endRoot();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  void readLogs(Logs into) throws MalformedDataException {
    try {
      beginRoot();
      for (String n; (n = p.nextName()) != null; ) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (n) {
          case "resourceLogs", "resource_logs" ->
              array("resourceLogs", v, t -> readResourceLogs(into.resourceLogs().addNew()));
          default -> p.skipChildren();
        }
      }
      endRoot();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  PartialSuccess readResponse() throws MalformedDataException {
    try {
      long rejected = 0;
      String message = "";
      beginRoot();
      for (String n; (n = p.nextName()) != null; ) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        if (n.equals("partialSuccess") || n.equals("partial_success")) {
          enterObject("partialSuccess", v);
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            switch (f) {
              case "rejectedSpans", "rejected_spans", "rejectedDataPoints", "rejected_data_points",
                  "rejectedLogRecords", "rejected_log_records", "rejectedProfiles", "rejected_profiles" ->
                  rejected = int64(fv, f);
              case "errorMessage", "error_message" -> message = string(fv, "errorMessage");
              default -> p.skipChildren();
            }
          }
          path.pop();
        } else {
          p.skipChildren();
        }
      }
      endRoot();
      return rejected == 0 && message.isEmpty() ? PartialSuccess.NONE : new PartialSuccess(rejected, message);
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  private void beginRoot() throws MalformedDataException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new MalformedDataException("empty input, expected a JSON object", "", "");
    }
    if (t != JsonToken.START_OBJECT) {
      throw error("expected a JSON object, got " + describe(t), null);
    }
  }

  private void endRoot() throws MalformedDataException {
    JsonToken t = p.nextToken();
    if (t != null) {
      throw error("unexpected " + describe(t) + " after the end of the request object", null);
    }
  }

  // ---------------------------------------------------------------- structure helpers

  /** Iterates a JSON array of objects; the array's path element is {@code name[index]}. */
  private void array(String name, JsonToken t, Element element) throws MalformedDataException {
    if (t != JsonToken.START_ARRAY) {
      throw error(name + " must be an array, got " + describe(t), name);
    }
    if (!path.push(name, -1)) {
      throw error("nested deeper than " + path.maxDepth() + " levels", null);
    }
    int i = 0;
    for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
      path.setIndex(i++);
      if (e != JsonToken.START_OBJECT) {
        throw error("list element must be an object, got " + describe(e), null);
      }
      element.read(e);
    }
    path.pop();
  }

  /** Enters an object value (token {@code t}); pair with {@code path.pop()} after its fields. */
  private void enterObject(String name, JsonToken t) throws MalformedDataException {
    if (t != JsonToken.START_OBJECT) {
      throw error(name + " must be an object, got " + describe(t), name);
    }
    if (!path.push(name, -1)) {
      throw error("nested deeper than " + path.maxDepth() + " levels", null);
    }
  }

  // ---------------------------------------------------------------- traces

  private void readResourceSpans(ResourceSpans rs) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "resource" -> readResource(v, rs.resource());
        case "scopeSpans", "scope_spans" -> array("scopeSpans", v, t -> readScopeSpans(rs.scopeSpans().addNew()));
        case "schemaUrl", "schema_url" -> rs.setSchemaUrl(string(v, "schemaUrl"));
        default -> p.skipChildren();
      }
    }
  }

  private void readScopeSpans(ScopeSpans ss) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "scope" -> readScope(v, ss.scope());
        case "spans" -> array("spans", v, t -> readSpan(ss.spans().addNew()));
        case "schemaUrl", "schema_url" -> ss.setSchemaUrl(string(v, "schemaUrl"));
        default -> p.skipChildren();
      }
    }
  }

  private void readSpan(Span s) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "traceId", "trace_id" -> {
          long[] id = traceId(v, "traceId");
          s.setTraceId(id[0], id[1]);
        }
        case "spanId", "span_id" -> s.setSpanId(spanId(v, "spanId"));
        case "traceState", "trace_state" -> s.setTraceState(string(v, "traceState"));
        case "parentSpanId", "parent_span_id" -> s.setParentSpanId(spanId(v, "parentSpanId"));
        case "flags" -> s.setFlags(uint32(v, "flags"));
        case "name" -> s.setName(string(v, "name"));
        case "kind" -> s.setKindNumber(enumValue(v, "kind", SPAN_KINDS));
        case "startTimeUnixNano", "start_time_unix_nano" -> s.setStartTimeUnixNano(uint64(v, "startTimeUnixNano"));
        case "endTimeUnixNano", "end_time_unix_nano" -> s.setEndTimeUnixNano(uint64(v, "endTimeUnixNano"));
        case "attributes" -> attributes("attributes", v, s.attributes());
        case "droppedAttributesCount", "dropped_attributes_count" ->
            s.setDroppedAttributesCount(uint32(v, "droppedAttributesCount"));
        case "events" -> array("events", v, t -> readEvent(s.events().addNew()));
        case "droppedEventsCount", "dropped_events_count" -> s.setDroppedEventsCount(uint32(v, "droppedEventsCount"));
        case "links" -> array("links", v, t -> readLink(s.links().addNew()));
        case "droppedLinksCount", "dropped_links_count" -> s.setDroppedLinksCount(uint32(v, "droppedLinksCount"));
        case "status" -> {
          enterObject("status", v);
          int code = s.statusCodeNumber();
          String message = s.statusMessage();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            switch (f) {
              case "message" -> message = string(fv, "message");
              case "code" -> code = enumValue(fv, "code", STATUS_CODES);
              default -> p.skipChildren();
            }
          }
          path.pop();
          s.setStatus(code, message);
        }
        default -> p.skipChildren();
      }
    }
  }

  private void readEvent(SpanEvent e) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "timeUnixNano", "time_unix_nano" -> e.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "name" -> e.setName(string(v, "name"));
        case "attributes" -> attributes("attributes", v, e.attributes());
        case "droppedAttributesCount", "dropped_attributes_count" ->
            e.setDroppedAttributesCount(uint32(v, "droppedAttributesCount"));
        default -> p.skipChildren();
      }
    }
  }

  private void readLink(SpanLink l) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "traceId", "trace_id" -> {
          long[] id = traceId(v, "traceId");
          l.setTraceId(id[0], id[1]);
        }
        case "spanId", "span_id" -> l.setSpanId(spanId(v, "spanId"));
        case "traceState", "trace_state" -> l.setTraceState(string(v, "traceState"));
        case "attributes" -> attributes("attributes", v, l.attributes());
        case "droppedAttributesCount", "dropped_attributes_count" ->
            l.setDroppedAttributesCount(uint32(v, "droppedAttributesCount"));
        case "flags" -> l.setFlags(uint32(v, "flags"));
        default -> p.skipChildren();
      }
    }
  }

  // ---------------------------------------------------------------- metrics

  private void readResourceMetrics(ResourceMetrics rm) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "resource" -> readResource(v, rm.resource());
        case "scopeMetrics", "scope_metrics" ->
            array("scopeMetrics", v, t -> readScopeMetrics(rm.scopeMetrics().addNew()));
        case "schemaUrl", "schema_url" -> rm.setSchemaUrl(string(v, "schemaUrl"));
        default -> p.skipChildren();
      }
    }
  }

  private void readScopeMetrics(ScopeMetrics sm) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "scope" -> readScope(v, sm.scope());
        case "metrics" -> array("metrics", v, t -> readMetric(sm.metrics().addNew()));
        case "schemaUrl", "schema_url" -> sm.setSchemaUrl(string(v, "schemaUrl"));
        default -> p.skipChildren();
      }
    }
  }

  private void readMetric(Metric m) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "name" -> m.setName(string(v, "name"));
        case "description" -> m.setDescription(string(v, "description"));
        case "unit" -> m.setUnit(string(v, "unit"));
        case "gauge" -> {
          enterObject("gauge", v);
          Gauge g = m.type() == MetricType.GAUGE ? m.gauge() : m.setEmptyGauge();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            if (f.equals("dataPoints") || f.equals("data_points")) {
              array("dataPoints", fv, t -> readNumberPoint(g.dataPoints().addNew()));
            } else {
              p.skipChildren();
            }
          }
          path.pop();
        }
        case "sum" -> {
          enterObject("sum", v);
          Sum s = m.type() == MetricType.SUM ? m.sum() : m.setEmptySum();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            switch (f) {
              case "dataPoints", "data_points" -> array("dataPoints", fv, t -> readNumberPoint(s.dataPoints().addNew()));
              case "aggregationTemporality", "aggregation_temporality" ->
                  s.setAggregationTemporalityNumber(enumValue(fv, "aggregationTemporality", TEMPORALITIES));
              case "isMonotonic", "is_monotonic" -> s.setMonotonic(bool(fv, "isMonotonic"));
              default -> p.skipChildren();
            }
          }
          path.pop();
        }
        case "histogram" -> {
          enterObject("histogram", v);
          Histogram h = m.type() == MetricType.HISTOGRAM ? m.histogram() : m.setEmptyHistogram();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            switch (f) {
              case "dataPoints", "data_points" ->
                  array("dataPoints", fv, t -> readHistogramPoint(h.dataPoints().addNew()));
              case "aggregationTemporality", "aggregation_temporality" ->
                  h.setAggregationTemporalityNumber(enumValue(fv, "aggregationTemporality", TEMPORALITIES));
              default -> p.skipChildren();
            }
          }
          path.pop();
        }
        case "exponentialHistogram", "exponential_histogram" -> {
          enterObject("exponentialHistogram", v);
          ExponentialHistogram h = m.type() == MetricType.EXPONENTIAL_HISTOGRAM
              ? m.exponentialHistogram() : m.setEmptyExponentialHistogram();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            switch (f) {
              case "dataPoints", "data_points" ->
                  array("dataPoints", fv, t -> readExpHistogramPoint(h.dataPoints().addNew()));
              case "aggregationTemporality", "aggregation_temporality" ->
                  h.setAggregationTemporalityNumber(enumValue(fv, "aggregationTemporality", TEMPORALITIES));
              default -> p.skipChildren();
            }
          }
          path.pop();
        }
        case "summary" -> {
          enterObject("summary", v);
          Summary s = m.type() == MetricType.SUMMARY ? m.summary() : m.setEmptySummary();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken fv = p.nextToken();
            if (fv == JsonToken.VALUE_NULL) {
              continue;
            }
            if (f.equals("dataPoints") || f.equals("data_points")) {
              array("dataPoints", fv, t -> readSummaryPoint(s.dataPoints().addNew()));
            } else {
              p.skipChildren();
            }
          }
          path.pop();
        }
        case "metadata" -> attributes("metadata", v, m.metadata());
        default -> p.skipChildren();
      }
    }
  }

  private void readNumberPoint(NumberDataPoint dp) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "attributes" -> attributes("attributes", v, dp.attributes());
        case "startTimeUnixNano", "start_time_unix_nano" -> dp.setStartTimeUnixNano(uint64(v, "startTimeUnixNano"));
        case "timeUnixNano", "time_unix_nano" -> dp.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "asDouble", "as_double" -> dp.setDoubleValue(dbl(v, "asDouble"));
        case "asInt", "as_int" -> dp.setIntValue(int64(v, "asInt"));
        case "exemplars" -> array("exemplars", v, t -> readExemplar(dp.exemplars().addNew()));
        case "flags" -> dp.setFlags(uint32(v, "flags"));
        default -> p.skipChildren();
      }
    }
  }

  private void readHistogramPoint(HistogramDataPoint dp) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "attributes" -> attributes("attributes", v, dp.attributes());
        case "startTimeUnixNano", "start_time_unix_nano" -> dp.setStartTimeUnixNano(uint64(v, "startTimeUnixNano"));
        case "timeUnixNano", "time_unix_nano" -> dp.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "count" -> dp.setCount(uint64(v, "count"));
        case "sum" -> dp.setSum(dbl(v, "sum"));
        case "bucketCounts", "bucket_counts" -> dp.setBucketCounts(uint64Array(v, "bucketCounts"));
        case "explicitBounds", "explicit_bounds" -> dp.setExplicitBounds(doubleArray(v, "explicitBounds"));
        case "exemplars" -> array("exemplars", v, t -> readExemplar(dp.exemplars().addNew()));
        case "flags" -> dp.setFlags(uint32(v, "flags"));
        case "min" -> dp.setMin(dbl(v, "min"));
        case "max" -> dp.setMax(dbl(v, "max"));
        default -> p.skipChildren();
      }
    }
  }

  private void readExpHistogramPoint(ExponentialHistogramDataPoint dp) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "attributes" -> attributes("attributes", v, dp.attributes());
        case "startTimeUnixNano", "start_time_unix_nano" -> dp.setStartTimeUnixNano(uint64(v, "startTimeUnixNano"));
        case "timeUnixNano", "time_unix_nano" -> dp.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "count" -> dp.setCount(uint64(v, "count"));
        case "sum" -> dp.setSum(dbl(v, "sum"));
        case "scale" -> dp.setScale(int32(v, "scale"));
        case "zeroCount", "zero_count" -> dp.setZeroCount(uint64(v, "zeroCount"));
        case "positive" -> dp.setPositive(readBuckets("positive", v));
        case "negative" -> dp.setNegative(readBuckets("negative", v));
        case "flags" -> dp.setFlags(uint32(v, "flags"));
        case "exemplars" -> array("exemplars", v, t -> readExemplar(dp.exemplars().addNew()));
        case "min" -> dp.setMin(dbl(v, "min"));
        case "max" -> dp.setMax(dbl(v, "max"));
        case "zeroThreshold", "zero_threshold" -> dp.setZeroThreshold(dbl(v, "zeroThreshold"));
        default -> p.skipChildren();
      }
    }
  }

  private Buckets readBuckets(String name, JsonToken v) throws MalformedDataException {
    enterObject(name, v);
    int offset = 0;
    long[] counts = null;
    for (String f; (f = p.nextName()) != null; ) {
      JsonToken fv = p.nextToken();
      if (fv == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (f) {
        case "offset" -> offset = int32(fv, "offset");
        case "bucketCounts", "bucket_counts" -> counts = uint64Array(fv, "bucketCounts");
        default -> p.skipChildren();
      }
    }
    path.pop();
    return counts == null ? (offset == 0 ? Buckets.EMPTY : Buckets.of(offset)) : Buckets.of(offset, counts);
  }

  private void readSummaryPoint(SummaryDataPoint dp) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "attributes" -> attributes("attributes", v, dp.attributes());
        case "startTimeUnixNano", "start_time_unix_nano" -> dp.setStartTimeUnixNano(uint64(v, "startTimeUnixNano"));
        case "timeUnixNano", "time_unix_nano" -> dp.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "count" -> dp.setCount(uint64(v, "count"));
        case "sum" -> dp.setSum(dbl(v, "sum"));
        case "quantileValues", "quantile_values" -> {
          List<ValueAtQuantile> qs = new ArrayList<>();
          array("quantileValues", v, t -> {
            double q = 0;
            double val = 0;
            for (String f; (f = p.nextName()) != null; ) {
              JsonToken fv = p.nextToken();
              if (fv == JsonToken.VALUE_NULL) {
                continue;
              }
              switch (f) {
                case "quantile" -> q = dbl(fv, "quantile");
                case "value" -> val = dbl(fv, "value");
                default -> p.skipChildren();
              }
            }
            qs.add(new ValueAtQuantile(q, val));
          });
          dp.setQuantileValues(qs);
        }
        case "flags" -> dp.setFlags(uint32(v, "flags"));
        default -> p.skipChildren();
      }
    }
  }

  private void readExemplar(Exemplar e) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "filteredAttributes", "filtered_attributes" -> attributes("filteredAttributes", v, e.filteredAttributes());
        case "timeUnixNano", "time_unix_nano" -> e.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "asDouble", "as_double" -> e.setDoubleValue(dbl(v, "asDouble"));
        case "asInt", "as_int" -> e.setIntValue(int64(v, "asInt"));
        case "spanId", "span_id" -> e.setSpanId(spanId(v, "spanId"));
        case "traceId", "trace_id" -> {
          long[] id = traceId(v, "traceId");
          e.setTraceId(id[0], id[1]);
        }
        default -> p.skipChildren();
      }
    }
  }

  // ---------------------------------------------------------------- logs

  private void readResourceLogs(ResourceLogs rl) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "resource" -> readResource(v, rl.resource());
        case "scopeLogs", "scope_logs" -> array("scopeLogs", v, t -> readScopeLogs(rl.scopeLogs().addNew()));
        case "schemaUrl", "schema_url" -> rl.setSchemaUrl(string(v, "schemaUrl"));
        default -> p.skipChildren();
      }
    }
  }

  private void readScopeLogs(ScopeLogs sl) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "scope" -> readScope(v, sl.scope());
        case "logRecords", "log_records" -> array("logRecords", v, t -> readLogRecord(sl.logRecords().addNew()));
        case "schemaUrl", "schema_url" -> sl.setSchemaUrl(string(v, "schemaUrl"));
        default -> p.skipChildren();
      }
    }
  }

  private void readLogRecord(LogRecord l) throws MalformedDataException {
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "timeUnixNano", "time_unix_nano" -> l.setTimeUnixNano(uint64(v, "timeUnixNano"));
        case "observedTimeUnixNano", "observed_time_unix_nano" ->
            l.setObservedTimeUnixNano(uint64(v, "observedTimeUnixNano"));
        case "severityNumber", "severity_number" -> l.setSeverityNumberValue(enumValue(v, "severityNumber", SEVERITIES));
        case "severityText", "severity_text" -> l.setSeverityText(string(v, "severityText"));
        case "body" -> l.setBody(anyValue("body", v));
        case "attributes" -> attributes("attributes", v, l.attributes());
        case "droppedAttributesCount", "dropped_attributes_count" ->
            l.setDroppedAttributesCount(uint32(v, "droppedAttributesCount"));
        case "flags" -> l.setFlags(uint32(v, "flags"));
        case "traceId", "trace_id" -> {
          long[] id = traceId(v, "traceId");
          l.setTraceId(id[0], id[1]);
        }
        case "spanId", "span_id" -> l.setSpanId(spanId(v, "spanId"));
        case "eventName", "event_name" -> l.setEventName(string(v, "eventName"));
        default -> p.skipChildren();
      }
    }
  }

  // ---------------------------------------------------------------- common

  private void readResource(JsonToken v, Resource res) throws MalformedDataException {
    enterObject("resource", v);
    List<EntityRef> refs = null;
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken fv = p.nextToken();
      if (fv == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "attributes" -> attributes("attributes", fv, res.attributes());
        case "droppedAttributesCount", "dropped_attributes_count" ->
            res.setDroppedAttributesCount(uint32(fv, "droppedAttributesCount"));
        case "entityRefs", "entity_refs" -> {
          List<EntityRef> l = refs == null ? new ArrayList<>(res.entityRefs()) : refs;
          refs = l;
          array("entityRefs", fv, t -> l.add(readEntityRef()));
        }
        default -> p.skipChildren();
      }
    }
    path.pop();
    if (refs != null) {
      res.setEntityRefs(refs);
    }
  }

  private EntityRef readEntityRef() throws MalformedDataException {
    String schemaUrl = "";
    String type = "";
    List<String> idKeys = List.of();
    List<String> descKeys = List.of();
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "schemaUrl", "schema_url" -> schemaUrl = string(v, "schemaUrl");
        case "type" -> type = string(v, "type");
        case "idKeys", "id_keys" -> idKeys = stringArray(v, "idKeys");
        case "descriptionKeys", "description_keys" -> descKeys = stringArray(v, "descriptionKeys");
        default -> p.skipChildren();
      }
    }
    return new EntityRef(schemaUrl, type, idKeys, descKeys);
  }

  private void readScope(JsonToken v, InstrumentationScope scope) throws MalformedDataException {
    enterObject("scope", v);
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken fv = p.nextToken();
      if (fv == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "name" -> scope.setName(string(fv, "name"));
        case "version" -> scope.setVersion(string(fv, "version"));
        case "attributes" -> attributes("attributes", fv, scope.attributes());
        case "droppedAttributesCount", "dropped_attributes_count" ->
            scope.setDroppedAttributesCount(uint32(fv, "droppedAttributesCount"));
        default -> p.skipChildren();
      }
    }
    path.pop();
  }

  private void attributes(String name, JsonToken v, Attributes attrs) throws MalformedDataException {
    array(name, v, t -> {
      KeyValue kv = readKeyValue();
      attrs.add(kv.key(), kv.value());
    });
  }

  /** A KeyValue object, positioned on its START_OBJECT. */
  private KeyValue readKeyValue() throws MalformedDataException {
    String key = "";
    AnyValue value = AnyValue.empty();
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "key" -> key = string(v, "key");
        case "value" -> value = anyValue("value", v);
        default -> p.skipChildren();
      }
    }
    return new KeyValue(key, value);
  }

  private AnyValue anyValue(String name, JsonToken v) throws MalformedDataException {
    enterObject(name, v);
    AnyValue out = anyValueBody();
    path.pop();
    return out;
  }

  /** The fields of an AnyValue object whose START_OBJECT is current and whose path is pushed. */
  private AnyValue anyValueBody() throws MalformedDataException {
    AnyValue out = AnyValue.empty();
    for (String n; (n = p.nextName()) != null; ) {
      JsonToken fv = p.nextToken();
      if (fv == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (n) {
        case "stringValue", "string_value" -> out = new AnyValue.StringValue(string(fv, "stringValue"));
        case "boolValue", "bool_value" -> out = AnyValue.of(bool(fv, "boolValue"));
        case "intValue", "int_value" -> out = new AnyValue.IntValue(int64(fv, "intValue"));
        case "doubleValue", "double_value" -> out = new AnyValue.DoubleValue(dbl(fv, "doubleValue"));
        case "bytesValue", "bytes_value" -> out = new AnyValue.BytesValue(base64(fv, "bytesValue"));
        case "arrayValue", "array_value" -> {
          enterObject("arrayValue", fv);
          List<AnyValue> values = new ArrayList<>();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken av = p.nextToken();
            if (av == JsonToken.VALUE_NULL) {
              continue;
            }
            if (f.equals("values")) {
              array("values", av, t -> values.add(anyValueBody()));
            } else {
              p.skipChildren();
            }
          }
          path.pop();
          out = new AnyValue.ArrayValue(values);
        }
        case "kvlistValue", "kvlist_value" -> {
          enterObject("kvlistValue", fv);
          List<KeyValue> values = new ArrayList<>();
          for (String f; (f = p.nextName()) != null; ) {
            JsonToken av = p.nextToken();
            if (av == JsonToken.VALUE_NULL) {
              continue;
            }
            if (f.equals("values")) {
              array("values", av, t -> values.add(readKeyValue()));
            } else {
              p.skipChildren();
            }
          }
          path.pop();
          out = new AnyValue.KvListValue(values);
        }
        default -> p.skipChildren();
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- leaves

  private String string(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(field + " must be a string, got " + describe(t), field);
    }
    return p.getString();
  }

  private List<String> stringArray(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.START_ARRAY) {
      throw error(field + " must be an array, got " + describe(t), field);
    }
    List<String> out = new ArrayList<>();
    for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
      out.add(string(e, field + "[" + out.size() + "]"));
    }
    return out;
  }

  private boolean bool(JsonToken t, String field) throws MalformedDataException {
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    } else if (t == JsonToken.VALUE_FALSE) {
      return false;
    } else if (t == JsonToken.VALUE_STRING) {
      String s = p.getString();
      if (s.equals("true")) {
        return true;
      } else if (s.equals("false")) {
        return false;
      }
    }
    throw error(field + " must be true or false, got " + describe(t), field);
  }

  /** An integral JSON number or numeric string, exactly; null when not integral or not a number. */
  private BigInteger integral(JsonToken t, String field) throws MalformedDataException {
    BigDecimal d;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getBigIntegerValue();
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      d = p.getDecimalValue();
    } else if (t == JsonToken.VALUE_STRING) {
      String s = p.getString().trim();
      try {
        d = new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw error(field + " must be an integer, got " + quote(s), field);
      }
    } else {
      throw error(field + " must be an integer (number or string), got " + describe(t), field);
    }
    // refuse huge exponents before materializing the integer
    if (d.signum() != 0 && d.precision() - d.scale() > 40) {
      throw error(field + " is out of range: " + quote(d.toString()), field);
    }
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw error(field + " must be an integer, got " + quote(d.toString()), field);
    }
  }

  private long int64(JsonToken t, String field) throws MalformedDataException {
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getString();
      if (isPlainInteger(s)) {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          // out of range or odd; fall through to the exact path for the message
        }
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType nt = p.getNumberType();
      if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
        return p.getLongValue();
      }
    }
    BigInteger b = integral(t, field);
    if (b.bitLength() > 63) {
      throw error(field + " is out of range for int64: " + b, field);
    }
    return b.longValue();
  }

  private long uint64(JsonToken t, String field) throws MalformedDataException {
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getString();
      if (isPlainInteger(s) && s.charAt(0) != '-') {
        try {
          return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
          // fall through
        }
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType nt = p.getNumberType();
      if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
        long v = p.getLongValue();
        if (v >= 0) {
          return v;
        }
      }
    }
    BigInteger b = integral(t, field);
    if (b.signum() < 0 || b.compareTo(TWO_64) >= 0) {
      throw error(field + " is out of range for uint64: " + b, field);
    }
    return b.longValue();
  }

  private int int32(JsonToken t, String field) throws MalformedDataException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    BigInteger b = integral(t, field);
    if (b.bitLength() > 31) {
      throw error(field + " is out of range for int32: " + b, field);
    }
    return b.intValue();
  }

  private int uint32(JsonToken t, String field) throws MalformedDataException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      int v = p.getIntValue();
      if (v >= 0) {
        return v;
      }
    }
    BigInteger b = integral(t, field);
    if (b.signum() < 0 || b.bitLength() > 32) {
      throw error(field + " is out of range for uint32: " + b, field);
    }
    return b.intValue();
  }

  private static boolean isPlainInteger(String s) {
    int n = s.length();
    if (n == 0 || n > 20) {
      return false;
    }
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private double dbl(JsonToken t, String field) throws MalformedDataException {
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getString();
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          if (isJsonNumber(s)) {
            return Double.parseDouble(s);
          }
          throw error(field + " must be a number, \"NaN\", \"Infinity\" or \"-Infinity\", got " + quote(s), field);
      }
    }
    throw error(field + " must be a number, got " + describe(t), field);
  }

  /** The JSON number grammar (what Double.parseDouble should see; it also takes "1d", "0x1p1"). */
  private static boolean isJsonNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n && s.chars().allMatch(c -> c < 128);
  }

  private long[] uint64Array(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.START_ARRAY) {
      throw error(field + " must be an array, got " + describe(t), field);
    }
    LongList l = new LongList(8);
    int i = 0;
    for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; i++) {
      l.add(uint64(e, field + "[" + i + "]"));
    }
    return l.toArray();
  }

  private double[] doubleArray(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.START_ARRAY) {
      throw error(field + " must be an array, got " + describe(t), field);
    }
    DoubleList l = new DoubleList(8);
    int i = 0;
    for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; i++) {
      l.add(dbl(e, field + "[" + i + "]"));
    }
    return l.toArray();
  }

  /** An enum as its number or its proto name; unknown numbers are kept. */
  private int enumValue(JsonToken t, String field, String[] names) throws MalformedDataException {
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getString();
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(s)) {
          return i;
        }
      }
      if (!isPlainInteger(s)) {
        throw error(field + " must be an enum number or name such as " + names[names.length - 1]
            + ", got " + quote(s), field);
      }
    }
    return int32(t, field);
  }

  private long[] traceId(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(field + " must be a hex string, got " + describe(t), field);
    }
    char[] c = p.getStringCharacters();
    int off = p.getStringOffset();
    int len = p.getStringLength();
    if (len == 0) {
      return new long[2];
    }
    if (len != 32) {
      throw error(field + " must be 32 hex digits, got " + len + " characters", field);
    }
    return new long[] {hex16(c, off, field), hex16(c, off + 16, field)};
  }

  private long spanId(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(field + " must be a hex string, got " + describe(t), field);
    }
    char[] c = p.getStringCharacters();
    int off = p.getStringOffset();
    int len = p.getStringLength();
    if (len == 0) {
      return 0;
    }
    if (len != 16) {
      throw error(field + " must be 16 hex digits, got " + len + " characters", field);
    }
    return hex16(c, off, field);
  }

  private long hex16(char[] c, int off, String field) throws MalformedDataException {
    long v = 0;
    for (int i = off; i < off + 16; i++) {
      char ch = c[i];
      int d;
      if (ch >= '0' && ch <= '9') {
        d = ch - '0';
      } else if (ch >= 'a' && ch <= 'f') {
        d = ch - 'a' + 10;
      } else if (ch >= 'A' && ch <= 'F') {
        d = ch - 'A' + 10;
      } else {
        throw error(field + " must be hex digits, got " + quote(p.getString()), field);
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private byte[] base64(JsonToken t, String field) throws MalformedDataException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(field + " must be a base64 string, got " + describe(t), field);
    }
    String s = p.getString();
    try {
      boolean url = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
      return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
    } catch (IllegalArgumentException e) {
      throw error(field + " must be base64, got " + quote(s), field);
    }
  }

  // ---------------------------------------------------------------- errors

  private MalformedDataException error(String problem, String field) {
    return error(problem, field, p.currentTokenLocation());
  }

  private MalformedDataException error(String problem, String field, TokenStreamLocation loc) {
    String where = path.render(".");
    if (field != null) {
      where = where.isEmpty() ? field : where + "." + field;
    }
    return new MalformedDataException(problem, location(loc), where);
  }

  private MalformedDataException wrap(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    int nl = msg.indexOf('\n');
    if (nl >= 0) {
      msg = msg.substring(0, nl);
    }
    // Jackson describes the source even when told not to include it; the location follows anyway
    msg = SOURCE_NOTE.matcher(msg).replaceAll("");
    TokenStreamLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
    MalformedDataException m = error("invalid JSON: " + msg, null, loc);
    m.initCause(e);
    return m;
  }

  private static String location(TokenStreamLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string " + quote(p.getString());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getString();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
  }
}
