package dev.signalbox.sdk.otlp;

import static dev.signalbox.sdk.otlp.Tag.*;

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
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.proto.ProtoReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes OTLP protobuf into pdata, checking as it goes exactly what {@link OtlpProtoScanner}
 * checks, so that input the scanner accepted always decodes. Semantics follow protobuf: unknown
 * fields are skipped (pdata has no place for them), a repeated field's elements concatenate even
 * when interleaved, a singular message field seen twice merges, a oneof takes its last member.
 * The profile-only {@code key_strindex} and {@code string_value_strindex} are read and ignored
 * (an AnyValue holding only a string index decodes as the empty value).
 *
 * <p>One instance per decode; not thread-safe.
 */
final class OtlpProtoDecoder {
  private final ProtoReader r;
  private final StringCache strings;

  OtlpProtoDecoder(byte[] buf, int off, int len) {
    this.r = new ProtoReader(buf, off, len, OtlpSchema.MAX_DEPTH);
    this.strings = new StringCache(buf, len);
  }

  // ---------------------------------------------------------------- traces

  void readTraces(Traces into) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // resource_spans
        int saved = r.enterMessage("resource_spans", n++);
        readResourceSpans(into.resourceSpans().addNew());
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.TRACES_REQUEST);
      }
    }
  }

  private void readResourceSpans(ResourceSpans rs) throws MalformedDataException {
    int nScopes = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readResource("resource", rs.resource()); // resource
        case LEN_2 -> { // scope_spans
          int saved = r.enterMessage("scope_spans", nScopes++);
          readScopeSpans(rs.scopeSpans().addNew());
          r.exitMessage(saved);
        }
        case LEN_3 -> rs.setSchemaUrl(r.readString()); // schema_url
        default -> r.skipUnknown(tag, OtlpSchema.RESOURCE_SPANS);
      }
    }
  }

  private void readScopeSpans(ScopeSpans ss) throws MalformedDataException {
    int nSpans = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readScope(ss.scope()); // scope
        case LEN_2 -> { // spans
          if (nSpans == 0) {
            ss.spans().ensureCapacity(ss.spans().size() + countRun(LEN_2));
          }
          int saved = r.enterMessage("spans", nSpans++);
          readSpan(ss.spans().addNew());
          r.exitMessage(saved);
        }
        case LEN_3 -> ss.setSchemaUrl(r.readString()); // schema_url
        default -> r.skipUnknown(tag, OtlpSchema.SCOPE_SPANS);
      }
    }
  }

  private void readSpan(Span s) throws MalformedDataException {
    int nAttrs = 0;
    int nEvents = 0;
    int nLinks = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // trace_id
          int len = readIdLength(16, "trace_id");
          if (len != 0) {
            s.setTraceId(r.readLongBigEndian(), r.readLongBigEndian());
          }
        }
        case LEN_2 -> s.setSpanId(readId8("span_id")); // span_id
        case LEN_3 -> s.setTraceState(r.readString()); // trace_state
        case LEN_4 -> s.setParentSpanId(readId8("parent_span_id")); // parent_span_id
        case LEN_5 -> s.setName(readCachedString()); // name: low-cardinality by convention, cached
        case VARINT_6 -> s.setKindNumber(r.readVarint32()); // kind
        case I64_7 -> s.setStartTimeUnixNano(r.readFixed64()); // start_time_unix_nano
        case I64_8 -> s.setEndTimeUnixNano(r.readFixed64()); // end_time_unix_nano
        case LEN_9 -> { // attributes
          if (nAttrs == 0) {
            presize(s.attributes(), LEN_9);
          }
          readAttribute(s.attributes(), "attributes", nAttrs++);
        }
        case VARINT_10 -> s.setDroppedAttributesCount(r.readVarint32()); // dropped_attributes_count
        case LEN_11 -> { // events
          int saved = r.enterMessage("events", nEvents++);
          readEvent(s.events().addNew());
          r.exitMessage(saved);
        }
        case VARINT_12 -> s.setDroppedEventsCount(r.readVarint32()); // dropped_events_count
        case LEN_13 -> { // links
          int saved = r.enterMessage("links", nLinks++);
          readLink(s.links().addNew());
          r.exitMessage(saved);
        }
        case VARINT_14 -> s.setDroppedLinksCount(r.readVarint32()); // dropped_links_count
        case LEN_15 -> readStatus(s); // status
        case I32_16 -> s.setFlags(r.readFixed32()); // flags
        default -> r.skipUnknown(tag, OtlpSchema.SPAN);
      }
    }
  }

  private void readStatus(Span s) throws MalformedDataException {
    int saved = r.enterMessage("status", -1);
    int code = s.statusCodeNumber();
    String message = s.statusMessage();
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_2 -> message = r.readString(); // message
        case VARINT_3 -> code = r.readVarint32(); // code
        default -> r.skipUnknown(tag, OtlpSchema.STATUS);
      }
    }
    r.exitMessage(saved);
    s.setStatus(code, message);
  }

  private void readEvent(SpanEvent e) throws MalformedDataException {
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case I64_1 -> e.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case LEN_2 -> e.setName(readCachedString()); // name
        case LEN_3 -> readAttribute(e.attributes(), "attributes", nAttrs++); // attributes
        case VARINT_4 -> e.setDroppedAttributesCount(r.readVarint32()); // dropped_attributes_count
        default -> r.skipUnknown(tag, OtlpSchema.EVENT);
      }
    }
  }

  private void readLink(SpanLink l) throws MalformedDataException {
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // trace_id
          int len = readIdLength(16, "trace_id");
          if (len != 0) {
            l.setTraceId(r.readLongBigEndian(), r.readLongBigEndian());
          }
        }
        case LEN_2 -> l.setSpanId(readId8("span_id")); // span_id
        case LEN_3 -> l.setTraceState(r.readString()); // trace_state
        case LEN_4 -> readAttribute(l.attributes(), "attributes", nAttrs++); // attributes
        case VARINT_5 -> l.setDroppedAttributesCount(r.readVarint32()); // dropped_attributes_count
        case I32_6 -> l.setFlags(r.readFixed32()); // flags
        default -> r.skipUnknown(tag, OtlpSchema.LINK);
      }
    }
  }

  // ---------------------------------------------------------------- metrics

  void readMetrics(Metrics into) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // resource_metrics
        int saved = r.enterMessage("resource_metrics", n++);
        readResourceMetrics(into.resourceMetrics().addNew());
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.METRICS_REQUEST);
      }
    }
  }

  private void readResourceMetrics(ResourceMetrics rm) throws MalformedDataException {
    int nScopes = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readResource("resource", rm.resource()); // resource
        case LEN_2 -> { // scope_metrics
          int saved = r.enterMessage("scope_metrics", nScopes++);
          readScopeMetrics(rm.scopeMetrics().addNew());
          r.exitMessage(saved);
        }
        case LEN_3 -> rm.setSchemaUrl(r.readString()); // schema_url
        default -> r.skipUnknown(tag, OtlpSchema.RESOURCE_METRICS);
      }
    }
  }

  private void readScopeMetrics(ScopeMetrics sm) throws MalformedDataException {
    int nMetrics = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readScope(sm.scope()); // scope
        case LEN_2 -> { // metrics
          int saved = r.enterMessage("metrics", nMetrics++);
          readMetric(sm.metrics().addNew());
          r.exitMessage(saved);
        }
        case LEN_3 -> sm.setSchemaUrl(r.readString()); // schema_url
        default -> r.skipUnknown(tag, OtlpSchema.SCOPE_METRICS);
      }
    }
  }

  private void readMetric(Metric m) throws MalformedDataException {
    int nMeta = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> m.setName(readCachedString()); // name
        case LEN_2 -> m.setDescription(r.readString()); // description
        case LEN_3 -> m.setUnit(r.readString()); // unit
        case LEN_5 -> { // gauge
          int saved = r.enterMessage("gauge", -1);
          readGauge(m.type() == MetricType.GAUGE ? m.gauge() : m.setEmptyGauge());
          r.exitMessage(saved);
        }
        case LEN_7 -> { // sum
          int saved = r.enterMessage("sum", -1);
          readSum(m.type() == MetricType.SUM ? m.sum() : m.setEmptySum());
          r.exitMessage(saved);
        }
        case LEN_9 -> { // histogram
          int saved = r.enterMessage("histogram", -1);
          readHistogram(m.type() == MetricType.HISTOGRAM ? m.histogram() : m.setEmptyHistogram());
          r.exitMessage(saved);
        }
        case LEN_10 -> { // exponential_histogram
          int saved = r.enterMessage("exponential_histogram", -1);
          readExpHistogram(m.type() == MetricType.EXPONENTIAL_HISTOGRAM
              ? m.exponentialHistogram() : m.setEmptyExponentialHistogram());
          r.exitMessage(saved);
        }
        case LEN_11 -> { // summary
          int saved = r.enterMessage("summary", -1);
          readSummary(m.type() == MetricType.SUMMARY ? m.summary() : m.setEmptySummary());
          r.exitMessage(saved);
        }
        case LEN_12 -> readAttribute(m.metadata(), "metadata", nMeta++); // metadata
        default -> r.skipUnknown(tag, OtlpSchema.METRIC);
      }
    }
  }

  private void readGauge(Gauge g) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // data_points
        int saved = r.enterMessage("data_points", n++);
        readNumberPoint(g.dataPoints().addNew());
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.GAUGE);
      }
    }
  }

  private void readSum(Sum s) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // data_points
          int saved = r.enterMessage("data_points", n++);
          readNumberPoint(s.dataPoints().addNew());
          r.exitMessage(saved);
        }
        case VARINT_2 -> s.setAggregationTemporalityNumber(r.readVarint32()); // aggregation_temporality
        case VARINT_3 -> s.setMonotonic(r.readBool()); // is_monotonic
        default -> r.skipUnknown(tag, OtlpSchema.SUM);
      }
    }
  }

  private void readHistogram(Histogram h) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // data_points
          int saved = r.enterMessage("data_points", n++);
          readHistogramPoint(h.dataPoints().addNew());
          r.exitMessage(saved);
        }
        case VARINT_2 -> h.setAggregationTemporalityNumber(r.readVarint32()); // aggregation_temporality
        default -> r.skipUnknown(tag, OtlpSchema.HISTOGRAM);
      }
    }
  }

  private void readExpHistogram(ExponentialHistogram h) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // data_points
          int saved = r.enterMessage("data_points", n++);
          readExpHistogramPoint(h.dataPoints().addNew());
          r.exitMessage(saved);
        }
        case VARINT_2 -> h.setAggregationTemporalityNumber(r.readVarint32()); // aggregation_temporality
        default -> r.skipUnknown(tag, OtlpSchema.HISTOGRAM);
      }
    }
  }

  private void readSummary(Summary s) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // data_points
        int saved = r.enterMessage("data_points", n++);
        readSummaryPoint(s.dataPoints().addNew());
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.SUMMARY);
      }
    }
  }

  private void readNumberPoint(NumberDataPoint p) throws MalformedDataException {
    int nAttrs = 0;
    int nEx = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_7 -> { // attributes
          if (nAttrs == 0) {
            presize(p.attributes(), LEN_7);
          }
          readAttribute(p.attributes(), "attributes", nAttrs++);
        }
        case I64_2 -> p.setStartTimeUnixNano(r.readFixed64()); // start_time_unix_nano
        case I64_3 -> p.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case I64_4 -> p.setDoubleValue(r.readDouble()); // as_double
        case I64_6 -> p.setIntValue(r.readFixed64()); // as_int
        case LEN_5 -> readExemplar(p.exemplars().addNew(), nEx++); // exemplars
        case VARINT_8 -> p.setFlags(r.readVarint32()); // flags
        default -> r.skipUnknown(tag, OtlpSchema.NUMBER_POINT);
      }
    }
  }

  private void readHistogramPoint(HistogramDataPoint p) throws MalformedDataException {
    int nAttrs = 0;
    int nEx = 0;
    LongList counts = null;
    DoubleList bounds = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_9 -> readAttribute(p.attributes(), "attributes", nAttrs++); // attributes
        case I64_2 -> p.setStartTimeUnixNano(r.readFixed64()); // start_time_unix_nano
        case I64_3 -> p.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case I64_4 -> p.setCount(r.readFixed64()); // count
        case I64_5 -> p.setSum(r.readDouble()); // sum
        case LEN_6 -> { // bucket_counts, packed
          int saved = r.enterMessage("bucket_counts", -1);
          if (counts == null) {
            counts = new LongList(r.remaining() >>> 3);
          }
          while (r.hasMore()) {
            counts.add(r.readFixed64());
          }
          r.exitMessage(saved);
        }
        case I64_6 -> { // bucket_counts, unpacked
          if (counts == null) {
            counts = new LongList(8);
          }
          counts.add(r.readFixed64());
        }
        case LEN_7 -> { // explicit_bounds, packed
          int saved = r.enterMessage("explicit_bounds", -1);
          if (bounds == null) {
            bounds = new DoubleList(r.remaining() >>> 3);
          }
          while (r.hasMore()) {
            bounds.add(r.readDouble());
          }
          r.exitMessage(saved);
        }
        case I64_7 -> { // explicit_bounds, unpacked
          if (bounds == null) {
            bounds = new DoubleList(8);
          }
          bounds.add(r.readDouble());
        }
        case LEN_8 -> readExemplar(p.exemplars().addNew(), nEx++); // exemplars
        case VARINT_10 -> p.setFlags(r.readVarint32()); // flags
        case I64_11 -> p.setMin(r.readDouble()); // min
        case I64_12 -> p.setMax(r.readDouble()); // max
        default -> r.skipUnknown(tag, OtlpSchema.HISTOGRAM_POINT);
      }
    }
    if (counts != null) {
      p.setBucketCounts(counts.toArray());
    }
    if (bounds != null) {
      p.setExplicitBounds(bounds.toArray());
    }
  }

  private void readExpHistogramPoint(ExponentialHistogramDataPoint p) throws MalformedDataException {
    int nAttrs = 0;
    int nEx = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readAttribute(p.attributes(), "attributes", nAttrs++); // attributes
        case I64_2 -> p.setStartTimeUnixNano(r.readFixed64()); // start_time_unix_nano
        case I64_3 -> p.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case I64_4 -> p.setCount(r.readFixed64()); // count
        case I64_5 -> p.setSum(r.readDouble()); // sum
        case VARINT_6 -> p.setScale(r.readSInt32()); // scale
        case I64_7 -> p.setZeroCount(r.readFixed64()); // zero_count
        case LEN_8 -> p.setPositive(readBuckets("positive", p.positive())); // positive
        case LEN_9 -> p.setNegative(readBuckets("negative", p.negative())); // negative
        case VARINT_10 -> p.setFlags(r.readVarint32()); // flags
        case LEN_11 -> readExemplar(p.exemplars().addNew(), nEx++); // exemplars
        case I64_12 -> p.setMin(r.readDouble()); // min
        case I64_13 -> p.setMax(r.readDouble()); // max
        case I64_14 -> p.setZeroThreshold(r.readDouble()); // zero_threshold
        default -> r.skipUnknown(tag, OtlpSchema.EXP_HISTOGRAM_POINT);
      }
    }
  }

  /** Reads a Buckets message, merged into {@code prior} when the field appeared before. */
  private Buckets readBuckets(String name, Buckets prior) throws MalformedDataException {
    int saved = r.enterMessage(name, -1);
    int offset = prior == null ? 0 : prior.offset();
    LongList counts = null;
    if (prior != null && prior.size() > 0) {
      counts = new LongList(prior.size() + 8);
      for (int i = 0; i < prior.size(); i++) {
        counts.add(prior.bucketCount(i));
      }
    }
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case VARINT_1 -> offset = r.readSInt32(); // offset
        case LEN_2 -> { // bucket_counts, packed
          int s2 = r.enterMessage("bucket_counts", -1);
          if (counts == null) {
            counts = new LongList(r.remaining());
          }
          while (r.hasMore()) {
            counts.add(r.readVarint64());
          }
          r.exitMessage(s2);
        }
        case VARINT_2 -> { // bucket_counts, unpacked
          if (counts == null) {
            counts = new LongList(8);
          }
          counts.add(r.readVarint64());
        }
        default -> r.skipUnknown(tag, OtlpSchema.BUCKETS);
      }
    }
    r.exitMessage(saved);
    return counts == null ? (offset == 0 ? Buckets.EMPTY : Buckets.of(offset)) : Buckets.of(offset, counts.toArray());
  }

  private void readSummaryPoint(SummaryDataPoint p) throws MalformedDataException {
    int nAttrs = 0;
    int nQ = 0;
    List<ValueAtQuantile> qs = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_7 -> readAttribute(p.attributes(), "attributes", nAttrs++); // attributes
        case I64_2 -> p.setStartTimeUnixNano(r.readFixed64()); // start_time_unix_nano
        case I64_3 -> p.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case I64_4 -> p.setCount(r.readFixed64()); // count
        case I64_5 -> p.setSum(r.readDouble()); // sum
        case LEN_6 -> { // quantile_values
          int saved = r.enterMessage("quantile_values", nQ++);
          double q = 0;
          double v = 0;
          while (r.hasMore()) {
            int t = r.readTag();
            switch (t) {
              case I64_1 -> q = r.readDouble(); // quantile
              case I64_2 -> v = r.readDouble(); // value
              default -> r.skipUnknown(t, OtlpSchema.QUANTILE);
            }
          }
          r.exitMessage(saved);
          if (qs == null) {
            qs = new ArrayList<>();
          }
          qs.add(new ValueAtQuantile(q, v));
        }
        case VARINT_8 -> p.setFlags(r.readVarint32()); // flags
        default -> r.skipUnknown(tag, OtlpSchema.SUMMARY_POINT);
      }
    }
    if (qs != null) {
      p.setQuantileValues(qs);
    }
  }

  private void readExemplar(Exemplar e, int index) throws MalformedDataException {
    int saved = r.enterMessage("exemplars", index);
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_7 -> readAttribute(e.filteredAttributes(), "filtered_attributes", nAttrs++);
        case I64_2 -> e.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case I64_3 -> e.setDoubleValue(r.readDouble()); // as_double
        case I64_6 -> e.setIntValue(r.readFixed64()); // as_int
        case LEN_4 -> e.setSpanId(readId8("span_id")); // span_id
        case LEN_5 -> { // trace_id
          int len = readIdLength(16, "trace_id");
          if (len != 0) {
            e.setTraceId(r.readLongBigEndian(), r.readLongBigEndian());
          }
        }
        default -> r.skipUnknown(tag, OtlpSchema.EXEMPLAR);
      }
    }
    r.exitMessage(saved);
  }

  // ---------------------------------------------------------------- logs

  void readLogs(Logs into) throws MalformedDataException {
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // resource_logs
        int saved = r.enterMessage("resource_logs", n++);
        readResourceLogs(into.resourceLogs().addNew());
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.LOGS_REQUEST);
      }
    }
  }

  private void readResourceLogs(ResourceLogs rl) throws MalformedDataException {
    int nScopes = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readResource("resource", rl.resource()); // resource
        case LEN_2 -> { // scope_logs
          int saved = r.enterMessage("scope_logs", nScopes++);
          readScopeLogs(rl.scopeLogs().addNew());
          r.exitMessage(saved);
        }
        case LEN_3 -> rl.setSchemaUrl(r.readString()); // schema_url
        default -> r.skipUnknown(tag, OtlpSchema.RESOURCE_LOGS);
      }
    }
  }

  private void readScopeLogs(ScopeLogs sl) throws MalformedDataException {
    int nRecords = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> readScope(sl.scope()); // scope
        case LEN_2 -> { // log_records
          if (nRecords == 0) {
            sl.logRecords().ensureCapacity(sl.logRecords().size() + countRun(LEN_2));
          }
          int saved = r.enterMessage("log_records", nRecords++);
          readLogRecord(sl.logRecords().addNew());
          r.exitMessage(saved);
        }
        case LEN_3 -> sl.setSchemaUrl(r.readString()); // schema_url
        default -> r.skipUnknown(tag, OtlpSchema.SCOPE_LOGS);
      }
    }
  }

  private void readLogRecord(LogRecord l) throws MalformedDataException {
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case I64_1 -> l.setTimeUnixNano(r.readFixed64()); // time_unix_nano
        case I64_11 -> l.setObservedTimeUnixNano(r.readFixed64()); // observed_time_unix_nano
        case VARINT_2 -> l.setSeverityNumberValue(r.readVarint32()); // severity_number
        case LEN_3 -> l.setSeverityText(r.readString()); // severity_text
        case LEN_5 -> { // body
          int saved = r.enterMessage("body", -1);
          l.setBody(readAnyValue(l.body()));
          r.exitMessage(saved);
        }
        case LEN_6 -> { // attributes
          if (nAttrs == 0) {
            presize(l.attributes(), LEN_6);
          }
          readAttribute(l.attributes(), "attributes", nAttrs++);
        }
        case VARINT_7 -> l.setDroppedAttributesCount(r.readVarint32()); // dropped_attributes_count
        case I32_8 -> l.setFlags(r.readFixed32()); // flags
        case LEN_9 -> { // trace_id
          int len = readIdLength(16, "trace_id");
          if (len != 0) {
            l.setTraceId(r.readLongBigEndian(), r.readLongBigEndian());
          }
        }
        case LEN_10 -> l.setSpanId(readId8("span_id")); // span_id
        case LEN_12 -> l.setEventName(r.readString()); // event_name
        default -> r.skipUnknown(tag, OtlpSchema.LOG_RECORD);
      }
    }
  }

  // ---------------------------------------------------------------- common

  private void readResource(String name, Resource res) throws MalformedDataException {
    int saved = r.enterMessage(name, -1);
    int nAttrs = 0;
    int nRefs = 0;
    List<EntityRef> refs = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // attributes
          if (nAttrs == 0) {
            presize(res.attributes(), LEN_1);
          }
          readAttribute(res.attributes(), "attributes", nAttrs++);
        }
        case VARINT_2 -> res.setDroppedAttributesCount(r.readVarint32()); // dropped_attributes_count
        case LEN_3 -> { // entity_refs
          if (refs == null) {
            refs = new ArrayList<>(res.entityRefs());
          }
          refs.add(readEntityRef(nRefs++));
        }
        default -> r.skipUnknown(tag, OtlpSchema.RESOURCE);
      }
    }
    r.exitMessage(saved);
    if (refs != null) {
      res.setEntityRefs(refs);
    }
  }

  private EntityRef readEntityRef(int index) throws MalformedDataException {
    int saved = r.enterMessage("entity_refs", index);
    String schemaUrl = "";
    String type = "";
    List<String> idKeys = new ArrayList<>(2);
    List<String> descKeys = new ArrayList<>(2);
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> schemaUrl = r.readString(); // schema_url
        case LEN_2 -> type = r.readString(); // type
        case LEN_3 -> idKeys.add(readCachedString()); // id_keys
        case LEN_4 -> descKeys.add(readCachedString()); // description_keys
        default -> r.skipUnknown(tag, OtlpSchema.ENTITY_REF);
      }
    }
    r.exitMessage(saved);
    return new EntityRef(schemaUrl, type, idKeys, descKeys);
  }

  private void readScope(InstrumentationScope scope) throws MalformedDataException {
    int saved = r.enterMessage("scope", -1);
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> scope.setName(readCachedString()); // name
        case LEN_2 -> scope.setVersion(readCachedString()); // version
        case LEN_3 -> readAttribute(scope.attributes(), "attributes", nAttrs++); // attributes
        case VARINT_4 -> scope.setDroppedAttributesCount(r.readVarint32()); // dropped_attributes_count
        default -> r.skipUnknown(tag, OtlpSchema.SCOPE);
      }
    }
    r.exitMessage(saved);
  }

  /**
   * Before the first attribute of a list: sizes the list once for the run of entries with the
   * same tag that starts here, instead of growing it 4, 8, 16.
   */
  private void presize(Attributes attrs, int tag) {
    int n = countRun(tag);
    if (n > 1) {
      attrs.ensureCapacity(attrs.size() + n);
    }
  }

  /**
   * The number of consecutive entries with {@code tag} starting with the one whose tag was just
   * read: a hop over their lengths, no decoding. Never fails: malformed input just ends the count
   * (the real read reports it).
   */
  private int countRun(int tag) {
    byte[] b = r.array();
    int p = r.arrayPosition();
    int end = p + r.remaining();
    int n = 1;
    while (true) {
      long len = 0;
      int shift = 0;
      while (p < end && shift < 35) {
        byte x = b[p++];
        len |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          break;
        }
        shift += 7;
      }
      if (len > end - p) {
        return n;
      }
      p += (int) len;
      if (p < end && b[p] == tag) {
        n++;
        p++;
      } else {
        return n;
      }
    }
  }

  private void readAttribute(Attributes attrs, String field, int index) throws MalformedDataException {
    int saved = r.enterMessage(field, index);
    String key = "";
    AnyValue value = AnyValue.empty();
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> key = readCachedString(); // key
        case LEN_2 -> { // value
          int s2 = r.enterMessage("value", -1);
          value = readAnyValue(value);
          r.exitMessage(s2);
        }
        case VARINT_3 -> r.readVarint64(); // key_strindex: profiles only, ignored
        default -> r.skipUnknown(tag, OtlpSchema.KEY_VALUE);
      }
    }
    r.exitMessage(saved);
    attrs.add(key, value);
  }

  private KeyValue readKeyValue(String field, int index) throws MalformedDataException {
    int saved = r.enterMessage(field, index);
    String key = "";
    AnyValue value = AnyValue.empty();
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> key = readCachedString(); // key
        case LEN_2 -> { // value
          int s2 = r.enterMessage("value", -1);
          value = readAnyValue(value);
          r.exitMessage(s2);
        }
        case VARINT_3 -> r.readVarint64(); // key_strindex: profiles only, ignored
        default -> r.skipUnknown(tag, OtlpSchema.KEY_VALUE);
      }
    }
    r.exitMessage(saved);
    return new KeyValue(key, value);
  }

  /**
   * Reads the body of an AnyValue message (already entered). {@code prior} is the value of an
   * earlier occurrence of the same field, which protobuf merges: the last oneof member wins, and
   * two arrays or two kvlists concatenate. Not recursive itself (arrays and kvlists recurse through
   * their own methods) so the JIT inlines it into the per-attribute loop.
   */
  private AnyValue readAnyValue(AnyValue prior) throws MalformedDataException {
    AnyValue v = prior;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // string_value
          int len = r.readLength();
          int p = r.arrayPosition();
          r.skipBytes(len);
          v = strings.stringValue(p, len);
        }
        case VARINT_2 -> v = AnyValue.of(r.readBool()); // bool_value
        case VARINT_3 -> v = new AnyValue.IntValue(r.readVarint64()); // int_value
        case I64_4 -> v = new AnyValue.DoubleValue(r.readDouble()); // double_value
        case LEN_5 -> v = readArrayValue(v); // array_value
        case LEN_6 -> v = readKvListValue(v); // kvlist_value
        case LEN_7 -> v = new AnyValue.BytesValue(r.readBytes()); // bytes_value
        case VARINT_8 -> { // string_value_strindex: profiles only, unsupported here
          r.readVarint64();
          v = AnyValue.empty();
        }
        default -> r.skipUnknown(tag, OtlpSchema.ANY_VALUE);
      }
    }
    return v;
  }

  private AnyValue readArrayValue(AnyValue prior) throws MalformedDataException {
    int saved = r.enterMessage("array_value", -1);
    List<AnyValue> values = prior instanceof AnyValue.ArrayValue a ? new ArrayList<>(a.values()) : new ArrayList<>();
    int n = 0;
    while (r.hasMore()) {
      int t = r.readTag();
      if (t == LEN_1) { // values
        int s2 = r.enterMessage("values", n++);
        values.add(readAnyValue(AnyValue.empty()));
        r.exitMessage(s2);
      } else {
        r.skipUnknown(t, OtlpSchema.VALUES);
      }
    }
    r.exitMessage(saved);
    return new AnyValue.ArrayValue(values);
  }

  private AnyValue readKvListValue(AnyValue prior) throws MalformedDataException {
    int saved = r.enterMessage("kvlist_value", -1);
    List<KeyValue> values = prior instanceof AnyValue.KvListValue kv ? new ArrayList<>(kv.values()) : new ArrayList<>();
    int n = 0;
    while (r.hasMore()) {
      int t = r.readTag();
      if (t == LEN_1) { // values
        values.add(readKeyValue("values", n++));
      } else {
        r.skipUnknown(t, OtlpSchema.VALUES);
      }
    }
    r.exitMessage(saved);
    return new AnyValue.KvListValue(values);
  }

  /**
   * A string that repeats within a request (attribute keys, span and metric names, scope names):
   * decoded once per distinct value through the {@link StringCache}.
   */
  private String readCachedString() throws MalformedDataException {
    int len = r.readLength();
    int p = r.arrayPosition();
    r.skipBytes(len);
    return strings.string(p, len);
  }

  /** Reads an id's length; must be {@code size} or 0. Leaves the position at the id's bytes. */
  private int readIdLength(int size, String name) throws MalformedDataException {
    int start = r.arrayPosition();
    int len = r.readLength();
    if (len != size && len != 0) {
      throw r.errorAt(start, name + " must be " + size + " bytes (or empty), got " + len);
    }
    return len;
  }

  private long readId8(String name) throws MalformedDataException {
    int len = readIdLength(8, name);
    if (len == 0) {
      return 0;
    }
    return r.readLongBigEndian();
  }

  /** A growable long array. */
  static final class LongList {
    private long[] a;
    private int n;

    LongList(int capacity) {
      a = new long[Math.max(4, capacity)];
    }

    void add(long v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return n == a.length ? a : Arrays.copyOf(a, n);
    }
  }

  /** A growable double array. */
  static final class DoubleList {
    private double[] a;
    private int n;

    DoubleList(int capacity) {
      a = new double[Math.max(4, capacity)];
    }

    void add(double v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    double[] toArray() {
      return n == a.length ? a : Arrays.copyOf(a, n);
    }
  }
}
