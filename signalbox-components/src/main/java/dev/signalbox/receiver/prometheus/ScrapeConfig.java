package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code scrape_configs}, Prometheus' keys and defaults (static targets only).
 *
 * @param jobName {@code job_name}: the job (required, unique); the {@code job} label and
 *     {@code service.name}
 * @param scrapeInterval {@code scrape_interval}: default {@code global.scrape_interval}
 * @param scrapeTimeout {@code scrape_timeout}: default {@code global.scrape_timeout}, at most the
 *     interval
 * @param metricsPath {@code metrics_path}: default {@code /metrics}
 * @param scheme {@code scheme}: {@code http} (default) or {@code https}
 * @param params {@code params}: query parameters of every scrape
 * @param honorLabels {@code honor_labels}: keep the target's labels when they clash with the
 *     target labels (default false: the scraped one is renamed {@code exported_<name>})
 * @param honorTimestamps {@code honor_timestamps}: use timestamps the target exposes (default true)
 * @param bodySizeLimit {@code body_size_limit}: largest uncompressed body (default 0: the
 *     receiver's own limit, 64MiB; Prometheus has none)
 * @param sampleLimit {@code sample_limit}: more samples after metric relabeling fail the scrape
 *     (default 0: no limit)
 * @param followRedirects {@code follow_redirects}: default true
 * @param basicAuth {@code basic_auth}: username and password (or password_file)
 * @param authorization {@code authorization}: type (default Bearer) and credentials (or
 *     credentials_file)
 * @param bearerToken {@code bearer_token}: the older spelling of {@code authorization.credentials}
 * @param bearerTokenFile {@code bearer_token_file}: ... of {@code authorization.credentials_file}
 * @param tlsConfig {@code tls_config}: for https targets
 * @param staticConfigs {@code static_configs}: the targets and their labels
 * @param relabelConfigs {@code relabel_configs}: applied to each target's labels before scraping
 * @param metricRelabelConfigs {@code metric_relabel_configs}: applied to each scraped series
 */
public record ScrapeConfig(
    String jobName,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    String metricsPath,
    String scheme,
    Map<String, List<String>> params,
    boolean honorLabels,
    boolean honorTimestamps,
    ByteSize bodySizeLimit,
    int sampleLimit,
    boolean followRedirects,
    @Presence BasicAuth basicAuth,
    @Presence Authorization authorization,
    Secret bearerToken,
    String bearerTokenFile,
    TlsConfig tlsConfig,
    List<StaticConfig> staticConfigs,
    List<RelabelConfig> relabelConfigs,
    List<RelabelConfig> metricRelabelConfigs) implements ConfigBlock {

  /** The receiver's body limit when {@code body_size_limit} is 0. */
  public static final ByteSize DEFAULT_BODY_SIZE_LIMIT = ByteSize.ofMiB(64);

  public ScrapeConfig {
    jobName = jobName == null ? "" : jobName;
    metricsPath = metricsPath == null ? "/metrics" : metricsPath;
    scheme = scheme == null ? "http" : scheme;
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    bodySizeLimit = bodySizeLimit == null ? ByteSize.ofBytes(0) : bodySizeLimit;
    bearerToken = bearerToken == null ? Secret.EMPTY : bearerToken;
    bearerTokenFile = bearerTokenFile == null ? "" : bearerTokenFile;
    tlsConfig = tlsConfig == null ? TlsConfig.defaults() : tlsConfig;
    staticConfigs = staticConfigs == null ? List.of() : List.copyOf(staticConfigs);
    relabelConfigs = relabelConfigs == null ? List.of() : List.copyOf(relabelConfigs);
    metricRelabelConfigs = metricRelabelConfigs == null ? List.of() : List.copyOf(metricRelabelConfigs);
  }

  /** Prometheus' defaults; the intervals are null, meaning "from global". */
  public static ScrapeConfig defaults() {
    return new ScrapeConfig("", null, null, "/metrics", "http", Map.of(), false, true, ByteSize.ofBytes(0), 0, true,
        null, null, Secret.EMPTY, "", TlsConfig.defaults(), List.of(), List.of(), List.of());
  }

  /** The interval in effect under {@code global}. */
  public Duration effectiveInterval(GlobalConfig global) {
    return scrapeInterval != null ? scrapeInterval : global.scrapeInterval();
  }

  /** The timeout in effect: its own, else the global one capped at the interval (as Prometheus). */
  public Duration effectiveTimeout(GlobalConfig globalConfig) {
    if (scrapeTimeout != null) {
      return scrapeTimeout;
    }
    Duration interval = effectiveInterval(globalConfig);
    Duration global = globalConfig.effectiveScrapeTimeout();
    return global.compareTo(interval) > 0 ? interval : global;
  }

  /** The body limit in effect. */
  public long effectiveBodySizeLimit() {
    return bodySizeLimit.bytes() > 0 ? bodySizeLimit.bytes() : DEFAULT_BODY_SIZE_LIMIT.bytes();
  }

  @Override
  public void validate(Problems problems) {
    if (jobName.isBlank()) {
      problems.error("job_name", "must be set");
    }
    if (scrapeInterval != null && (scrapeInterval.isNegative() || scrapeInterval.isZero())) {
      problems.error("scrape_interval", "must be positive");
    }
    if (scrapeTimeout != null) {
      if (scrapeTimeout.isNegative() || scrapeTimeout.isZero()) {
        problems.error("scrape_timeout", "must be positive");
      }
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.error("scheme", "must be http or https, got \"" + scheme + "\"");
    }
    if (!metricsPath.startsWith("/")) {
      problems.error("metrics_path", "must start with '/', got \"" + metricsPath + "\"");
    }
    if (sampleLimit < 0) {
      problems.error("sample_limit", "must not be negative");
    }
    int auths = (basicAuth != null ? 1 : 0) + (authorization != null ? 1 : 0)
        + (!bearerToken.isEmpty() || !bearerTokenFile.isEmpty() ? 1 : 0);
    if (auths > 1) {
      problems.error("at most one of basic_auth, authorization and bearer_token / bearer_token_file may be set");
    }
    if (!bearerToken.isEmpty() && !bearerTokenFile.isEmpty()) {
      problems.error("bearer_token_file", "at most one of bearer_token and bearer_token_file may be set");
    }
    if (!bearerTokenFile.isEmpty()) {
      BasicAuth.checkReadable(problems, "bearer_token_file", bearerTokenFile);
    }
    if (staticConfigs.isEmpty()) {
      problems.error("static_configs", "must list at least one target (only static_configs is supported)");
    }
  }

  /** Prometheus' rendering of a duration: 1m, 15s, 500ms, 1h30m. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long ms = d.toMillis();
    long h = ms / 3_600_000;
    ms %= 3_600_000;
    long m = ms / 60_000;
    ms %= 60_000;
    long s = ms / 1000;
    ms %= 1000;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (s > 0) {
      b.append(s).append('s');
    }
    if (ms > 0) {
      b.append(ms).append("ms");
    }
    return b.toString();
  }
}
