package dev.signalbox.exporter.loki;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Config of the {@code loki} exporter: the Collector's lokiexporter keys and defaults, plus
 * {@code tenant_id} and {@code encoding} (ours).
 *
 * <pre>{@code
 * exporters:
 *   loki:
 *     endpoint: http://loki:3100/loki/api/v1/push
 *     default_labels_enabled: {exporter: true, job: true, instance: true, level: true}
 *     tenant_id: team-a          # X-Scope-OrgID, unless a loki.tenant hint names another
 *     encoding: protobuf         # or json
 * }</pre>
 *
 * @param client the HTTP client keys at the top level ({@code endpoint} required, the push URL;
 *     {@code timeout} default 30s; {@code headers}, {@code tls}, {@code compression} (JSON bodies
 *     only), ...)
 * @param sendingQueue {@code sending_queue} (Collector defaults)
 * @param retryOnFailure {@code retry_on_failure} (Collector defaults)
 * @param defaultLabelsEnabled {@code default_labels_enabled}: which of the labels {@code exporter},
 *     {@code job}, {@code instance} and {@code level} are added; a label not listed is enabled
 * @param tenantId {@code tenant_id} (ours): the {@code X-Scope-OrgID} of requests whose records name
 *     no tenant through the {@code loki.tenant} hint; empty: no header (or the configured one)
 * @param encoding {@code encoding} (ours): {@code protobuf} (default; snappy-compressed
 *     {@code PushRequest}, as the Collector sends) or {@code json}
 */
public record LokiExporterConfig(
    @Squash HttpClientConfig client,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure,
    Map<String, Boolean> defaultLabelsEnabled,
    String tenantId,
    Encoding encoding) implements ComponentConfig {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Set<String> DEFAULT_LABELS = Set.of("exporter", "job", "instance", "level");

  /** The push body; {@code protobuf} or {@code json} in YAML. */
  public enum Encoding {
    /** {@code PushRequest} protobuf, snappy block compressed, {@code application/x-protobuf}. */
    PROTOBUF,
    /** {@code {"streams":[{"stream":{...},"values":[["<ns>","<line>"]]}]}}, {@code application/json}. */
    JSON
  }

  public LokiExporterConfig {
    defaultLabelsEnabled = defaultLabelsEnabled == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaultLabelsEnabled));
    tenantId = tenantId == null ? "" : tenantId;
  }

  public static LokiExporterConfig defaults() {
    return new LokiExporterConfig(HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT), QueueConfig.defaults(),
        RetryConfig.defaults(), Map.of(), "", Encoding.PROTOBUF);
  }

  public static LokiExporterConfig defaults(String endpoint) {
    LokiExporterConfig d = defaults();
    return d.withClient(d.client().withEndpoint(endpoint));
  }

  /** Whether the default label {@code name} is added. */
  public boolean labelEnabled(String name) {
    Boolean v = defaultLabelsEnabled.get(name);
    return v == null || v;
  }

  @Override
  public void validate(Problems problems) {
    if (client.endpoint().isBlank()) {
      problems.error("endpoint", "must be set, e.g. http://loki:3100/loki/api/v1/push");
    }
    for (String k : defaultLabelsEnabled.keySet()) {
      if (!DEFAULT_LABELS.contains(k)) {
        problems.at("default_labels_enabled").error("\"" + k + "\" is not a default label; use exporter, job, "
            + "instance or level");
      }
    }
    if (encoding == null) {
      problems.error("encoding", "must be protobuf or json");
    }
    if (encoding == Encoding.PROTOBUF && !client.effectiveCompression().equals(
        dev.signalbox.sdk.compression.Compression.NONE)) {
      problems.error("compression", "the protobuf push body is snappy compressed already; remove compression "
          + "or use encoding: json");
    }
  }

  public LokiExporterConfig withClient(HttpClientConfig v) {
    return new LokiExporterConfig(v, sendingQueue, retryOnFailure, defaultLabelsEnabled, tenantId, encoding);
  }

  public LokiExporterConfig withSendingQueue(QueueConfig v) {
    return new LokiExporterConfig(client, v, retryOnFailure, defaultLabelsEnabled, tenantId, encoding);
  }

  public LokiExporterConfig withRetryOnFailure(RetryConfig v) {
    return new LokiExporterConfig(client, sendingQueue, v, defaultLabelsEnabled, tenantId, encoding);
  }

  public LokiExporterConfig withDefaultLabelsEnabled(Map<String, Boolean> v) {
    return new LokiExporterConfig(client, sendingQueue, retryOnFailure, v, tenantId, encoding);
  }

  public LokiExporterConfig withTenantId(String v) {
    return new LokiExporterConfig(client, sendingQueue, retryOnFailure, defaultLabelsEnabled, v, encoding);
  }

  public LokiExporterConfig withEncoding(Encoding v) {
    return new LokiExporterConfig(client, sendingQueue, retryOnFailure, defaultLabelsEnabled, tenantId, v);
  }
}
