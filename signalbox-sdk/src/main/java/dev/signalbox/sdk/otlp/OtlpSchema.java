package dev.signalbox.sdk.otlp;

import static dev.signalbox.sdk.proto.WireFormat.I32;
import static dev.signalbox.sdk.proto.WireFormat.I64;
import static dev.signalbox.sdk.proto.WireFormat.LEN;
import static dev.signalbox.sdk.proto.WireFormat.VARINT;

import dev.signalbox.sdk.proto.KnownFields;

/**
 * The OTLP 1.x messages as far as the codecs know them (opentelemetry-proto 1.11): names and wire
 * types of every field, by message. Shared by the decoder and the scanner so that both accept
 * exactly the same input.
 */
final class OtlpSchema {
  private OtlpSchema() {}

  static final KnownFields TRACES_REQUEST = KnownFields.of("resource_spans", 1, LEN);
  static final KnownFields METRICS_REQUEST = KnownFields.of("resource_metrics", 1, LEN);
  static final KnownFields LOGS_REQUEST = KnownFields.of("resource_logs", 1, LEN);
  static final KnownFields PROFILES_REQUEST =
      KnownFields.of("resource_profiles", 1, LEN, "dictionary", 2, LEN);
  static final KnownFields RESPONSE = KnownFields.of("partial_success", 1, LEN);
  static final KnownFields PARTIAL_SUCCESS =
      KnownFields.of("rejected", 1, VARINT, "error_message", 2, LEN);

  // common, resource
  static final KnownFields RESOURCE =
      KnownFields.of("attributes", 1, LEN, "dropped_attributes_count", 2, VARINT, "entity_refs", 3, LEN);
  static final KnownFields ENTITY_REF = KnownFields.of(
      "schema_url", 1, LEN, "type", 2, LEN, "id_keys", 3, LEN, "description_keys", 4, LEN);
  static final KnownFields SCOPE = KnownFields.of(
      "name", 1, LEN, "version", 2, LEN, "attributes", 3, LEN, "dropped_attributes_count", 4, VARINT);
  static final KnownFields KEY_VALUE = KnownFields.of("key", 1, LEN, "value", 2, LEN, "key_strindex", 3, VARINT);
  static final KnownFields ANY_VALUE = KnownFields.of(
      "string_value", 1, LEN, "bool_value", 2, VARINT, "int_value", 3, VARINT, "double_value", 4, I64,
      "array_value", 5, LEN, "kvlist_value", 6, LEN, "bytes_value", 7, LEN,
      "string_value_strindex", 8, VARINT);
  static final KnownFields VALUES = KnownFields.of("values", 1, LEN);

  // traces
  static final KnownFields RESOURCE_SPANS =
      KnownFields.of("resource", 1, LEN, "scope_spans", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields SCOPE_SPANS = KnownFields.of("scope", 1, LEN, "spans", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields SPAN = KnownFields.of(
      "trace_id", 1, LEN, "span_id", 2, LEN, "trace_state", 3, LEN, "parent_span_id", 4, LEN,
      "name", 5, LEN, "kind", 6, VARINT, "start_time_unix_nano", 7, I64, "end_time_unix_nano", 8, I64,
      "attributes", 9, LEN, "dropped_attributes_count", 10, VARINT, "events", 11, LEN,
      "dropped_events_count", 12, VARINT, "links", 13, LEN, "dropped_links_count", 14, VARINT,
      "status", 15, LEN, "flags", 16, I32);
  static final KnownFields EVENT = KnownFields.of(
      "time_unix_nano", 1, I64, "name", 2, LEN, "attributes", 3, LEN, "dropped_attributes_count", 4, VARINT);
  static final KnownFields LINK = KnownFields.of(
      "trace_id", 1, LEN, "span_id", 2, LEN, "trace_state", 3, LEN, "attributes", 4, LEN,
      "dropped_attributes_count", 5, VARINT, "flags", 6, I32);
  static final KnownFields STATUS = KnownFields.of("message", 2, LEN, "code", 3, VARINT);

  // metrics
  static final KnownFields RESOURCE_METRICS =
      KnownFields.of("resource", 1, LEN, "scope_metrics", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields SCOPE_METRICS =
      KnownFields.of("scope", 1, LEN, "metrics", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields METRIC = KnownFields.of(
      "name", 1, LEN, "description", 2, LEN, "unit", 3, LEN, "gauge", 5, LEN, "sum", 7, LEN,
      "histogram", 9, LEN, "exponential_histogram", 10, LEN, "summary", 11, LEN, "metadata", 12, LEN);
  static final KnownFields GAUGE = KnownFields.of("data_points", 1, LEN);
  static final KnownFields SUM = KnownFields.of(
      "data_points", 1, LEN, "aggregation_temporality", 2, VARINT, "is_monotonic", 3, VARINT);
  static final KnownFields HISTOGRAM =
      KnownFields.of("data_points", 1, LEN, "aggregation_temporality", 2, VARINT);
  static final KnownFields SUMMARY = KnownFields.of("data_points", 1, LEN);
  static final KnownFields NUMBER_POINT = KnownFields.of(
      "attributes", 7, LEN, "start_time_unix_nano", 2, I64, "time_unix_nano", 3, I64, "as_double", 4, I64,
      "as_int", 6, I64, "exemplars", 5, LEN, "flags", 8, VARINT);
  static final KnownFields HISTOGRAM_POINT = KnownFields.of(
      "attributes", 9, LEN, "start_time_unix_nano", 2, I64, "time_unix_nano", 3, I64, "count", 4, I64,
      "sum", 5, I64, "bucket_counts", 6, LEN, "explicit_bounds", 7, LEN, "exemplars", 8, LEN,
      "flags", 10, VARINT, "min", 11, I64, "max", 12, I64);
  static final KnownFields EXP_HISTOGRAM_POINT = KnownFields.of(
      "attributes", 1, LEN, "start_time_unix_nano", 2, I64, "time_unix_nano", 3, I64, "count", 4, I64,
      "sum", 5, I64, "scale", 6, VARINT, "zero_count", 7, I64, "positive", 8, LEN, "negative", 9, LEN,
      "flags", 10, VARINT, "exemplars", 11, LEN, "min", 12, I64, "max", 13, I64, "zero_threshold", 14, I64);
  static final KnownFields BUCKETS = KnownFields.of("offset", 1, VARINT, "bucket_counts", 2, LEN);
  static final KnownFields SUMMARY_POINT = KnownFields.of(
      "attributes", 7, LEN, "start_time_unix_nano", 2, I64, "time_unix_nano", 3, I64, "count", 4, I64,
      "sum", 5, I64, "quantile_values", 6, LEN, "flags", 8, VARINT);
  static final KnownFields QUANTILE = KnownFields.of("quantile", 1, I64, "value", 2, I64);
  static final KnownFields EXEMPLAR = KnownFields.of(
      "filtered_attributes", 7, LEN, "time_unix_nano", 2, I64, "as_double", 3, I64, "as_int", 6, I64,
      "span_id", 4, LEN, "trace_id", 5, LEN);

  // logs
  static final KnownFields RESOURCE_LOGS =
      KnownFields.of("resource", 1, LEN, "scope_logs", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields SCOPE_LOGS =
      KnownFields.of("scope", 1, LEN, "log_records", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields LOG_RECORD = KnownFields.of(
      "time_unix_nano", 1, I64, "observed_time_unix_nano", 11, I64, "severity_number", 2, VARINT,
      "severity_text", 3, LEN, "body", 5, LEN, "attributes", 6, LEN, "dropped_attributes_count", 7, VARINT,
      "flags", 8, I32, "trace_id", 9, LEN, "span_id", 10, LEN, "event_name", 12, LEN);

  // profiles: only the levels the scanner walks to count profiles
  static final KnownFields RESOURCE_PROFILES =
      KnownFields.of("resource", 1, LEN, "scope_profiles", 2, LEN, "schema_url", 3, LEN);
  static final KnownFields SCOPE_PROFILES =
      KnownFields.of("scope", 1, LEN, "profiles", 2, LEN, "schema_url", 3, LEN);

  /** Maximum AnyValue and message nesting, as protobuf-java's default recursion limit. */
  static final int MAX_DEPTH = 100;
}
