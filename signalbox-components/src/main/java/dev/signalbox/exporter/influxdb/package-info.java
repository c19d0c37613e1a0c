/**
 * The {@code influxdb} exporter: metrics as InfluxDB line protocol, to the InfluxDB 1.x
 * {@code /write} API ({@code v1_compatibility}) or the InfluxDB 2 {@code /api/v2/write} API (also
 * spoken by InfluxDB 3, InfluxDB Cloud, VictoriaMetrics, Telegraf's listener).
 *
 * <h2>What is sent</h2>
 * The Telegraf Prometheus schemas of the Collector's exporter ({@code metrics_schema}
 * {@code telegraf-prometheus-v1}, the default, or {@code telegraf-prometheus-v2}); see
 * {@link dev.signalbox.exporter.influxdb.LineProtocol} for the exact lines. Tags are the resource
 * attributes, the scope's name and version and the point's attributes. A batch is cut into
 * payloads of at most {@code payload_max_lines} lines and {@code payload_max_bytes} bytes, each
 * POSTed (gzip with {@code compression: gzip}) with {@code Authorization: Token <token>} (v2) or
 * HTTP basic auth (v1, when {@code username} and {@code password} are set), {@code precision} as
 * configured. A path of {@code /} or none becomes {@code /write} or {@code /api/v2/write}.
 *
 * <h2>Answers, retries, drops</h2>
 * 2xx is success; 5xx and 429 are retried by the exporter helper (after {@code Retry-After} when
 * longer than the backoff); any other status is permanent (404 "database not found", 400 "field
 * type conflict", 401). A retry sends every payload of the batch again: InfluxDB keeps one value
 * per series, field and time, so what was already written is overwritten with itself. Delta sums
 * and histograms and exponential histograms are dropped, counted in
 * {@code otelcol_exporter_send_failed_metric_points{reason="permanent"}} and logged; points flagged
 * {@code NoRecordedValue} are skipped (InfluxDB has no staleness marker); NaN and infinite values are
 * left out (InfluxDB refuses them).
 *
 * <h2>Keys</h2>
 * See {@link dev.signalbox.exporter.influxdb.InfluxDbExporterConfig}: the HTTP client keys
 * ({@code endpoint}, {@code timeout} 5s, {@code headers} with {@code User-Agent: OpenTelemetry ->
 * Influx}, {@code compression}, {@code tls}, ...), {@code sending_queue}, {@code retry_on_failure},
 * {@code org}, {@code bucket}, {@code token}, {@code v1_compatibility} {@code {enabled, db,
 * retention_policy, username, password}}, {@code metrics_schema}, {@code payload_max_lines}
 * (10000), {@code payload_max_bytes} (10000000), {@code precision} (ns).
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>Metrics only: traces and logs are not exported, so {@code span_dimensions} and
 *       {@code log_record_dimensions} are not accepted.
 *   <li>Ours: {@code precision} (the Collector always writes nanoseconds) and
 *       {@code v1_compatibility.retention_policy}.
 *   <li>429 and {@code Retry-After} are honoured (the Collector retries 5xx only, immediately per
 *       its backoff).
 *   <li>Every value is a float, bucket counts included, and v1 histograms also carry a
 *       {@code +Inf} field equal to the count, so that a metric never conflicts with its own field
 *       types.
 * </ul>
 */
package dev.signalbox.exporter.influxdb;
