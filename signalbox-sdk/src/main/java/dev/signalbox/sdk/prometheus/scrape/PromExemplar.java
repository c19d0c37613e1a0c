package dev.signalbox.sdk.prometheus.scrape;

/**
 * An OpenMetrics exemplar: {@code # {trace_id="..."} 0.67 1520879607.789}.
 *
 * @param timestampMillis milliseconds since the epoch, or {@link Sample#NO_TIMESTAMP}
 */
public record PromExemplar(Labels labels, double value, long timestampMillis) {}
