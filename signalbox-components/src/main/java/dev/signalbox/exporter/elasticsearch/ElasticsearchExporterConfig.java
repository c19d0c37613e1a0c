package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Config of the {@code elasticsearch} exporter: the Collector's elasticsearchexporter keys and
 * defaults (its v0.110 layout: static {@code logs_index}/{@code traces_index} with opt-in dynamic
 * routing). See the package comment for what each does.
 *
 * <pre>{@code
 * exporters:
 *   elasticsearch:
 *     endpoints: [https://elastic.example.com:9200]
 *     logs_index: logs-myapp-default
 *     traces_index: traces-myapp-default
 *     mapping: {mode: ecs}
 *     user: elastic
 *     password: ${env:ELASTIC_PASSWORD}
 *     flush: {bytes: 5000000, interval: 30s}
 *     retry: {max_retries: 2, initial_interval: 100ms, max_interval: 1m, retry_on_status: [429, 500, 502, 503, 504]}
 * }</pre>
 *
 * @param client the HTTP client keys at the top level ({@code endpoint}, {@code tls},
 *     {@code headers}, {@code timeout} default 90s, {@code compression} none or gzip, ...)
 * @param endpoints {@code endpoints}: Elasticsearch or OpenSearch URLs, used in turn
 * @param cloudid {@code cloudid}: an Elastic Cloud id, instead of endpoints
 * @param numWorkers {@code num_workers}: bulk requests in flight at once; 0 = the number of CPUs
 * @param logsIndex {@code logs_index}: index or data stream of logs (default {@code logs-generic-default})
 * @param logsDynamicIndex {@code logs_dynamic_index}: route by attributes (default off)
 * @param tracesIndex {@code traces_index}: index or data stream of spans (default {@code traces-generic-default})
 * @param tracesDynamicIndex {@code traces_dynamic_index}: route by attributes (default off)
 * @param pipeline {@code pipeline}: an ingest pipeline for every document (default none)
 * @param user {@code user}: HTTP basic authentication user
 * @param password {@code password}: HTTP basic authentication password
 * @param apiKey {@code api_key}: an API key (base64 {@code id:key}), sent as {@code Authorization: ApiKey}
 * @param flush {@code flush}: when a bulk request is sent
 * @param retry {@code retry}: retries of failed requests and failed documents
 * @param mapping {@code mapping}: the document layout
 * @param logstashFormat {@code logstash_format}: date-suffixed index names
 * @param sendingQueue {@code sending_queue}: the exporter helper's queue (enabled by default here)
 * @param retryOnFailure {@code retry_on_failure}: the exporter helper's retries of whole batches
 *     after {@code retry} gave up on a request (ours; disabled by default)
 */
public record ElasticsearchExporterConfig(
    @Squash HttpClientConfig client,
    List<String> endpoints,
    String cloudid,
    int numWorkers,
    String logsIndex,
    DynamicIndex logsDynamicIndex,
    String tracesIndex,
    DynamicIndex tracesDynamicIndex,
    String pipeline,
    String user,
    Secret password,
    Secret apiKey,
    Flush flush,
    Retry retry,
    Mapping mapping,
    LogstashFormat logstashFormat,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure) implements ComponentConfig {

  public static final String DEFAULT_LOGS_INDEX = "logs-generic-default";
  public static final String DEFAULT_TRACES_INDEX = "traces-generic-default";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

  /** The document layout; {@code none}, {@code ecs}, {@code otel} or {@code raw} in YAML. */
  public enum MappingMode {
    /** The OTLP record as it is: {@code Attributes.*}, {@code Resource.*}, {@code Scope.*}. */
    NONE,
    /** Elastic Common Schema field names for logs; spans as {@code none}. */
    ECS,
    /** OpenTelemetry-native documents: {@code attributes}, {@code resource.attributes}, ... */
    OTEL,
    /** As {@code none}, with record attributes and span events at the root. */
    RAW
  }

  /** {@code *_dynamic_index}. @param enabled route by attributes (default false) */
  public record DynamicIndex(boolean enabled) implements ConfigBlock {}

  /**
   * {@code flush}.
   *
   * @param bytes {@code bytes}: the largest bulk request body (default 5000000)
   * @param interval {@code interval}: the longest a document waits for others to join its bulk
   *     request (default 30s)
   */
  public record Flush(ByteSize bytes, Duration interval) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (bytes == null || bytes.bytes() <= 0) {
        problems.error("bytes", "must be > 0, got " + bytes);
      }
      if (interval == null || !interval.isPositive()) {
        problems.error("interval", "must be > 0, got " + interval);
      }
    }
  }

  /**
   * {@code retry}: how often a failed bulk request, or the failed documents of a bulk response, are
   * sent again.
   *
   * @param enabled {@code enabled} (default true)
   * @param maxRequests {@code max_requests}: deprecated, attempts in all (retries + 1); 0 = unset
   * @param maxRetries {@code max_retries}: retries after the first attempt (default 2)
   * @param initialInterval {@code initial_interval}: the first wait (default 100ms), doubling
   * @param maxInterval {@code max_interval}: the longest wait (default 1m)
   * @param retryOnStatus {@code retry_on_status}: statuses, of a request or of a document, that
   *     are retried (default 429, 500, 502, 503, 504); other 4xx/5xx are permanent
   */
  public record Retry(boolean enabled, int maxRequests, int maxRetries, Duration initialInterval,
      Duration maxInterval, List<Integer> retryOnStatus) implements ConfigBlock {
    public Retry {
      retryOnStatus = retryOnStatus == null ? List.of() : List.copyOf(retryOnStatus);
    }

    /** Retries after the first attempt: 0 when disabled. */
    public int effectiveMaxRetries() {
      if (!enabled) {
        return 0;
      }
      return maxRequests > 0 ? maxRequests - 1 : maxRetries;
    }

    @Override
    public void validate(Problems problems) {
      if (maxRequests != 0 && maxRetries != 0 && maxRetries != DEFAULT_MAX_RETRIES) {
        problems.error("must not specify both max_requests and max_retries");
      }
      if (maxRequests < 0) {
        problems.error("max_requests", "must be >= 0, got " + maxRequests);
      }
      if (maxRetries < 0) {
        problems.error("max_retries", "must be >= 0, got " + maxRetries);
      }
      if (initialInterval == null || !initialInterval.isPositive()) {
        problems.error("initial_interval", "must be > 0, got " + initialInterval);
      }
      if (maxInterval == null || !maxInterval.isPositive()) {
        problems.error("max_interval", "must be > 0, got " + maxInterval);
      } else if (initialInterval != null && maxInterval.compareTo(initialInterval) < 0) {
        problems.error("max_interval", "must not be less than initial_interval (" + initialInterval + "), got "
            + maxInterval);
      }
      for (int i = 0; i < retryOnStatus.size(); i++) {
        int s = retryOnStatus.get(i);
        if (s < 100 || s > 599) {
          problems.at("retry_on_status").at(i).error("not an HTTP status: " + s);
        }
      }
    }
  }

  static final int DEFAULT_MAX_RETRIES = 2;

  /**
   * {@code mapping}.
   *
   * @param mode {@code mode}: none (default), ecs, otel or raw
   * @param dedot {@code dedot}: write dotted keys as nested objects (default true)
   */
  public record Mapping(MappingMode mode, boolean dedot) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (mode == null) {
        problems.error("mode", "must be one of none, ecs, otel, raw");
      }
    }
  }

  /**
   * {@code logstash_format}: the index name gets a date, {@code <index><prefix_separator><date>}.
   *
   * @param enabled {@code enabled} (default false)
   * @param prefixSeparator {@code prefix_separator} (default {@code -})
   * @param dateFormat {@code date_format}: strftime pattern of the current UTC date (default {@code %Y.%m.%d})
   */
  public record LogstashFormat(boolean enabled, String prefixSeparator, String dateFormat) implements ConfigBlock {
    public LogstashFormat {
      prefixSeparator = prefixSeparator == null ? "" : prefixSeparator;
      dateFormat = dateFormat == null ? "" : dateFormat;
    }
  }

  public ElasticsearchExporterConfig {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    cloudid = cloudid == null ? "" : cloudid;
    logsIndex = logsIndex == null ? "" : logsIndex;
    tracesIndex = tracesIndex == null ? "" : tracesIndex;
    pipeline = pipeline == null ? "" : pipeline;
    user = user == null ? "" : user;
    password = password == null ? Secret.EMPTY : password;
    apiKey = apiKey == null ? Secret.EMPTY : apiKey;
  }

  /** The Collector's defaults (v0.110), with our sending queue enabled. */
  public static ElasticsearchExporterConfig defaults() {
    return new ElasticsearchExporterConfig(HttpClientConfig.defaults().withTimeout(DEFAULT_TIMEOUT), List.of(), "", 0,
        DEFAULT_LOGS_INDEX, new DynamicIndex(false), DEFAULT_TRACES_INDEX, new DynamicIndex(false), "", "",
        Secret.EMPTY, Secret.EMPTY, new Flush(ByteSize.ofBytes(5_000_000), Duration.ofSeconds(30)),
        new Retry(true, 0, DEFAULT_MAX_RETRIES, Duration.ofMillis(100), Duration.ofMinutes(1),
            List.of(429, 500, 502, 503, 504)),
        new Mapping(MappingMode.NONE, true), new LogstashFormat(false, "-", "%Y.%m.%d"), QueueConfig.defaults(),
        RetryConfig.disabled());
  }

  /** {@link #defaults()} sending to {@code endpoints}. */
  public static ElasticsearchExporterConfig defaults(String... endpoints) {
    return defaults().withEndpoints(List.of(endpoints));
  }

  @Override
  public void validate(Problems problems) {
    int given = (client.endpoint().isBlank() ? 0 : 1) + (endpoints.isEmpty() ? 0 : 1) + (cloudid.isBlank() ? 0 : 1);
    if (given != 1) {
      problems.error("endpoints", "exactly one of [endpoint, endpoints, cloudid] must be specified, e.g. "
          + "endpoints: [https://elastic.example.com:9200]");
    }
    for (int i = 0; i < endpoints.size(); i++) {
      String err = urlProblem(endpoints.get(i));
      if (err != null) {
        problems.at("endpoints").at(i).error(err);
      }
    }
    if (!cloudid.isBlank()) {
      try {
        cloudUrl(cloudid);
      } catch (IllegalArgumentException e) {
        problems.error("cloudid", e.getMessage());
      }
    }
    if (numWorkers < 0) {
      problems.error("num_workers", "must be >= 0 (0 = the number of CPUs), got " + numWorkers);
    }
    String c = client.compression().strip();
    if (!c.isEmpty() && !c.equals("none") && !c.equals("gzip")) {
      problems.error("compression", "must be one of [none, gzip], got \"" + c + "\"");
    }
    if (!user.isEmpty() && !apiKey.isEmpty()) {
      problems.error("api_key", "must not be set together with user/password: choose one authentication");
    }
    if (logsIndex.isBlank()) {
      problems.error("logs_index", "must not be empty");
    }
    if (tracesIndex.isBlank()) {
      problems.error("traces_index", "must not be empty");
    }
  }

  /** The URLs to send to: {@code endpoints}, {@code endpoint}, or the cloud id's. */
  public List<String> urls() {
    List<String> out = new ArrayList<>();
    if (!endpoints.isEmpty()) {
      endpoints.forEach(e -> out.add(e.strip()));
    } else if (!client.endpoint().isBlank()) {
      out.add(client.endpoint().strip());
    } else if (!cloudid.isBlank()) {
      out.add(cloudUrl(cloudid));
    }
    return out;
  }

  /** An Elastic Cloud id ({@code name:base64(host$es-uuid$kibana-uuid)}) as the cluster's URL. */
  static String cloudUrl(String cloudId) {
    int colon = cloudId.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("invalid cloud id \"" + cloudId + "\": expected <name>:<base64>");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(cloudId.substring(colon + 1).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cloud id: the part after ':' is not base64");
    }
    String[] parts = decoded.split("\\$");
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("invalid cloud id: expected <host>$<elasticsearch id>$... once decoded");
    }
    return "https://" + parts[1] + "." + parts[0];
  }

  private static String urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return "must not be empty";
    }
    try {
      URI u = new URI(url.strip());
      if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
        return "invalid URL \"" + url + "\": expected http:// or https://";
      }
      if (u.getHost() == null) {
        return "invalid URL \"" + url + "\": missing host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "invalid URL \"" + url + "\": " + e.getMessage();
    }
  }

  public ElasticsearchExporterConfig withClient(HttpClientConfig v) {
    return new ElasticsearchExporterConfig(v, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex, tracesIndex,
        tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, mapping, logstashFormat, sendingQueue,
        retryOnFailure);
  }

  public ElasticsearchExporterConfig withEndpoints(List<String> v) {
    return new ElasticsearchExporterConfig(client, v, cloudid, numWorkers, logsIndex, logsDynamicIndex, tracesIndex,
        tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, mapping, logstashFormat, sendingQueue,
        retryOnFailure);
  }

  public ElasticsearchExporterConfig withIndexes(String logs, String traces) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logs, logsDynamicIndex, traces,
        tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, mapping, logstashFormat, sendingQueue,
        retryOnFailure);
  }

  public ElasticsearchExporterConfig withDynamicIndexes(boolean logs, boolean traces) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, new DynamicIndex(logs),
        tracesIndex, new DynamicIndex(traces), pipeline, user, password, apiKey, flush, retry, mapping, logstashFormat,
        sendingQueue, retryOnFailure);
  }

  public ElasticsearchExporterConfig withAuth(String user, Secret password, Secret apiKey) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, mapping, logstashFormat,
        sendingQueue, retryOnFailure);
  }

  public ElasticsearchExporterConfig withFlush(Flush v) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, pipeline, user, password, apiKey, v, retry, mapping, logstashFormat,
        sendingQueue, retryOnFailure);
  }

  public ElasticsearchExporterConfig withRetry(Retry v) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, pipeline, user, password, apiKey, flush, v, mapping, logstashFormat,
        sendingQueue, retryOnFailure);
  }

  public ElasticsearchExporterConfig withMapping(Mapping v) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, v, logstashFormat,
        sendingQueue, retryOnFailure);
  }

  public ElasticsearchExporterConfig withLogstashFormat(LogstashFormat v) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, mapping, v, sendingQueue,
        retryOnFailure);
  }

  public ElasticsearchExporterConfig withSendingQueue(QueueConfig v) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, pipeline, user, password, apiKey, flush, retry, mapping, logstashFormat, v,
        retryOnFailure);
  }

  public ElasticsearchExporterConfig withPipeline(String v) {
    return new ElasticsearchExporterConfig(client, endpoints, cloudid, numWorkers, logsIndex, logsDynamicIndex,
        tracesIndex, tracesDynamicIndex, v, user, password, apiKey, flush, retry, mapping, logstashFormat,
        sendingQueue, retryOnFailure);
  }
}
