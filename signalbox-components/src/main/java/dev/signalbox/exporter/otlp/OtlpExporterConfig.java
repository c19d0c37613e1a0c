package dev.signalbox.exporter.otlp;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.grpc.GrpcClientConfig;

/**
 * Config of the {@code otlp} exporter: the Collector's otlpexporter keys and defaults. The gRPC
 * client block and the timeout sit at the top level ({@code endpoint}, {@code compression},
 * {@code tls}, {@code headers}, {@code keepalive}, {@code balancer_name}, {@code authority},
 * {@code wait_for_ready}, {@code read_buffer_size}, {@code write_buffer_size}, {@code user_agent},
 * {@code timeout}), beside {@code sending_queue} and {@code retry_on_failure}.
 *
 * <pre>{@code
 * exporters:
 *   otlp:
 *     endpoint: otel.example.com:4317
 *     tls: {ca_file: ca.pem}
 *     headers: {authorization: "Bearer ${env:TOKEN}"}
 *     timeout: 5s
 *     sending_queue: {num_consumers: 10, queue_size: 1000}
 *     retry_on_failure: {max_elapsed_time: 5m}
 * }</pre>
 *
 * @param timeout {@code timeout}: how long one attempt may take (default 5s)
 * @param sendingQueue {@code sending_queue}: the exporter helper's queue (Collector defaults)
 * @param retryOnFailure {@code retry_on_failure}: the exporter helper's retries (Collector defaults)
 * @param client the gRPC client keys; defaults as the Collector's otlpexporter: {@code compression:
 *     gzip}, {@code write_buffer_size: 512KiB}, TLS with system roots, no keepalive pings,
 *     {@code balancer_name: round_robin}
 */
public record OtlpExporterConfig(
    @Squash TimeoutConfig timeout,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure,
    @Squash GrpcClientConfig client) implements ComponentConfig {

  /** The Collector's default for this exporter. */
  public static final String DEFAULT_COMPRESSION = "gzip";
  /** The Collector's default for this exporter ("we almost read 0 bytes"). */
  public static final ByteSize DEFAULT_WRITE_BUFFER_SIZE = ByteSize.ofBytes(512 * 1024);

  /** The Collector's {@code createDefaultConfig()}: no endpoint, so it must be set. */
  public static OtlpExporterConfig defaults() {
    GrpcClientConfig c = GrpcClientConfig.defaults().withCompression(DEFAULT_COMPRESSION);
    c = new GrpcClientConfig(c.endpoint(), c.compression(), c.tls(), c.headers(), c.keepalive(), c.readBufferSize(),
        DEFAULT_WRITE_BUFFER_SIZE, c.waitForReady(), c.balancerName(), c.authority(), c.userAgent());
    return new OtlpExporterConfig(TimeoutConfig.defaults(), QueueConfig.defaults(), RetryConfig.defaults(), c);
  }

  /** {@link #defaults()} sending to {@code endpoint}. */
  public static OtlpExporterConfig defaults(String endpoint) {
    return defaults().withClient(defaults().client().withEndpoint(endpoint));
  }

  public OtlpExporterConfig withClient(GrpcClientConfig v) {
    return new OtlpExporterConfig(timeout, sendingQueue, retryOnFailure, v);
  }

  public OtlpExporterConfig withTimeout(TimeoutConfig v) {
    return new OtlpExporterConfig(v, sendingQueue, retryOnFailure, client);
  }

  public OtlpExporterConfig withSendingQueue(QueueConfig v) {
    return new OtlpExporterConfig(timeout, v, retryOnFailure, client);
  }

  public OtlpExporterConfig withRetryOnFailure(RetryConfig v) {
    return new OtlpExporterConfig(timeout, sendingQueue, v, client);
  }
}
