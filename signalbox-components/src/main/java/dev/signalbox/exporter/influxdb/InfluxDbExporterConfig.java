package dev.signalbox.exporter.influxdb;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Config of the {@code influxdb} exporter: the Collector's keys and defaults, plus {@code precision}
 * and {@code v1_compatibility.retention_policy} (ours). The HTTP client keys sit at the top level
 * ({@code endpoint}, {@code timeout}, {@code headers}, {@code compression}, {@code tls}, ...).
 *
 * <pre>{@code
 * exporters:
 *   influxdb:                          # InfluxDB 2 / 3 / Cloud, or any /api/v2/write endpoint
 *     endpoint: https://influx.example.com:8086
 *     org: my-org
 *     bucket: my-bucket
 *     token: ${env:INFLUX_TOKEN}
 *     metrics_schema: telegraf-prometheus-v1
 *     compression: gzip
 *   influxdb/v1:                       # InfluxDB 1.x
 *     endpoint: http://influx1:8086
 *     v1_compatibility: {enabled: true, db: telemetry, retention_policy: autogen, username: u, password: p}
 * }</pre>
 *
 * @param client the HTTP client keys; {@code endpoint} is required; a path of {@code /} or none
 *     becomes {@code /write} (v1) or {@code /api/v2/write} (v2); {@code timeout} (5s) bounds each
 *     request; {@code headers} default to {@code User-Agent: OpenTelemetry -> Influx}, as the Collector's
 * @param sendingQueue {@code sending_queue}: the exporter helper's queue (Collector defaults)
 * @param retryOnFailure {@code retry_on_failure}: the exporter helper's retries (Collector defaults)
 * @param org {@code org}: the v2 organization (required unless {@code v1_compatibility.enabled})
 * @param bucket {@code bucket}: the v2 bucket (required unless {@code v1_compatibility.enabled})
 * @param token {@code token}: sent as {@code Authorization: Token <token>} (v2)
 * @param v1Compatibility {@code v1_compatibility}: write with the InfluxDB 1.x API instead
 * @param metricsSchema {@code metrics_schema}: {@code telegraf-prometheus-v1} (default) or
 *     {@code telegraf-prometheus-v2}
 * @param payloadMaxLines {@code payload_max_lines}: the most lines in one request (10000)
 * @param payloadMaxBytes {@code payload_max_bytes}: the most bytes in one request, before
 *     compression (10000000)
 * @param precision {@code precision} (ours): the timestamp unit written, {@code ns} (default, as the
 *     Collector always writes), {@code us}, {@code ms} or {@code s}
 */
public record InfluxDbExporterConfig(
    @Squash HttpClientConfig client,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure,
    String org,
    String bucket,
    Secret token,
    V1Compatibility v1Compatibility,
    String metricsSchema,
    int payloadMaxLines,
    int payloadMaxBytes,
    Precision precision) implements ComponentConfig {

  public static final String SCHEMA_V1 = "telegraf-prometheus-v1";
  public static final String SCHEMA_V2 = "telegraf-prometheus-v2";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public InfluxDbExporterConfig {
    org = org == null ? "" : org;
    bucket = bucket == null ? "" : bucket;
    token = token == null ? Secret.EMPTY : token;
    metricsSchema = metricsSchema == null ? SCHEMA_V1 : metricsSchema;
  }

  /** Timestamp precision: the unit of the timestamps written and the request's {@code precision}. */
  public enum Precision {
    NS(1, "ns", "n"), US(1_000, "us", "u"), MS(1_000_000, "ms", "ms"), S(1_000_000_000, "s", "s");

    private final long nanos;
    private final String v2;
    private final String v1;

    Precision(long nanos, String v2, String v1) {
      this.nanos = nanos;
      this.v2 = v2;
      this.v1 = v1;
    }

    /** Nanoseconds in one unit. */
    public long nanos() {
      return nanos;
    }
  }

  /**
   * {@code v1_compatibility}: the InfluxDB 1.x {@code /write} API.
   *
   * @param enabled use the 1.x API (default false)
   * @param db the database (required when enabled)
   * @param retentionPolicy (ours) the retention policy ({@code rp}); empty: the database's default
   * @param username basic auth user (sent when both username and password are set)
   * @param password basic auth password
   */
  public record V1Compatibility(boolean enabled, String db, String retentionPolicy, String username, Secret password)
      implements ConfigBlock {
    public V1Compatibility {
      db = db == null ? "" : db;
      retentionPolicy = retentionPolicy == null ? "" : retentionPolicy;
      username = username == null ? "" : username;
      password = password == null ? Secret.EMPTY : password;
    }

    public static V1Compatibility defaults() {
      return new V1Compatibility(false, "", "", "", Secret.EMPTY);
    }

    @Override
    public void validate(Problems problems) {
      if (enabled && db.isBlank()) {
        problems.error("db", "must be set when v1_compatibility is enabled");
      }
    }
  }

  /** The Collector's defaults; {@code endpoint} (and {@code org}/{@code bucket} or {@code v1_compatibility}) must be set. */
  public static InfluxDbExporterConfig defaults() {
    Map<String, Secret> headers = new LinkedHashMap<>();
    headers.put("User-Agent", Secret.of("OpenTelemetry -> Influx"));
    HttpClientConfig c = HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT).withHeaders(headers);
    return new InfluxDbExporterConfig(c, QueueConfig.defaults(), RetryConfig.defaults(), "", "", Secret.EMPTY,
        V1Compatibility.defaults(), SCHEMA_V1, 10_000, 10_000_000, Precision.NS);
  }

  @Override
  public void validate(Problems problems) {
    if (client.endpoint().isBlank()) {
      problems.error("endpoint", "must be set, e.g. http://influxdb:8086");
    }
    if (!v1Compatibility.enabled()) {
      if (org.isBlank()) {
        problems.error("org", "must be set (or enable v1_compatibility for InfluxDB 1.x)");
      }
      if (bucket.isBlank()) {
        problems.error("bucket", "must be set (or enable v1_compatibility for InfluxDB 1.x)");
      }
    }
    if (!metricsSchema.equals(SCHEMA_V1) && !metricsSchema.equals(SCHEMA_V2)) {
      problems.error("metrics_schema", "must be " + SCHEMA_V1 + " or " + SCHEMA_V2 + ", got \"" + metricsSchema + "\"");
    }
    if (payloadMaxLines <= 0) {
      problems.error("payload_max_lines", "must be > 0, got " + payloadMaxLines);
    }
    if (payloadMaxBytes <= 0) {
      problems.error("payload_max_bytes", "must be > 0, got " + payloadMaxBytes);
    }
    if (precision == null) {
      problems.error("precision", "must be ns, us, ms or s");
    }
  }

  /** The write URL: the endpoint (its path, or the API's write path) with the API's query parameters. */
  public URI writeUri() {
    URI base = URI.create(client.endpoint().strip());
    String path = base.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      path = v1Compatibility.enabled() ? "/write" : "/api/v2/write";
    }
    StringBuilder q = new StringBuilder();
    if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
      q.append(base.getRawQuery()).append('&');
    }
    if (v1Compatibility.enabled()) {
      q.append("db=").append(enc(v1Compatibility.db()));
      if (!v1Compatibility.retentionPolicy().isEmpty()) {
        q.append("&rp=").append(enc(v1Compatibility.retentionPolicy()));
      }
      q.append("&precision=").append(precision.v1);
    } else {
      q.append("org=").append(enc(org)).append("&bucket=").append(enc(bucket)).append("&precision=")
          .append(precision.v2);
    }
    String authority = base.getRawAuthority();
    return URI.create(base.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + path + "?" + q);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public InfluxDbExporterConfig withClient(HttpClientConfig v) {
    return new InfluxDbExporterConfig(v, sendingQueue, retryOnFailure, org, bucket, token, v1Compatibility,
        metricsSchema, payloadMaxLines, payloadMaxBytes, precision);
  }

  public InfluxDbExporterConfig withSendingQueue(QueueConfig v) {
    return new InfluxDbExporterConfig(client, v, retryOnFailure, org, bucket, token, v1Compatibility, metricsSchema,
        payloadMaxLines, payloadMaxBytes, precision);
  }

  public InfluxDbExporterConfig withRetryOnFailure(RetryConfig v) {
    return new InfluxDbExporterConfig(client, sendingQueue, v, org, bucket, token, v1Compatibility, metricsSchema,
        payloadMaxLines, payloadMaxBytes, precision);
  }

  public InfluxDbExporterConfig withV2(String org, String bucket, Secret token) {
    return new InfluxDbExporterConfig(client, sendingQueue, retryOnFailure, org, bucket, token, v1Compatibility,
        metricsSchema, payloadMaxLines, payloadMaxBytes, precision);
  }

  public InfluxDbExporterConfig withV1Compatibility(V1Compatibility v) {
    return new InfluxDbExporterConfig(client, sendingQueue, retryOnFailure, org, bucket, token, v, metricsSchema,
        payloadMaxLines, payloadMaxBytes, precision);
  }

  public InfluxDbExporterConfig withMetricsSchema(String v) {
    return new InfluxDbExporterConfig(client, sendingQueue, retryOnFailure, org, bucket, token, v1Compatibility, v,
        payloadMaxLines, payloadMaxBytes, precision);
  }

  public InfluxDbExporterConfig withPayloadMax(int lines, int bytes) {
    return new InfluxDbExporterConfig(client, sendingQueue, retryOnFailure, org, bucket, token, v1Compatibility,
        metricsSchema, lines, bytes, precision);
  }

  public InfluxDbExporterConfig withPrecision(Precision v) {
    return new InfluxDbExporterConfig(client, sendingQueue, retryOnFailure, org, bucket, token, v1Compatibility,
        metricsSchema, payloadMaxLines, payloadMaxBytes, v);
  }
}
