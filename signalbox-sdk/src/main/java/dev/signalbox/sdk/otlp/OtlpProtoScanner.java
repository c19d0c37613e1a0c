package dev.signalbox.sdk.otlp;

import static dev.signalbox.sdk.otlp.Tag.*;

import dev.signalbox.sdk.proto.KnownFields;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.proto.ProtoReader;

/**
 * The structural scan behind wire-backed batches: walks an OTLP request without building anything,
 * checks what {@link OtlpProtoDecoder} checks (every tag, the wire type of every known field, every
 * length, varint and fixed width against its message's end, id lengths, nesting depth) and counts
 * the items. Input it accepts decodes without error later; keep the two in step (the tests compare
 * them on fuzzed input).
 *
 * <p>Item counts follow decoding semantics: a metric's data points are those of its last data
 * field, plus those of earlier fields of the same type (which merge).
 *
 * <p>One instance per scan; not thread-safe.
 */
final class OtlpProtoScanner {
  private final ProtoReader r;

  OtlpProtoScanner(byte[] buf, int off, int len) {
    this.r = new ProtoReader(buf, off, len, OtlpSchema.MAX_DEPTH);
  }

  // ---------------------------------------------------------------- traces

  /** @return the number of spans */
  int scanTraces() throws MalformedDataException {
    long items = 0;
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // resource_spans
        int saved = r.enterMessage("resource_spans", n++);
        items += scanResource(RESOURCE_SPANS);
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.TRACES_REQUEST);
      }
    }
    return (int) items;
  }

  private static final int RESOURCE_SPANS = 0;
  private static final int RESOURCE_METRICS = 1;
  private static final int RESOURCE_LOGS = 2;

  /** A Resource{Spans,Metrics,Logs} body: resource = 1, scope_* = 2, schema_url = 3. */
  private int scanResource(int kind) throws MalformedDataException {
    int items = 0;
    int nScopes = 0;
    KnownFields known = switch (kind) {
      case RESOURCE_SPANS -> OtlpSchema.RESOURCE_SPANS;
      case RESOURCE_METRICS -> OtlpSchema.RESOURCE_METRICS;
      default -> OtlpSchema.RESOURCE_LOGS;
    };
    String scopeName = switch (kind) {
      case RESOURCE_SPANS -> "scope_spans";
      case RESOURCE_METRICS -> "scope_metrics";
      default -> "scope_logs";
    };
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> scanResourceMessage(); // resource
        case LEN_2 -> { // scope_*
          int saved = r.enterMessage(scopeName, nScopes++);
          items += scanScopeItems(kind);
          r.exitMessage(saved);
        }
        case LEN_3 -> r.skipLengthDelimited(); // schema_url
        default -> r.skipUnknown(tag, known);
      }
    }
    return items;
  }

  /** A Scope{Spans,Metrics,Logs} body: scope = 1, items = 2, schema_url = 3. */
  private int scanScopeItems(int kind) throws MalformedDataException {
    int items = 0;
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> scanScope(); // scope
        case LEN_2 -> { // spans / metrics / log_records
          switch (kind) {
            case RESOURCE_SPANS -> {
              int saved = r.enterMessage("spans", n++);
              scanSpan();
              r.exitMessage(saved);
              items++;
            }
            case RESOURCE_METRICS -> {
              int saved = r.enterMessage("metrics", n++);
              items += scanMetric();
              r.exitMessage(saved);
            }
            default -> {
              int saved = r.enterMessage("log_records", n++);
              scanLogRecord();
              r.exitMessage(saved);
              items++;
            }
          }
        }
        case LEN_3 -> r.skipLengthDelimited(); // schema_url
        default -> r.skipUnknown(tag, kind == RESOURCE_SPANS ? OtlpSchema.SCOPE_SPANS
            : kind == RESOURCE_METRICS ? OtlpSchema.SCOPE_METRICS : OtlpSchema.SCOPE_LOGS);
      }
    }
    return items;
  }

  private void scanSpan() throws MalformedDataException {
    int nAttrs = 0;
    int nEvents = 0;
    int nLinks = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> skipId(16, "trace_id"); // trace_id
        case LEN_2 -> skipId(8, "span_id"); // span_id
        case LEN_3, LEN_5 -> r.skipLengthDelimited(); // trace_state, name
        case LEN_4 -> skipId(8, "parent_span_id"); // parent_span_id
        case VARINT_6, VARINT_10, VARINT_12, VARINT_14 -> r.readVarint64(); // kind, dropped counts
        case I64_7, I64_8 -> r.readFixed64(); // start/end_time_unix_nano
        case LEN_9 -> scanKeyValue("attributes", nAttrs++); // attributes
        case LEN_11 -> { // events
          int saved = r.enterMessage("events", nEvents++);
          scanEvent();
          r.exitMessage(saved);
        }
        case LEN_13 -> { // links
          int saved = r.enterMessage("links", nLinks++);
          scanLink();
          r.exitMessage(saved);
        }
        case LEN_15 -> { // status
          int saved = r.enterMessage("status", -1);
          while (r.hasMore()) {
            int t = r.readTag();
            switch (t) {
              case LEN_2 -> r.skipLengthDelimited(); // message
              case VARINT_3 -> r.readVarint64(); // code
              default -> r.skipUnknown(t, OtlpSchema.STATUS);
            }
          }
          r.exitMessage(saved);
        }
        case I32_16 -> r.readFixed32(); // flags
        default -> r.skipUnknown(tag, OtlpSchema.SPAN);
      }
    }
  }

  private void scanEvent() throws MalformedDataException {
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case I64_1 -> r.readFixed64(); // time_unix_nano
        case LEN_2 -> r.skipLengthDelimited(); // name
        case LEN_3 -> scanKeyValue("attributes", nAttrs++); // attributes
        case VARINT_4 -> r.readVarint64(); // dropped_attributes_count
        default -> r.skipUnknown(tag, OtlpSchema.EVENT);
      }
    }
  }

  private void scanLink() throws MalformedDataException {
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> skipId(16, "trace_id"); // trace_id
        case LEN_2 -> skipId(8, "span_id"); // span_id
        case LEN_3 -> r.skipLengthDelimited(); // trace_state
        case LEN_4 -> scanKeyValue("attributes", nAttrs++); // attributes
        case VARINT_5 -> r.readVarint64(); // dropped_attributes_count
        case I32_6 -> r.readFixed32(); // flags
        default -> r.skipUnknown(tag, OtlpSchema.LINK);
      }
    }
  }

  // ---------------------------------------------------------------- metrics

  /** @return the number of data points */
  int scanMetrics() throws MalformedDataException {
    long items = 0;
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // resource_metrics
        int saved = r.enterMessage("resource_metrics", n++);
        items += scanResource(RESOURCE_METRICS);
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.METRICS_REQUEST);
      }
    }
    return (int) items;
  }

  /** @return the data points of the metric's data as decoding leaves it */
  private int scanMetric() throws MalformedDataException {
    int nMeta = 0;
    int type = 0; // field number of the current data member, 0 for none
    int points = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1, LEN_2, LEN_3 -> r.skipLengthDelimited(); // name, description, unit
        case LEN_5, LEN_7, LEN_9, LEN_10, LEN_11 -> { // gauge, sum, histogram, exponential_histogram, summary
          int field = tag >>> 3;
          int n = scanMetricData(field);
          if (field == type) {
            points += n;
          } else {
            type = field;
            points = n;
          }
        }
        case LEN_12 -> scanKeyValue("metadata", nMeta++); // metadata
        default -> r.skipUnknown(tag, OtlpSchema.METRIC);
      }
    }
    return points;
  }

  private int scanMetricData(int field) throws MalformedDataException {
    String name;
    KnownFields known;
    switch (field) {
      case 5 -> {
        name = "gauge";
        known = OtlpSchema.GAUGE;
      }
      case 7 -> {
        name = "sum";
        known = OtlpSchema.SUM;
      }
      case 9 -> {
        name = "histogram";
        known = OtlpSchema.HISTOGRAM;
      }
      case 10 -> {
        name = "exponential_histogram";
        known = OtlpSchema.HISTOGRAM;
      }
      default -> {
        name = "summary";
        known = OtlpSchema.SUMMARY;
      }
    }
    int saved = r.enterMessage(name, -1);
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // data_points
        int s2 = r.enterMessage("data_points", n++);
        switch (field) {
          case 5, 7 -> scanNumberPoint();
          case 9 -> scanHistogramPoint();
          case 10 -> scanExpHistogramPoint();
          default -> scanSummaryPoint();
        }
        r.exitMessage(s2);
      } else if (tag == VARINT_2 && field != 5 && field != 11) { // aggregation_temporality
        r.readVarint64();
      } else if (tag == VARINT_3 && field == 7) { // is_monotonic
        r.readVarint64();
      } else {
        r.skipUnknown(tag, known);
      }
    }
    r.exitMessage(saved);
    return n;
  }

  private void scanNumberPoint() throws MalformedDataException {
    int nAttrs = 0;
    int nEx = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_7 -> scanKeyValue("attributes", nAttrs++); // attributes
        case I64_2, I64_3, I64_4, I64_6 -> r.readFixed64(); // times, as_double, as_int
        case LEN_5 -> scanExemplar(nEx++); // exemplars
        case VARINT_8 -> r.readVarint64(); // flags
        default -> r.skipUnknown(tag, OtlpSchema.NUMBER_POINT);
      }
    }
  }

  private void scanHistogramPoint() throws MalformedDataException {
    int nAttrs = 0;
    int nEx = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_9 -> scanKeyValue("attributes", nAttrs++); // attributes
        case I64_2, I64_3, I64_4, I64_5, I64_6, I64_7, I64_11, I64_12 -> r.readFixed64();
        case LEN_6 -> scanPackedFixed64("bucket_counts"); // bucket_counts
        case LEN_7 -> scanPackedFixed64("explicit_bounds"); // explicit_bounds
        case LEN_8 -> scanExemplar(nEx++); // exemplars
        case VARINT_10 -> r.readVarint64(); // flags
        default -> r.skipUnknown(tag, OtlpSchema.HISTOGRAM_POINT);
      }
    }
  }

  private void scanExpHistogramPoint() throws MalformedDataException {
    int nAttrs = 0;
    int nEx = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> scanKeyValue("attributes", nAttrs++); // attributes
        case I64_2, I64_3, I64_4, I64_5, I64_7, I64_12, I64_13, I64_14 -> r.readFixed64();
        case VARINT_6, VARINT_10 -> r.readVarint64(); // scale, flags
        case LEN_8 -> scanBuckets("positive"); // positive
        case LEN_9 -> scanBuckets("negative"); // negative
        case LEN_11 -> scanExemplar(nEx++); // exemplars
        default -> r.skipUnknown(tag, OtlpSchema.EXP_HISTOGRAM_POINT);
      }
    }
  }

  private void scanBuckets(String name) throws MalformedDataException {
    int saved = r.enterMessage(name, -1);
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case VARINT_1, VARINT_2 -> r.readVarint64(); // offset, unpacked bucket_counts
        case LEN_2 -> { // bucket_counts, packed
          int s2 = r.enterMessage("bucket_counts", -1);
          while (r.hasMore()) {
            r.readVarint64();
          }
          r.exitMessage(s2);
        }
        default -> r.skipUnknown(tag, OtlpSchema.BUCKETS);
      }
    }
    r.exitMessage(saved);
  }

  private void scanSummaryPoint() throws MalformedDataException {
    int nAttrs = 0;
    int nQ = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_7 -> scanKeyValue("attributes", nAttrs++); // attributes
        case I64_2, I64_3, I64_4, I64_5 -> r.readFixed64(); // times, count, sum
        case LEN_6 -> { // quantile_values
          int saved = r.enterMessage("quantile_values", nQ++);
          while (r.hasMore()) {
            int t = r.readTag();
            switch (t) {
              case I64_1, I64_2 -> r.readFixed64(); // quantile, value
              default -> r.skipUnknown(t, OtlpSchema.QUANTILE);
            }
          }
          r.exitMessage(saved);
        }
        case VARINT_8 -> r.readVarint64(); // flags
        default -> r.skipUnknown(tag, OtlpSchema.SUMMARY_POINT);
      }
    }
  }

  private void scanExemplar(int index) throws MalformedDataException {
    int saved = r.enterMessage("exemplars", index);
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_7 -> scanKeyValue("filtered_attributes", nAttrs++); // filtered_attributes
        case I64_2, I64_3, I64_6 -> r.readFixed64(); // time_unix_nano, as_double, as_int
        case LEN_4 -> skipId(8, "span_id"); // span_id
        case LEN_5 -> skipId(16, "trace_id"); // trace_id
        default -> r.skipUnknown(tag, OtlpSchema.EXEMPLAR);
      }
    }
    r.exitMessage(saved);
  }

  /** A packed fixed64 or double field: whole 8-byte values only (as decoding reads them). */
  private void scanPackedFixed64(String name) throws MalformedDataException {
    int saved = r.enterMessage(name, -1);
    while (r.hasMore()) {
      r.readFixed64();
    }
    r.exitMessage(saved);
  }

  // ---------------------------------------------------------------- logs

  /** @return the number of log records */
  int scanLogs() throws MalformedDataException {
    long items = 0;
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // resource_logs
        int saved = r.enterMessage("resource_logs", n++);
        items += scanResource(RESOURCE_LOGS);
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.LOGS_REQUEST);
      }
    }
    return (int) items;
  }

  private void scanLogRecord() throws MalformedDataException {
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case I64_1, I64_11 -> r.readFixed64(); // time_unix_nano, observed_time_unix_nano
        case VARINT_2, VARINT_7 -> r.readVarint64(); // severity_number, dropped_attributes_count
        case LEN_3, LEN_12 -> r.skipLengthDelimited(); // severity_text, event_name
        case LEN_5 -> { // body
          int saved = r.enterMessage("body", -1);
          scanAnyValueBody();
          r.exitMessage(saved);
        }
        case LEN_6 -> scanKeyValue("attributes", nAttrs++); // attributes
        case I32_8 -> r.readFixed32(); // flags
        case LEN_9 -> skipId(16, "trace_id"); // trace_id
        case LEN_10 -> skipId(8, "span_id"); // span_id
        default -> r.skipUnknown(tag, OtlpSchema.LOG_RECORD);
      }
    }
  }

  // ---------------------------------------------------------------- profiles

  /**
   * Checks the framing of an ExportProfilesServiceRequest down to the profiles (their content is
   * opaque to us) and counts them.
   */
  int scanProfiles() throws MalformedDataException {
    long items = 0;
    int n = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> { // resource_profiles
          int saved = r.enterMessage("resource_profiles", n++);
          int nScopes = 0;
          while (r.hasMore()) {
            int t = r.readTag();
            switch (t) {
              case LEN_1, LEN_3 -> r.skipLengthDelimited(); // resource, schema_url
              case LEN_2 -> { // scope_profiles
                int s2 = r.enterMessage("scope_profiles", nScopes++);
                while (r.hasMore()) {
                  int t2 = r.readTag();
                  switch (t2) {
                    case LEN_2 -> { // profiles
                      r.skipLengthDelimited();
                      items++;
                    }
                    case LEN_1, LEN_3 -> r.skipLengthDelimited(); // scope, schema_url
                    default -> r.skipUnknown(t2, OtlpSchema.SCOPE_PROFILES);
                  }
                }
                r.exitMessage(s2);
              }
              default -> r.skipUnknown(t, OtlpSchema.RESOURCE_PROFILES);
            }
          }
          r.exitMessage(saved);
        }
        case LEN_2 -> r.skipLengthDelimited(); // dictionary
        default -> r.skipUnknown(tag, OtlpSchema.PROFILES_REQUEST);
      }
    }
    return (int) Math.min(items, Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------- common

  private void scanResourceMessage() throws MalformedDataException {
    int saved = r.enterMessage("resource", -1);
    int nAttrs = 0;
    int nRefs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> scanKeyValue("attributes", nAttrs++); // attributes
        case VARINT_2 -> r.readVarint64(); // dropped_attributes_count
        case LEN_3 -> { // entity_refs
          int s2 = r.enterMessage("entity_refs", nRefs++);
          while (r.hasMore()) {
            int t = r.readTag();
            switch (t) {
              case LEN_1, LEN_2, LEN_3, LEN_4 -> r.skipLengthDelimited(); // schema_url, type, id_keys, description_keys
              default -> r.skipUnknown(t, OtlpSchema.ENTITY_REF);
            }
          }
          r.exitMessage(s2);
        }
        default -> r.skipUnknown(tag, OtlpSchema.RESOURCE);
      }
    }
    r.exitMessage(saved);
  }

  private void scanScope() throws MalformedDataException {
    int saved = r.enterMessage("scope", -1);
    int nAttrs = 0;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1, LEN_2 -> r.skipLengthDelimited(); // name, version
        case LEN_3 -> scanKeyValue("attributes", nAttrs++); // attributes
        case VARINT_4 -> r.readVarint64(); // dropped_attributes_count
        default -> r.skipUnknown(tag, OtlpSchema.SCOPE);
      }
    }
    r.exitMessage(saved);
  }

  private void scanKeyValue(String field, int index) throws MalformedDataException {
    int saved = r.enterMessage(field, index);
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1 -> r.skipLengthDelimited(); // key
        case LEN_2 -> { // value
          int s2 = r.enterMessage("value", -1);
          scanAnyValueBody();
          r.exitMessage(s2);
        }
        case VARINT_3 -> r.readVarint64(); // key_strindex
        default -> r.skipUnknown(tag, OtlpSchema.KEY_VALUE);
      }
    }
    r.exitMessage(saved);
  }

  /**
   * The body of an AnyValue. Not recursive itself (arrays and kvlists recurse through their own
   * methods) so the JIT inlines it into the per-attribute loop.
   */
  private void scanAnyValueBody() throws MalformedDataException {
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case LEN_1, LEN_7 -> r.skipLengthDelimited(); // string_value, bytes_value
        case VARINT_2, VARINT_3, VARINT_8 -> r.readVarint64(); // bool_value, int_value, string_value_strindex
        case I64_4 -> r.readFixed64(); // double_value
        case LEN_5 -> scanArrayValue(); // array_value
        case LEN_6 -> scanKvListValue(); // kvlist_value
        default -> r.skipUnknown(tag, OtlpSchema.ANY_VALUE);
      }
    }
  }

  private void scanArrayValue() throws MalformedDataException {
    int saved = r.enterMessage("array_value", -1);
    int n = 0;
    while (r.hasMore()) {
      int t = r.readTag();
      if (t == LEN_1) { // values
        int s2 = r.enterMessage("values", n++);
        scanAnyValueBody();
        r.exitMessage(s2);
      } else {
        r.skipUnknown(t, OtlpSchema.VALUES);
      }
    }
    r.exitMessage(saved);
  }

  private void scanKvListValue() throws MalformedDataException {
    int saved = r.enterMessage("kvlist_value", -1);
    int n = 0;
    while (r.hasMore()) {
      int t = r.readTag();
      if (t == LEN_1) { // values
        scanKeyValue("values", n++);
      } else {
        r.skipUnknown(t, OtlpSchema.VALUES);
      }
    }
    r.exitMessage(saved);
  }

  private void skipId(int size, String name) throws MalformedDataException {
    int start = r.arrayPosition();
    int len = r.readLength();
    if (len != size && len != 0) {
      throw r.errorAt(start, name + " must be " + size + " bytes (or empty), got " + len);
    }
    r.skipBytes(len);
  }
}
