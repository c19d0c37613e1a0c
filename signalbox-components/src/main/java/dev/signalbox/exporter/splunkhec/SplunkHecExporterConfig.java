package dev.signalbox.exporter.splunkhec;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.time.Duration;

/**
 * Config of the {@code splunk_hec} exporter: the Collector's splunkhecexporter keys and defaults.
 *
 * <pre>{@code
 * exporters:
 *   splunk_hec:
 *     token: "${env:SPLUNK_HEC_TOKEN}"
 *     endpoint: "https://splunk:8088/services/collector"
 *     source: "otel"
 *     sourcetype: "otel"
 *     index: "main"
 * }</pre>
 *
 * @param client the HTTP client keys at the top level ({@code endpoint} required, the HEC URL
 *     ending in {@code /services/collector}; {@code timeout} default 10s; {@code tls};
 *     {@code headers}; {@code compression} is not used: see {@code disable_compression})
 * @param token {@code token}: the HEC token, sent as {@code Authorization: Splunk <token>}
 * @param source {@code source}: the events' source (default none)
 * @param sourcetype {@code sourcetype}: the events' source type (default none)
 * @param index {@code index}: the events' index (default none: the token's default index)
 * @param disableCompression {@code disable_compression}: send bodies uncompressed (default false:
 *     gzip)
 * @param maxContentLengthLogs {@code max_content_length_logs}: the largest request body of log
 *     events (default 2 MiB, at most 800 MiB; 0: no limit)
 * @param maxContentLengthMetrics {@code max_content_length_metrics}: likewise for metric events
 * @param maxContentLengthTraces {@code max_content_length_traces}: likewise for span events
 * @param splunkAppName {@code splunk_app_name}: the {@code __splunk_app_name} header (default
 *     {@code Signalbox})
 * @param splunkAppVersion {@code splunk_app_version}: the {@code __splunk_app_version} header
 *     (default: this build's version)
 * @param hecMetadataToOtelAttrs {@code hec_metadata_to_otel_attrs}: the attributes that set an
 *     event's source, sourcetype, index and host
 * @param otelToHecFields {@code otel_to_hec_fields}: the field names of a log record's severity
 * @param logDataEnabled {@code log_data_enabled}: send log records (default true); false drops them
 * @param sendingQueue {@code sending_queue} (Collector defaults)
 * @param retryOnFailure {@code retry_on_failure} (Collector defaults)
 */
public record SplunkHecExporterConfig(
    @Squash HttpClientConfig client,
    Secret token,
    String source,
    String sourcetype,
    String index,
    boolean disableCompression,
    long maxContentLengthLogs,
    long maxContentLengthMetrics,
    long maxContentLengthTraces,
    String splunkAppName,
    String splunkAppVersion,
    HecMetadata hecMetadataToOtelAttrs,
    OtelToHecFields otelToHecFields,
    boolean logDataEnabled,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure) implements ComponentConfig {

  public static final long DEFAULT_MAX_CONTENT_LENGTH = 2 * 1024 * 1024;
  public static final long MAX_CONTENT_LENGTH = 838_860_800;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final String DEFAULT_APP_NAME = "Signalbox";

  /**
   * {@code hec_metadata_to_otel_attrs}: resource or record attributes that set the HEC metadata.
   *
   * @param source default {@code com.splunk.source}
   * @param sourcetype default {@code com.splunk.sourcetype}
   * @param index default {@code com.splunk.index}
   * @param host default {@code host.name}
   */
  public record HecMetadata(String source, String sourcetype, String index, String host) implements ConfigBlock {
    public static HecMetadata defaults() {
      return new HecMetadata("com.splunk.source", "com.splunk.sourcetype", "com.splunk.index", "host.name");
    }
  }

  /**
   * {@code otel_to_hec_fields}.
   *
   * @param severityText the field of the severity text (default {@code otel.log.severity.text})
   * @param severityNumber the field of the severity number (default {@code otel.log.severity.number})
   */
  public record OtelToHecFields(String severityText, String severityNumber) implements ConfigBlock {
    public static OtelToHecFields defaults() {
      return new OtelToHecFields("otel.log.severity.text", "otel.log.severity.number");
    }
  }

  public SplunkHecExporterConfig {
    token = token == null ? Secret.EMPTY : token;
    source = source == null ? "" : source;
    sourcetype = sourcetype == null ? "" : sourcetype;
    index = index == null ? "" : index;
    splunkAppName = splunkAppName == null ? "" : splunkAppName;
    splunkAppVersion = splunkAppVersion == null ? "" : splunkAppVersion;
  }

  public static SplunkHecExporterConfig defaults() {
    return new SplunkHecExporterConfig(HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT), Secret.EMPTY, "", "",
        "", false, DEFAULT_MAX_CONTENT_LENGTH, DEFAULT_MAX_CONTENT_LENGTH, DEFAULT_MAX_CONTENT_LENGTH,
        DEFAULT_APP_NAME, "", HecMetadata.defaults(), OtelToHecFields.defaults(), true, QueueConfig.defaults(),
        RetryConfig.defaults());
  }

  public static SplunkHecExporterConfig defaults(String endpoint, String token) {
    SplunkHecExporterConfig d = defaults();
    return d.withClient(d.client().withEndpoint(endpoint)).withToken(Secret.of(token));
  }

  @Override
  public void validate(Problems problems) {
    if (client.endpoint().isBlank()) {
      problems.error("endpoint", "must be set, e.g. https://splunk:8088/services/collector");
    }
    if (token.isEmpty()) {
      problems.error("token", "must be set: the HEC token (e.g. token: \"${env:SPLUNK_HEC_TOKEN}\")");
    }
    length(problems, "max_content_length_logs", maxContentLengthLogs);
    length(problems, "max_content_length_metrics", maxContentLengthMetrics);
    length(problems, "max_content_length_traces", maxContentLengthTraces);
    if (!client.compression().isBlank() && !client.compression().strip().equals("none")) {
      problems.error("compression", "is not used by splunk_hec: bodies are gzip-compressed unless "
          + "disable_compression is true");
    }
  }

  private static void length(Problems problems, String key, long v) {
    if (v < 0 || v > MAX_CONTENT_LENGTH) {
      problems.error(key, "must be between 0 (no limit) and " + MAX_CONTENT_LENGTH + ", got " + v);
    }
  }

  public SplunkHecExporterConfig withClient(HttpClientConfig v) {
    return new SplunkHecExporterConfig(v, token, source, sourcetype, index, disableCompression, maxContentLengthLogs,
        maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion, hecMetadataToOtelAttrs,
        otelToHecFields, logDataEnabled, sendingQueue, retryOnFailure);
  }

  public SplunkHecExporterConfig withToken(Secret v) {
    return new SplunkHecExporterConfig(client, v, source, sourcetype, index, disableCompression, maxContentLengthLogs,
        maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion, hecMetadataToOtelAttrs,
        otelToHecFields, logDataEnabled, sendingQueue, retryOnFailure);
  }

  public SplunkHecExporterConfig withMetadata(String source, String sourcetype, String index) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, disableCompression,
        maxContentLengthLogs, maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion,
        hecMetadataToOtelAttrs, otelToHecFields, logDataEnabled, sendingQueue, retryOnFailure);
  }

  public SplunkHecExporterConfig withDisableCompression(boolean v) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, v, maxContentLengthLogs,
        maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion, hecMetadataToOtelAttrs,
        otelToHecFields, logDataEnabled, sendingQueue, retryOnFailure);
  }

  public SplunkHecExporterConfig withMaxContentLengths(long logs, long metrics, long traces) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, disableCompression, logs, metrics,
        traces, splunkAppName, splunkAppVersion, hecMetadataToOtelAttrs, otelToHecFields, logDataEnabled,
        sendingQueue, retryOnFailure);
  }

  public SplunkHecExporterConfig withHecMetadataToOtelAttrs(HecMetadata v) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, disableCompression,
        maxContentLengthLogs, maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion, v,
        otelToHecFields, logDataEnabled, sendingQueue, retryOnFailure);
  }

  public SplunkHecExporterConfig withSendingQueue(QueueConfig v) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, disableCompression,
        maxContentLengthLogs, maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion,
        hecMetadataToOtelAttrs, otelToHecFields, logDataEnabled, v, retryOnFailure);
  }

  public SplunkHecExporterConfig withRetryOnFailure(RetryConfig v) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, disableCompression,
        maxContentLengthLogs, maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion,
        hecMetadataToOtelAttrs, otelToHecFields, logDataEnabled, sendingQueue, v);
  }

  public SplunkHecExporterConfig withLogDataEnabled(boolean v) {
    return new SplunkHecExporterConfig(client, token, source, sourcetype, index, disableCompression,
        maxContentLengthLogs, maxContentLengthMetrics, maxContentLengthTraces, splunkAppName, splunkAppVersion,
        hecMetadataToOtelAttrs, otelToHecFields, v, sendingQueue, retryOnFailure);
  }

  /** The limit of {@code signal}'s requests; 0 = none. */
  long maxContentLength(dev.signalbox.pdata.Signal<?> signal) {
    return signal == dev.signalbox.pdata.Signal.LOGS ? maxContentLengthLogs
        : signal == dev.signalbox.pdata.Signal.METRICS ? maxContentLengthMetrics : maxContentLengthTraces;
  }
}
