package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.prometheus.translate.TranslationSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Config of the {@code prometheusremotewrite} exporter: the Collector's keys and defaults. The HTTP
 * client keys sit at the top level ({@code endpoint}, {@code tls}, {@code headers},
 * {@code timeout}, {@code proxy_url}, ...), as in the Collector.
 *
 * <pre>{@code
 * exporters:
 *   prometheusremotewrite:
 *     endpoint: https://mimir.example.com/api/v1/push
 *     headers: {X-Scope-OrgID: tenant-1}
 *     external_labels: {cluster: eu-1}
 *     namespace: app
 *     resource_to_telemetry_conversion: {enabled: true}
 *     remote_write_queue: {enabled: true, queue_size: 10000, num_consumers: 5}
 * }</pre>
 *
 * @param client the HTTP client keys; {@code timeout} (5s) bounds each request and each attempt;
 *     {@code compression} must be empty or {@code snappy} (bodies are always snappy, as remote
 *     write requires); default {@code write_buffer_size} 512KiB, as the Collector's
 * @param retryOnFailure {@code retry_on_failure}: the exporter helper's retries; the Collector's
 *     defaults for this exporter ({@code initial_interval} 50ms, the rest as every exporter's)
 * @param namespace {@code namespace}: prefix of every metric name (with {@code _}); invalid characters
 *     become {@code _} ({@code test-space} → {@code test_space})
 * @param remoteWriteQueue {@code remote_write_queue}: the sending queue, as the Collector configures it
 * @param externalLabels {@code external_labels}: labels added to every series that does not have them
 * @param maxBatchSizeBytes {@code max_batch_size_bytes}: the most uncompressed protobuf bytes in one
 *     request (default 3000000); a batch is split into as many requests as needed
 * @param maxBatchRequestParallelism {@code max_batch_request_parallelism}: how many requests of one
 *     split batch are sent at once; 0 (default): {@code remote_write_queue.num_consumers}, as the
 *     Collector without its multiple-workers feature gate
 * @param resourceToTelemetryConversion {@code resource_to_telemetry_conversion}
 * @param targetInfo {@code target_info}: whether {@code target_info} series are written (default true)
 * @param disableScopeInfo {@code disable_scope_info}: leave out the {@code otel_scope_*} labels
 * @param addMetricSuffixes {@code add_metric_suffixes}: unit and type suffixes (default true)
 * @param sendMetadata {@code send_metadata}: also send type, help and unit of each family (default false)
 * @param wal {@code wal}: not supported (see the package documentation); present only to say so
 */
public record PrometheusRemoteWriteExporterConfig(
    @Squash HttpClientConfig client,
    RetryConfig retryOnFailure,
    String namespace,
    RemoteWriteQueue remoteWriteQueue,
    Map<String, String> externalLabels,
    int maxBatchSizeBytes,
    int maxBatchRequestParallelism,
    ResourceToTelemetry resourceToTelemetryConversion,
    TargetInfo targetInfo,
    boolean disableScopeInfo,
    boolean addMetricSuffixes,
    boolean sendMetadata,
    @Presence Wal wal) implements ComponentConfig {

  public static final int DEFAULT_MAX_BATCH_SIZE_BYTES = 3_000_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Headers the exporter sets itself; the Collector does not let users change them either. */
  static final Set<String> RESERVED_HEADERS = Set.of("content-encoding", "content-type",
      "x-prometheus-remote-write-version", "user-agent");

  public PrometheusRemoteWriteExporterConfig {
    namespace = namespace == null ? "" : namespace;
    externalLabels = externalLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(externalLabels));
  }

  /**
   * {@code remote_write_queue}: the Collector's way to configure this exporter's queue. Mapped onto
   * the exporter helper's queue with a single consumer, so batches are sent in the order they came
   * (remote write needs each series' samples in time order).
   *
   * @param enabled whether batches are queued (default true); false: sent in the caller's thread
   * @param queueSize how many batches the queue holds (default 10000)
   * @param numConsumers how many requests of one split batch are sent at once (default 5), as the
   *     Collector; never more than one batch at a time
   */
  public record RemoteWriteQueue(boolean enabled, int queueSize, int numConsumers) implements ConfigBlock {
    public static RemoteWriteQueue defaults() {
      return new RemoteWriteQueue(true, 10_000, 5);
    }

    @Override
    public void validate(Problems problems) {
      if (queueSize < 0) {
        problems.error("queue_size", "must not be negative, got " + queueSize);
      } else if (enabled && queueSize == 0) {
        problems.error("queue_size", "must be > 0 when the queue is enabled (a 0 size queue would drop all the data)");
      }
      if (numConsumers < 0) {
        problems.error("num_consumers", "must not be negative, got " + numConsumers);
      }
    }
  }

  /**
   * {@code resource_to_telemetry_conversion}.
   *
   * @param enabled every resource attribute also becomes a label of every series (default false)
   * @param excludeServiceAttributes leave out {@code service.name}, {@code service.namespace} and
   *     {@code service.instance.id}, which are already {@code job} and {@code instance}
   */
  public record ResourceToTelemetry(boolean enabled, boolean excludeServiceAttributes) implements ConfigBlock {
    public static ResourceToTelemetry defaults() {
      return new ResourceToTelemetry(false, false);
    }
  }

  /** {@code target_info}: {@code enabled} (default true). */
  public record TargetInfo(boolean enabled) implements ConfigBlock {
    public static TargetInfo defaults() {
      return new TargetInfo(true);
    }
  }

  /** The Collector's {@code wal} block, accepted only to report that it is not supported. */
  public record Wal(String directory, int bufferSize, Duration truncateFrequency, boolean lagRecordFrequency)
      implements ConfigBlock {
    public static Wal defaults() {
      return new Wal("", 300, Duration.ofMinutes(1), false);
    }

    @Override
    public void validate(Problems problems) {
      problems.error("is not supported: remove it; batches wait in remote_write_queue (in memory) and are retried "
          + "per retry_on_failure");
    }
  }

  /** The Collector's defaults; {@code endpoint} must be set. */
  public static PrometheusRemoteWriteExporterConfig defaults() {
    HttpClientConfig d = HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT);
    HttpClientConfig c = new HttpClientConfig(d.endpoint(), d.proxyUrl(), d.tls(), d.readBufferSize(),
        dev.signalbox.config.ByteSize.ofBytes(512 * 1024), d.timeout(), d.headers(), d.compression(),
        d.compressionParams(), d.maxIdleConns(), d.maxIdleConnsPerHost(), d.maxConnsPerHost(), d.idleConnTimeout(),
        d.disableKeepAlives(), d.http2ReadIdleTimeout(), d.http2PingTimeout(), d.forceAttemptHttp2());
    return new PrometheusRemoteWriteExporterConfig(c, RetryConfig.defaults().withInitialInterval(Duration.ofMillis(50)),
        "", RemoteWriteQueue.defaults(), Map.of(), DEFAULT_MAX_BATCH_SIZE_BYTES, 0, ResourceToTelemetry.defaults(),
        TargetInfo.defaults(), false, true, false, null);
  }

  /** {@link #defaults()} sending to {@code endpoint}. */
  public static PrometheusRemoteWriteExporterConfig defaults(String endpoint) {
    PrometheusRemoteWriteExporterConfig d = defaults();
    return d.withClient(d.client.withEndpoint(endpoint));
  }

  @Override
  public void validate(Problems problems) {
    if (client.endpoint().isBlank()) {
      problems.error("endpoint", "must be set to the remote write URL, e.g. http://prometheus:9090/api/v1/write");
    }
    if (!client.compression().isEmpty() && !client.compression().equalsIgnoreCase("snappy")) {
      problems.error("compression", "must be snappy or empty: remote write bodies are always snappy-compressed, got \""
          + client.compression() + "\"");
    }
    for (String h : client.headers().keySet()) {
      if (RESERVED_HEADERS.contains(h.toLowerCase(Locale.ROOT))) {
        problems.at("headers").error(h, "is set by the exporter and cannot be changed");
      }
    }
    for (var e : externalLabels.entrySet()) {
      if (e.getKey().isEmpty() || e.getValue() == null || e.getValue().isEmpty()) {
        problems.at("external_labels").error(e.getKey(), "external labels need a non-empty name and value");
      }
    }
    if (maxBatchSizeBytes < 0) {
      problems.error("max_batch_size_bytes", "must be > 0, got " + maxBatchSizeBytes);
    }
    if (maxBatchRequestParallelism < 0) {
      problems.error("max_batch_request_parallelism", "must be >= 1 (or 0 for remote_write_queue.num_consumers), got "
          + maxBatchRequestParallelism);
    }
  }

  /** The request size limit in effect: {@code max_batch_size_bytes}, 3000000 when 0. */
  public int effectiveMaxBatchSizeBytes() {
    return maxBatchSizeBytes == 0 ? DEFAULT_MAX_BATCH_SIZE_BYTES : maxBatchSizeBytes;
  }

  /** Requests of one batch sent at once. */
  public int effectiveParallelism() {
    int p = maxBatchRequestParallelism > 0 ? maxBatchRequestParallelism : remoteWriteQueue.numConsumers();
    return Math.max(1, p);
  }

  /** The exporter helper's queue: {@code remote_write_queue} with one consumer, 64 MiB bound. */
  public QueueConfig queueConfig() {
    return QueueConfig.defaults().withEnabled(remoteWriteQueue.enabled()).withNumConsumers(1)
        .withQueueSize(Math.max(1, remoteWriteQueue.queueSize()));
  }

  /** How OTLP becomes Prometheus series. */
  public TranslationSettings translationSettings() {
    return new TranslationSettings(namespace, addMetricSuffixes, externalLabels,
        resourceToTelemetryConversion.enabled(), resourceToTelemetryConversion.excludeServiceAttributes(),
        targetInfo.enabled(), !disableScopeInfo);
  }

  public PrometheusRemoteWriteExporterConfig withClient(HttpClientConfig v) {
    return new PrometheusRemoteWriteExporterConfig(v, retryOnFailure, namespace, remoteWriteQueue, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo,
        addMetricSuffixes, sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withRetryOnFailure(RetryConfig v) {
    return new PrometheusRemoteWriteExporterConfig(client, v, namespace, remoteWriteQueue, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo,
        addMetricSuffixes, sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withNamespace(String v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, v, remoteWriteQueue, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo,
        addMetricSuffixes, sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withRemoteWriteQueue(RemoteWriteQueue v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, namespace, v, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo,
        addMetricSuffixes, sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withExternalLabels(Map<String, String> v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, namespace, remoteWriteQueue, v,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo,
        addMetricSuffixes, sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withMaxBatchSizeBytes(int v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, namespace, remoteWriteQueue, externalLabels,
        v, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo, addMetricSuffixes,
        sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withResourceToTelemetryConversion(ResourceToTelemetry v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, namespace, remoteWriteQueue, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, v, targetInfo, disableScopeInfo, addMetricSuffixes,
        sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withAddMetricSuffixes(boolean v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, namespace, remoteWriteQueue, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo, v,
        sendMetadata, wal);
  }

  public PrometheusRemoteWriteExporterConfig withSendMetadata(boolean v) {
    return new PrometheusRemoteWriteExporterConfig(client, retryOnFailure, namespace, remoteWriteQueue, externalLabels,
        maxBatchSizeBytes, maxBatchRequestParallelism, resourceToTelemetryConversion, targetInfo, disableScopeInfo,
        addMetricSuffixes, v, wal);
  }
}
