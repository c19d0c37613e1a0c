package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.prometheus.scrape.PromRegex;

/**
 * Config of the {@code prometheus} receiver, the Collector's layout: a Prometheus configuration
 * under {@code config} (its {@code global} and {@code scrape_configs} blocks in Prometheus' own
 * syntax), plus the Collector's start-time keys.
 *
 * <pre>{@code
 * receivers:
 *   prometheus:
 *     config:
 *       global: {scrape_interval: 15s, external_labels: {region: eu}}
 *       scrape_configs:
 *         - job_name: node
 *           static_configs: [{targets: ["127.0.0.1:9100"], labels: {team: infra}}]
 *           metric_relabel_configs:
 *             - {source_labels: [__name__], regex: "go_.*", action: drop}
 * }</pre>
 *
 * @param config {@code config}: the Prometheus configuration (required: at least one scrape config)
 * @param useStartTimeMetric {@code use_start_time_metric}: start cumulative series at the value of
 *     the start-time metric of the same scrape instead of their first scrape (default false)
 * @param startTimeMetricRegex {@code start_time_metric_regex}: the start-time metric's name
 *     (default "": {@code process_start_time_seconds})
 */
public record PrometheusReceiverConfig(PromConfig config, boolean useStartTimeMetric, String startTimeMetricRegex)
    implements ComponentConfig {

  public PrometheusReceiverConfig {
    config = config == null ? PromConfig.defaults() : config;
    startTimeMetricRegex = startTimeMetricRegex == null ? "" : startTimeMetricRegex;
  }

  public static PrometheusReceiverConfig defaults() {
    return new PrometheusReceiverConfig(PromConfig.defaults(), false, "");
  }

  @Override
  public void validate(Problems problems) {
    if (!startTimeMetricRegex.isEmpty()) {
      try {
        PromRegex.compile(startTimeMetricRegex);
      } catch (IllegalArgumentException e) {
        problems.error("start_time_metric_regex", e.getMessage());
      }
      if (!useStartTimeMetric) {
        problems.error("start_time_metric_regex", "has no effect unless use_start_time_metric is true");
      }
    }
  }
}
