/**
 * The {@code splunk_hec} exporter: sends log records, spans and metric data points to Splunk's
 * HTTP Event Collector, with the Collector's splunkhecexporter keys
 * ({@link dev.signalbox.exporter.splunkhec.SplunkHecExporterConfig}): {@code endpoint} (required,
 * {@code .../services/collector}), {@code token} (required, a secret), {@code source},
 * {@code sourcetype}, {@code index}, {@code disable_compression}, {@code max_content_length_logs},
 * {@code max_content_length_metrics}, {@code max_content_length_traces} (2 MiB each; 0 = no limit),
 * {@code splunk_app_name}, {@code splunk_app_version}, {@code hec_metadata_to_otel_attrs}
 * ({@code source}, {@code sourcetype}, {@code index}, {@code host}), {@code otel_to_hec_fields}
 * ({@code severity_text}, {@code severity_number}), {@code log_data_enabled}, the HTTP client keys
 * ({@code timeout} 10s, {@code tls}, {@code headers}, ...), {@code sending_queue} and
 * {@code retry_on_failure}.
 *
 * <h2>Requests</h2>
 * {@code POST} with {@code Authorization: Splunk <token>}, {@code Content-Type: application/json},
 * {@code __splunk_app_name}, {@code __splunk_app_version}; the body is HEC events one after the
 * other (concatenated JSON objects), gzip-compressed ({@code Content-Encoding: gzip}) from 1500
 * bytes on unless {@code disable_compression}. A batch is cut into requests of at most
 * {@code max_content_length_*} bytes; an event larger than that alone is dropped and counted.
 * Events whose resource carries {@code com.splunk.hec.access_token} are sent with that token.
 *
 * <h2>Events (as the Collector)</h2>
 * {@code {"time":<epoch seconds, milliseconds as decimals>,"host":..,"source":..,"sourcetype":..,
 * "index":..,"event":..,"fields":{..}}}: {@code time} is left out when unknown, {@code host} is
 * {@code unknown} unless the {@code host.name} attribute (or the one configured) names it, and
 * the {@code com.splunk.source}/{@code sourcetype}/{@code index} attributes override the
 * configured values (record over resource).
 * <ul>
 *   <li>Log records: {@code event} is the body (a string, number or JSON object/array); records
 *       with an empty body cannot be indexed by HEC and are dropped and counted. {@code fields}:
 *       {@code span_id}, {@code trace_id}, {@code otel.log.severity.text},
 *       {@code otel.log.severity.number}, then the resource's and the record's attributes (maps
 *       flattened with {@code .}, flat lists kept, nested lists as JSON text).
 *   <li>Spans: {@code event} is the span: {@code trace_id}, {@code span_id},
 *       {@code parent_span_id}, {@code name}, {@code attributes}, {@code end_time} (ns),
 *       {@code kind} ({@code SPAN_KIND_CLIENT}), {@code status} {@code {message, code}}
 *       ({@code STATUS_CODE_ERROR}), {@code start_time} (ns), {@code events}, {@code links};
 *       {@code fields} are the resource attributes; {@code time} is the start.
 *   <li>Metrics: HEC metric events, {@code "event":"metric"} and {@code fields} holding the
 *       resource and point attributes (as strings), {@code metric_type} (Gauge, Sum, Histogram,
 *       Summary) and the value as {@code metric_name:<name>}; a histogram point gives
 *       {@code metric_name:<name>_sum}, {@code _count} and one {@code _bucket} per bound with
 *       {@code le} (cumulative, ending with {@code +Inf}); a summary point gives {@code _sum},
 *       {@code _count} and {@code metric_name:<name>_<quantile>} with {@code qt}. Exponential
 *       histograms are dropped and counted, as the Collector does.
 * </ul>
 *
 * <h2>Answers</h2>
 * 2xx is success; 429 and every 5xx (HEC's 503 "Server is busy") are retried, honouring
 * {@code Retry-After}; every other status (400 invalid data, 401/403 token) is permanent and its
 * request's items are dropped and counted. When a later request of a batch fails retryably, the
 * requests already delivered are not sent again.
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>{@code max_content_length_*} bounds the uncompressed body (the Collector bounds the
 *       compressed one); 403, 404 and other 4xx are permanent (the Collector treats only 400 and
 *       401 as permanent and retries the rest).
 *   <li>{@code splunk_app_name} defaults to {@code Signalbox}, {@code splunk_app_version} to this
 *       build's version.
 *   <li>Not supported: {@code use_multi_metric_format}, {@code export_raw},
 *       {@code health_check_enabled}/{@code health_path}, {@code heartbeat}, {@code telemetry},
 *       {@code profiling_data_enabled}, {@code max_event_size}, {@code max_connections}
 *       (deprecated), and the HTTP client's {@code compression} key (compression is
 *       {@code disable_compression}'s).
 *   <li>Gauge and sum points with a NaN or infinite value are dropped and counted (HEC refuses
 *       them), as are points of exponential histograms; in log fields and span attributes such
 *       doubles are written as the strings {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}.
 * </ul>
 */
package dev.signalbox.exporter.splunkhec;
