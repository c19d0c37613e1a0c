package dev.signalbox.receiver.prometheusremotewrite;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.http.HttpServerConfig;

/**
 * Config of the {@code prometheusremotewrite} receiver: the HTTP server keys at the top level, as
 * the Collector's {@code confighttp.ServerConfig} squashed, and {@code time_threshold}.
 *
 * <pre>{@code
 * receivers:
 *   prometheusremotewrite:
 *     endpoint: 0.0.0.0:9090
 *     max_request_body_size: 20MiB
 * }</pre>
 *
 * @param server the HTTP server: {@code endpoint} (default {@code localhost:9090}, the
 *     Collector's), {@code tls}, {@code max_request_body_size} (20MiB; also the limit of the
 *     snappy-decoded request), {@code include_metadata}, timeouts, ...
 * @param timeThreshold {@code time_threshold}: samples older than this many hours are dropped
 *     (default 24; 0 keeps everything)
 */
public record PrometheusRemoteWriteReceiverConfig(@Squash HttpServerConfig server, long timeThreshold)
    implements ComponentConfig {

  public static final String DEFAULT_ENDPOINT = "localhost:9090";

  public PrometheusRemoteWriteReceiverConfig {
    server = server == null ? HttpServerConfig.defaults(DEFAULT_ENDPOINT) : server;
  }

  public static PrometheusRemoteWriteReceiverConfig defaults() {
    return new PrometheusRemoteWriteReceiverConfig(HttpServerConfig.defaults(DEFAULT_ENDPOINT), 24);
  }

  @Override
  public void validate(Problems problems) {
    if (timeThreshold < 0) {
      problems.error("time_threshold", "must not be negative (hours; 0 keeps every sample)");
    }
  }
}
