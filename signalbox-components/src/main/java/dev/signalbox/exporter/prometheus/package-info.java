/**
 * The {@code prometheus} exporter: a scrape endpoint, {@code GET http://<endpoint>/metrics}, with
 * the latest point of every series received, for Prometheus (or any OpenMetrics scraper) to pull.
 *
 * <h2>What is served</h2>
 * <ul>
 *   <li>State ({@link dev.signalbox.exporter.prometheus.Accumulator}): the latest point per series;
 *       delta monotonic sums and delta histograms accumulated into cumulative ones; a series not
 *       updated for {@code metric_expiration} (5m) is removed; a point flagged
 *       {@code NoRecordedValue} removes its series at once, so the next scrape no longer has it and
 *       Prometheus writes its staleness marker (the series ends without the 5 minute lookback).
 *   <li>Translation: {@link dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus}, as the
 *       {@code prometheusremotewrite} exporter, with {@code const_labels} as its constant labels;
 *       one {@code target_info} per {@code job}/{@code instance}.
 *   <li>Format ({@link dev.signalbox.exporter.prometheus.Exposition}): the text format 0.0.4, or
 *       with {@code enable_open_metrics} OpenMetrics 1.0 (with exemplars on counters and histogram
 *       buckets, {@code # UNIT}, {@code # EOF}) when the scraper's {@code Accept} asks for
 *       {@code application/openmetrics-text}, as Prometheus does. Bodies over 1 KiB are gzipped
 *       when the scraper accepts it. Sample timestamps only with {@code send_timestamps}.
 *   <li>Points that cannot be served are dropped and counted in
 *       {@code otelcol_exporter_send_failed_metric_points{reason}} and logged (at most every 10s):
 *       {@code delta_temporality} (delta non-monotonic sums), {@code exponential_histogram},
 *       {@code misaligned_delta} (a delta point overlapping what was already accumulated),
 *       {@code type_conflict} (a second metric giving a family name another type: the first one
 *       is kept, the specification's rule). Accepted points are counted in
 *       {@code otelcol_exporter_sent_metric_points}; {@code otelcol_exporter_prometheus_series}
 *       is the number of series held.
 * </ul>
 *
 * <h2>Keys</h2>
 * See {@link dev.signalbox.exporter.prometheus.PrometheusExporterConfig}: the HTTP server keys
 * ({@code endpoint} required, {@code tls}, ...), {@code namespace}, {@code const_labels},
 * {@code send_timestamps} (false), {@code metric_expiration} (5m),
 * {@code resource_to_telemetry_conversion} {@code {enabled, exclude_service_attributes}},
 * {@code enable_open_metrics} (false), {@code add_metric_suffixes} (true).
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>No exporter helper (there is nothing to queue or retry): {@code consume} updates the state
 *       and never fails for data it cannot serve; drops are counted and logged instead.
 *   <li>A {@code const_labels} label is added only where the series has no label of that name (the
 *       Go client library refuses such a conflict).
 *   <li>{@code resource_to_telemetry_conversion.exclude_service_attributes} is ours; not supported:
 *       {@code translation_strategy}, {@code without_scope_info}, native histograms.
 *   <li>Translation differences are listed in {@code dev.signalbox.sdk.prometheus.translate}.
 * </ul>
 */
package dev.signalbox.exporter.prometheus;
