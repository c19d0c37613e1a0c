/**
 * Prometheus → OTLP: what the {@code prometheus} and {@code prometheusremotewrite} receivers share.
 *
 * <ul>
 *   <li>{@link dev.signalbox.sdk.prometheus.scrape.ExpositionParser}: the text format 0.0.4 and
 *       OpenMetrics 1.0 (chosen by {@link dev.signalbox.sdk.prometheus.scrape.ExpositionFormat}
 *       from the response's {@code Content-Type}) into
 *       {@link dev.signalbox.sdk.prometheus.scrape.Sample}s and family metadata.
 *   <li>{@link dev.signalbox.sdk.prometheus.scrape.Relabeler}: Prometheus' relabeling (replace,
 *       keep, drop, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase, keepequal,
 *       dropequal) over {@link dev.signalbox.sdk.prometheus.scrape.Labels}, with anchored
 *       regexes ({@link dev.signalbox.sdk.prometheus.scrape.PromRegex}) and Go's {@code $1} /
 *       {@code ${name}} templates.
 *   <li>{@link dev.signalbox.sdk.prometheus.scrape.OtlpMetricsBuilder}: samples of one resource
 *       → OTLP metrics (families, histogram and summary assembly, staleness, exemplars, scopes),
 *       {@link dev.signalbox.sdk.prometheus.scrape.StartTimeAdjuster} for cumulative start
 *       times, {@link dev.signalbox.sdk.prometheus.scrape.TargetResource} for the resource.
 * </ul>
 *
 * <p><b>Differs</b> from Prometheus/the Collector: regexes use Java's syntax (the same as RE2's for
 * what relabeling configs use); OpenMetrics timestamps are rounded to the millisecond (Prometheus
 * truncates); native histograms are not parsed (the text formats have none).
 */
package dev.signalbox.sdk.prometheus.scrape;
