package dev.signalbox.sdk.prometheus.translate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How OTLP metrics become Prometheus series; the exporters build this from their config.
 *
 * @param namespace prepended to every metric name with {@code _} (sanitized here); empty for none
 * @param addMetricSuffixes whether unit and type suffixes ({@code _seconds}, {@code _total},
 *     {@code _ratio}) are added
 * @param externalLabels labels added to every series that does not already have them (the
 *     remote-write exporter's {@code external_labels}, the scrape exporter's {@code const_labels});
 *     names are made valid here (an already valid name, {@code __} ones included, is kept)
 * @param resourceToTelemetry whether every resource attribute also becomes a label of every series
 *     ({@code resource_to_telemetry_conversion.enabled}); a point attribute of the same label
 *     name wins
 * @param excludeServiceAttributes with {@code resourceToTelemetry}: leave out {@code service.name},
 *     {@code service.namespace} and {@code service.instance.id}, already {@code job} and
 *     {@code instance}
 * @param targetInfo whether each resource with attributes other than the service triplet gets a
 *     {@code target_info} series
 * @param scopeLabels whether every series gets {@code otel_scope_name}, {@code otel_scope_version},
 *     {@code otel_scope_schema_url} and {@code otel_scope_<attribute>} labels, as the specification
 *     requires by default
 */
public record TranslationSettings(
    String namespace,
    boolean addMetricSuffixes,
    Map<String, String> externalLabels,
    boolean resourceToTelemetry,
    boolean excludeServiceAttributes,
    boolean targetInfo,
    boolean scopeLabels) {

  public TranslationSettings {
    namespace = namespace == null || namespace.isEmpty() ? "" : PrometheusNaming.sanitizeMetricName(namespace);
    var labels = new LinkedHashMap<String, String>();
    if (externalLabels != null) {
      externalLabels.forEach((k, v) -> {
        String name = PrometheusNaming.externalLabelName(k);
        if (!name.isEmpty() && v != null && !v.isEmpty()) {
          labels.put(name, v);
        }
      });
    }
    externalLabels = Collections.unmodifiableMap(labels);
  }

  /** The specification's defaults: suffixes, target_info and scope labels on; nothing else. */
  public static TranslationSettings defaults() {
    return new TranslationSettings("", true, Map.of(), false, false, true, true);
  }

  public TranslationSettings withNamespace(String v) {
    return new TranslationSettings(v, addMetricSuffixes, externalLabels, resourceToTelemetry, excludeServiceAttributes,
        targetInfo, scopeLabels);
  }

  public TranslationSettings withAddMetricSuffixes(boolean v) {
    return new TranslationSettings(namespace, v, externalLabels, resourceToTelemetry, excludeServiceAttributes,
        targetInfo, scopeLabels);
  }

  public TranslationSettings withExternalLabels(Map<String, String> v) {
    return new TranslationSettings(namespace, addMetricSuffixes, v, resourceToTelemetry, excludeServiceAttributes,
        targetInfo, scopeLabels);
  }

  public TranslationSettings withResourceToTelemetry(boolean v, boolean excludeService) {
    return new TranslationSettings(namespace, addMetricSuffixes, externalLabels, v, excludeService, targetInfo,
        scopeLabels);
  }

  public TranslationSettings withTargetInfo(boolean v) {
    return new TranslationSettings(namespace, addMetricSuffixes, externalLabels, resourceToTelemetry,
        excludeServiceAttributes, v, scopeLabels);
  }

  public TranslationSettings withScopeLabels(boolean v) {
    return new TranslationSettings(namespace, addMetricSuffixes, externalLabels, resourceToTelemetry,
        excludeServiceAttributes, targetInfo, v);
  }
}
