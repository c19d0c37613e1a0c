package dev.signalbox.exporter.otlphttp;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Config of the {@code otlphttp} exporter: the Collector's otlphttpexporter keys and defaults. The
 * HTTP client block sits at the top level ({@code endpoint}, {@code tls}, {@code headers},
 * {@code compression}, {@code timeout}, {@code proxy_url}, ...), beside {@code sending_queue},
 * {@code retry_on_failure}, the per-signal URLs and {@code encoding}.
 *
 * <pre>{@code
 * exporters:
 *   otlphttp:
 *     endpoint: https://otel.example.com:4318        # /v1/traces etc. are appended
 *     logs_endpoint: https://logs.example.com/ingest # used as it is
 *     encoding: proto                                # or json
 *     headers: {authorization: "Bearer ${env:TOKEN}"}
 * }</pre>
 *
 * <p>As in the Collector, the whole request's {@code timeout} (default 30s) is the HTTP client's;
 * there is no separate exporter-helper timeout.
 *
 * @param client the HTTP client keys; defaults as the Collector's otlphttpexporter:
 *     {@code timeout: 30s}, {@code compression: gzip}, {@code write_buffer_size: 512KiB}
 * @param sendingQueue {@code sending_queue}: the exporter helper's queue (Collector defaults)
 * @param retryOnFailure {@code retry_on_failure}: the exporter helper's retries (Collector defaults)
 * @param tracesEndpoint {@code traces_endpoint}: the URL for traces, used as is; empty: endpoint +
 *     {@code /v1/traces}
 * @param metricsEndpoint {@code metrics_endpoint}: likewise, {@code /v1/metrics}
 * @param logsEndpoint {@code logs_endpoint}: likewise, {@code /v1/logs}
 * @param profilesEndpoint {@code profiles_endpoint}: likewise, {@code /v1development/profiles}
 * @param encoding {@code encoding}: {@code proto} (default) or {@code json}
 */
public record OtlpHttpExporterConfig(
    @Squash HttpClientConfig client,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure,
    String tracesEndpoint,
    String metricsEndpoint,
    String logsEndpoint,
    String profilesEndpoint,
    Encoding encoding) implements ComponentConfig {

  /** The Collector's default for this exporter. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_COMPRESSION = "gzip";
  public static final ByteSize DEFAULT_WRITE_BUFFER_SIZE = ByteSize.ofBytes(512 * 1024);

  /** The body encoding; written {@code proto} or {@code json} in YAML. */
  public enum Encoding {
    /** Protobuf, {@code application/x-protobuf}. */
    PROTO,
    /** OTLP/JSON, {@code application/json}. */
    JSON
  }

  public OtlpHttpExporterConfig {
    tracesEndpoint = tracesEndpoint == null ? "" : tracesEndpoint;
    metricsEndpoint = metricsEndpoint == null ? "" : metricsEndpoint;
    logsEndpoint = logsEndpoint == null ? "" : logsEndpoint;
    profilesEndpoint = profilesEndpoint == null ? "" : profilesEndpoint;
  }

  /** The Collector's {@code createDefaultConfig()}: no endpoint, so one must be set. */
  public static OtlpHttpExporterConfig defaults() {
    HttpClientConfig d = HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT).withCompression(DEFAULT_COMPRESSION);
    HttpClientConfig c = new HttpClientConfig(d.endpoint(), d.proxyUrl(), d.tls(), d.readBufferSize(),
        DEFAULT_WRITE_BUFFER_SIZE, d.timeout(), d.headers(), d.compression(), d.compressionParams(), d.maxIdleConns(),
        d.maxIdleConnsPerHost(), d.maxConnsPerHost(), d.idleConnTimeout(), d.disableKeepAlives(),
        d.http2ReadIdleTimeout(), d.http2PingTimeout(), d.forceAttemptHttp2());
    return new OtlpHttpExporterConfig(c, QueueConfig.defaults(), RetryConfig.defaults(), "", "", "", "",
        Encoding.PROTO);
  }

  /** {@link #defaults()} sending to the base URL {@code endpoint}. */
  public static OtlpHttpExporterConfig defaults(String endpoint) {
    OtlpHttpExporterConfig d = defaults();
    return d.withClient(d.client().withEndpoint(endpoint));
  }

  /**
   * Checks the keys of this level; the client block's own keys ({@code endpoint}'s form,
   * {@code compression}, {@code timeout}, {@code headers}) are checked by its own validate.
   */
  @Override
  public void validate(Problems problems) {
    if (client.endpoint().isBlank() && tracesEndpoint.isBlank() && metricsEndpoint.isBlank()
        && logsEndpoint.isBlank() && profilesEndpoint.isBlank()) {
      problems.error("endpoint", "must be set, e.g. https://otel.example.com:4318 (or set traces_endpoint, "
          + "metrics_endpoint, logs_endpoint or profiles_endpoint for each signal)");
    }
    checkUrl(problems, "traces_endpoint", tracesEndpoint);
    checkUrl(problems, "metrics_endpoint", metricsEndpoint);
    checkUrl(problems, "logs_endpoint", logsEndpoint);
    checkUrl(problems, "profiles_endpoint", profilesEndpoint);
    if (encoding == null) {
      problems.error("encoding", "must be proto or json");
    }
  }

  /**
   * The URL {@code signal} is sent to: its {@code *_endpoint} as written, or {@code endpoint} with
   * the signal's path appended (after one {@code /}); empty when neither is set.
   */
  public String url(Signal<?> signal) {
    String override = signal == Signal.TRACES ? tracesEndpoint
        : signal == Signal.METRICS ? metricsEndpoint
        : signal == Signal.LOGS ? logsEndpoint
        : profilesEndpoint;
    if (!override.isBlank()) {
      return override.strip();
    }
    String base = client.endpoint().strip();
    if (base.isEmpty()) {
      return "";
    }
    String path = OtlpRoutes.httpPath(signal);
    return base.endsWith("/") ? base + path.substring(1) : base + path;
  }

  /** {@code traces_endpoint} and so on: the key of {@code signal}'s own URL. */
  public static String endpointKey(Signal<?> signal) {
    return signal.name() + "_endpoint";
  }

  public OtlpHttpExporterConfig withClient(HttpClientConfig v) {
    return new OtlpHttpExporterConfig(v, sendingQueue, retryOnFailure, tracesEndpoint, metricsEndpoint, logsEndpoint,
        profilesEndpoint, encoding);
  }

  public OtlpHttpExporterConfig withSendingQueue(QueueConfig v) {
    return new OtlpHttpExporterConfig(client, v, retryOnFailure, tracesEndpoint, metricsEndpoint, logsEndpoint,
        profilesEndpoint, encoding);
  }

  public OtlpHttpExporterConfig withRetryOnFailure(RetryConfig v) {
    return new OtlpHttpExporterConfig(client, sendingQueue, v, tracesEndpoint, metricsEndpoint, logsEndpoint,
        profilesEndpoint, encoding);
  }

  public OtlpHttpExporterConfig withEncoding(Encoding v) {
    return new OtlpHttpExporterConfig(client, sendingQueue, retryOnFailure, tracesEndpoint, metricsEndpoint,
        logsEndpoint, profilesEndpoint, v);
  }

  /** This config with {@code signal}'s own URL set to {@code url}. */
  public OtlpHttpExporterConfig withSignalEndpoint(Signal<?> signal, String url) {
    return new OtlpHttpExporterConfig(client, sendingQueue, retryOnFailure,
        signal == Signal.TRACES ? url : tracesEndpoint, signal == Signal.METRICS ? url : metricsEndpoint,
        signal == Signal.LOGS ? url : logsEndpoint, signal == Signal.PROFILES ? url : profilesEndpoint, encoding);
  }

  private static void checkUrl(Problems problems, String key, String url) {
    if (url.isBlank()) {
      return;
    }
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        problems.error(key, "invalid URL \"" + url + "\": expected http:// or https://");
      } else if (u.getHost() == null) {
        problems.error(key, "invalid URL \"" + url + "\": missing host");
      }
    } catch (URISyntaxException e) {
      problems.error(key, "invalid URL \"" + url + "\": " + e.getMessage());
    }
  }
}
