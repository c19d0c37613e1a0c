/**
 * OTLP metrics to Prometheus series, shared by the {@code prometheusremotewrite} and
 * {@code prometheus} exporters: names ({@link dev.signalbox.sdk.prometheus.translate.PrometheusNaming}),
 * samples ({@link dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus}) and the settings both
 * exporters map their config onto ({@link dev.signalbox.sdk.prometheus.translate.TranslationSettings}).
 *
 * <p>The rules are the OpenTelemetry specification's (compatibility/prometheus_and_openmetrics.md,
 * "OTLP Metric points to Prometheus"); where the specification leaves a choice, the Prometheus OTLP
 * translator's (which Prometheus uses to ingest OTLP and the Collector's exporters use to write
 * Prometheus) is taken, so that names read back from Prometheus match. Where we differ from the
 * Collector, on purpose:
 * <ul>
 *   <li>runs of {@code _} in label names collapse to one, as the specification says;
 *   <li>label names are ASCII only (Prometheus 2 rejects other letters);
 *   <li>{@code target_info} is never namespaced;
 *   <li>the scope labels ({@code otel_scope_name}, ...) are on by default, as the specification
 *       requires;
 *   <li>exemplars are attached to counters (monotonic sums) and histogram buckets only, as the
 *       specification says (the Collector's remote-write exporter also sends them on gauges made
 *       from non-monotonic sums).
 * </ul>
 */
package dev.signalbox.sdk.prometheus.translate;
