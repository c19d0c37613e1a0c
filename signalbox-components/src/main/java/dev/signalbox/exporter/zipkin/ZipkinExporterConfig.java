package dev.signalbox.exporter.zipkin;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.time.Duration;

/**
 * Config of the {@code zipkin} exporter: the Collector's zipkinexporter keys and defaults. The HTTP
 * client keys sit at the top level ({@code endpoint}, {@code tls}, {@code headers},
 * {@code compression}, {@code timeout}, ...), beside {@code format}, {@code default_service_name},
 * {@code sending_queue} and {@code retry_on_failure}.
 *
 * <pre>{@code
 * exporters:
 *   zipkin:
 *     endpoint: http://zipkin:9411/api/v2/spans   # required, used as it is
 *     format: json                               # or proto
 *     default_service_name: unknown-service
 * }</pre>
 *
 * @param client the HTTP client keys; defaults as the Collector's: {@code timeout: 5s},
 *     {@code write_buffer_size: 512KiB}, no compression
 * @param sendingQueue {@code sending_queue} (Collector defaults)
 * @param retryOnFailure {@code retry_on_failure} (Collector defaults)
 * @param format {@code format}: {@code json} (default, Zipkin v2 JSON) or {@code proto} (proto3
 *     {@code ListOfSpans})
 * @param defaultServiceName {@code default_service_name}: the local service of spans whose resource
 *     has no {@code service.name} (default {@code <missing service name>})
 */
public record ZipkinExporterConfig(
    @Squash HttpClientConfig client,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure,
    Format format,
    String defaultServiceName) implements ComponentConfig {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final ByteSize DEFAULT_WRITE_BUFFER_SIZE = ByteSize.ofBytes(512 * 1024);
  public static final String DEFAULT_SERVICE_NAME = "<missing service name>";

  /** The body encoding; {@code json} or {@code proto} in YAML. */
  public enum Format {
    /** Zipkin v2 JSON, {@code application/json}. */
    JSON,
    /** Zipkin proto3 {@code ListOfSpans}, {@code application/x-protobuf}. */
    PROTO
  }

  public ZipkinExporterConfig {
    defaultServiceName = defaultServiceName == null ? "" : defaultServiceName;
  }

  /** The Collector's {@code createDefaultConfig()}: no endpoint, so one must be set. */
  public static ZipkinExporterConfig defaults() {
    HttpClientConfig d = HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT);
    HttpClientConfig c = new HttpClientConfig(d.endpoint(), d.proxyUrl(), d.tls(), d.readBufferSize(),
        DEFAULT_WRITE_BUFFER_SIZE, d.timeout(), d.headers(), d.compression(), d.compressionParams(), d.maxIdleConns(),
        d.maxIdleConnsPerHost(), d.maxConnsPerHost(), d.idleConnTimeout(), d.disableKeepAlives(),
        d.http2ReadIdleTimeout(), d.http2PingTimeout(), d.forceAttemptHttp2());
    return new ZipkinExporterConfig(c, QueueConfig.defaults(), RetryConfig.defaults(), Format.JSON,
        DEFAULT_SERVICE_NAME);
  }

  /** {@link #defaults()} sending to {@code endpoint}. */
  public static ZipkinExporterConfig defaults(String endpoint) {
    ZipkinExporterConfig d = defaults();
    return d.withClient(d.client().withEndpoint(endpoint));
  }

  @Override
  public void validate(Problems problems) {
    if (client.endpoint().isBlank()) {
      problems.error("endpoint", "must be set, e.g. http://zipkin:9411/api/v2/spans");
    }
    if (format == null) {
      problems.error("format", "must be json or proto");
    }
  }

  public ZipkinExporterConfig withClient(HttpClientConfig v) {
    return new ZipkinExporterConfig(v, sendingQueue, retryOnFailure, format, defaultServiceName);
  }

  public ZipkinExporterConfig withSendingQueue(QueueConfig v) {
    return new ZipkinExporterConfig(client, v, retryOnFailure, format, defaultServiceName);
  }

  public ZipkinExporterConfig withRetryOnFailure(RetryConfig v) {
    return new ZipkinExporterConfig(client, sendingQueue, v, format, defaultServiceName);
  }

  public ZipkinExporterConfig withFormat(Format v) {
    return new ZipkinExporterConfig(client, sendingQueue, retryOnFailure, v, defaultServiceName);
  }

  public ZipkinExporterConfig withDefaultServiceName(String v) {
    return new ZipkinExporterConfig(client, sendingQueue, retryOnFailure, format, v);
  }
}
