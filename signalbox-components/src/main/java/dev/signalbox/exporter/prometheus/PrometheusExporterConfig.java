package dev.signalbox.exporter.prometheus;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.prometheus.translate.TranslationSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Config of the {@code prometheus} exporter: the Collector's keys and defaults. The HTTP server
 * keys sit at the top level ({@code endpoint}, {@code tls}, ...), as in the Collector.
 *
 * <pre>{@code
 * exporters:
 *   prometheus:
 *     endpoint: 0.0.0.0:8889          # scraped at http://<host>:8889/metrics
 *     namespace: app
 *     const_labels: {cluster: eu-1}
 *     metric_expiration: 5m
 *     enable_open_metrics: true       # OpenMetrics (with exemplars) when the scraper asks for it
 *     resource_to_telemetry_conversion: {enabled: true}
 * }</pre>
 *
 * @param server the HTTP server keys; {@code endpoint} is required (no default, as the Collector)
 * @param namespace {@code namespace}: prefix of every metric name (with {@code _}); invalid characters
 *     become {@code _} ({@code test-space} → {@code test_space})
 * @param constLabels {@code const_labels}: labels added to every series that does not have them
 * @param sendTimestamps {@code send_timestamps}: expose each sample with its point's time (default false)
 * @param metricExpiration {@code metric_expiration}: how long a series is exposed without updates (5m)
 * @param resourceToTelemetryConversion {@code resource_to_telemetry_conversion}: {@code enabled}
 *     (default false) and our {@code exclude_service_attributes}
 * @param enableOpenMetrics {@code enable_open_metrics}: answer OpenMetrics 1.0 (with exemplars) to
 *     scrapers that accept it (default false: always the text format 0.0.4)
 * @param addMetricSuffixes {@code add_metric_suffixes}: unit and type suffixes (default true)
 */
public record PrometheusExporterConfig(
    @Squash HttpServerConfig server,
    String namespace,
    Map<String, String> constLabels,
    boolean sendTimestamps,
    Duration metricExpiration,
    ResourceToTelemetry resourceToTelemetryConversion,
    boolean enableOpenMetrics,
    boolean addMetricSuffixes) implements ComponentConfig {

  public static final Duration DEFAULT_METRIC_EXPIRATION = Duration.ofMinutes(5);

  public PrometheusExporterConfig {
    namespace = namespace == null ? "" : namespace;
    constLabels = constLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(constLabels));
  }

  /**
   * {@code resource_to_telemetry_conversion}.
   *
   * @param enabled every resource attribute also becomes a label of every series (default false)
   * @param excludeServiceAttributes leave out the service attributes, already {@code job} and
   *     {@code instance} (default false)
   */
  public record ResourceToTelemetry(boolean enabled, boolean excludeServiceAttributes) implements ConfigBlock {
    public static ResourceToTelemetry defaults() {
      return new ResourceToTelemetry(false, false);
    }
  }

  /** The Collector's defaults; {@code endpoint} must be set. */
  public static PrometheusExporterConfig defaults() {
    return new PrometheusExporterConfig(HttpServerConfig.defaults(), "", Map.of(), false, DEFAULT_METRIC_EXPIRATION,
        ResourceToTelemetry.defaults(), false, true);
  }

  /** {@link #defaults()} listening on {@code endpoint}. */
  public static PrometheusExporterConfig defaults(String endpoint) {
    PrometheusExporterConfig d = defaults();
    return d.withServer(d.server.withEndpoint(endpoint));
  }

  @Override
  public void validate(Problems problems) {
    for (var e : constLabels.entrySet()) {
      if (e.getKey().isEmpty() || e.getValue() == null || e.getValue().isEmpty()) {
        problems.at("const_labels").error(e.getKey(), "const labels need a non-empty name and value");
      }
    }
    if (metricExpiration == null || !metricExpiration.isPositive()) {
      problems.error("metric_expiration", "must be > 0, got " + metricExpiration);
    }
  }

  /** How OTLP becomes Prometheus series. */
  public TranslationSettings translationSettings() {
    return new TranslationSettings(namespace, addMetricSuffixes, constLabels, resourceToTelemetryConversion.enabled(),
        resourceToTelemetryConversion.excludeServiceAttributes(), true, true);
  }

  public PrometheusExporterConfig withServer(HttpServerConfig v) {
    return new PrometheusExporterConfig(v, namespace, constLabels, sendTimestamps, metricExpiration,
        resourceToTelemetryConversion, enableOpenMetrics, addMetricSuffixes);
  }

  public PrometheusExporterConfig withNamespace(String v) {
    return new PrometheusExporterConfig(server, v, constLabels, sendTimestamps, metricExpiration,
        resourceToTelemetryConversion, enableOpenMetrics, addMetricSuffixes);
  }

  public PrometheusExporterConfig withConstLabels(Map<String, String> v) {
    return new PrometheusExporterConfig(server, namespace, v, sendTimestamps, metricExpiration,
        resourceToTelemetryConversion, enableOpenMetrics, addMetricSuffixes);
  }

  public PrometheusExporterConfig withSendTimestamps(boolean v) {
    return new PrometheusExporterConfig(server, namespace, constLabels, v, metricExpiration,
        resourceToTelemetryConversion, enableOpenMetrics, addMetricSuffixes);
  }

  public PrometheusExporterConfig withMetricExpiration(Duration v) {
    return new PrometheusExporterConfig(server, namespace, constLabels, sendTimestamps, v,
        resourceToTelemetryConversion, enableOpenMetrics, addMetricSuffixes);
  }

  public PrometheusExporterConfig withResourceToTelemetryConversion(ResourceToTelemetry v) {
    return new PrometheusExporterConfig(server, namespace, constLabels, sendTimestamps, metricExpiration, v,
        enableOpenMetrics, addMetricSuffixes);
  }

  public PrometheusExporterConfig withEnableOpenMetrics(boolean v) {
    return new PrometheusExporterConfig(server, namespace, constLabels, sendTimestamps, metricExpiration,
        resourceToTelemetryConversion, v, addMetricSuffixes);
  }

  public PrometheusExporterConfig withAddMetricSuffixes(boolean v) {
    return new PrometheusExporterConfig(server, namespace, constLabels, sendTimestamps, metricExpiration,
        resourceToTelemetryConversion, enableOpenMetrics, v);
  }
}
