package dev.signalbox.sdk.prometheus.translate;

/**
 * A Prometheus metric family: what one OTel metric becomes.
 *
 * @param name the family name: the series name of counters and gauges ({@code requests_total}),
 *     the name before {@code _bucket}/{@code _sum}/{@code _count} of histograms and summaries
 * @param type its type
 * @param help the OTel description
 * @param unit the Prometheus unit ({@code seconds}, {@code bytes_per_second}), empty if none
 */
public record Family(String name, FamilyType type, String help, String unit) {}
