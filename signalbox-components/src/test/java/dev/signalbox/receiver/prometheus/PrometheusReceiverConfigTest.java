package dev.signalbox.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config fixture bound whole, and invalid configs with their exact messages. */
class PrometheusReceiverConfigTest {
  static final String FIXTURE = """
      config:
        global:
          scrape_interval: 15s
          scrape_timeout: 5s
          external_labels: {region: eu-west}
        scrape_configs:
          - job_name: node
            static_configs:
              - targets: ["127.0.0.1:9100", "db-1:9100"]
                labels: {team: infra}
            metric_relabel_configs:
              - source_labels: [__name__]
                regex: "go_.*"
                action: drop
              - regex: "(.*)_idle"
                source_labels: [mode]
                target_label: state
                replacement: "$1"
          - job_name: app
            scrape_interval: 30s
            scrape_timeout: 10s
            metrics_path: /prom
            scheme: https
            params: {module: [http_2xx]}
            honor_labels: true
            honor_timestamps: false
            body_size_limit: 10MiB
            sample_limit: 5000
            follow_redirects: false
            basic_auth: {username: scraper, password: s3cret}
            tls_config: {insecure_skip_verify: true, server_name: app.internal, min_version: TLS13}
            static_configs: [{targets: ["app:8443"]}]
            relabel_configs:
              - {source_labels: [__address__], target_label: __param_target}
              - {action: labelmap, regex: "__meta_(.*)", replacement: "$${1}"}
              - {action: hashmod, source_labels: [__address__], modulus: 4, target_label: __tmp_shard}
              - {action: keep, source_labels: [__tmp_shard], regex: "0|1|2|3"}
      use_start_time_metric: true
      start_time_metric_regex: "^process_start_time_seconds$"
      """;

  static PrometheusReceiverConfig bind(String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("config.yaml", yaml), PrometheusReceiverConfig.class,
        PrometheusReceiverConfig.defaults(), name -> null);
  }

  @Test
  void fixtureBindsToTheWholeRecord() throws Exception {
    RelabelConfig defaults = RelabelConfig.defaults();
    var expected = new PrometheusReceiverConfig(new PromConfig(
        new GlobalConfig(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(1), Map.of("region", "eu-west")),
        List.of(
            new ScrapeConfig("node", null, null, "/metrics", "http", Map.of(), false, true, ByteSize.ofBytes(0), 0, true,
                null, null, Secret.EMPTY, "", TlsConfig.defaults(),
                List.of(new StaticConfig(List.of("127.0.0.1:9100", "db-1:9100"), Map.of("team", "infra"))),
                List.of(),
                List.of(new RelabelConfig(List.of("__name__"), ";", "go_.*", 0, "", "$1", "drop"),
                    new RelabelConfig(List.of("mode"), ";", "(.*)_idle", 0, "state", "$1", "replace"))),
            new ScrapeConfig("app", Duration.ofSeconds(30), Duration.ofSeconds(10), "/prom", "https",
                Map.of("module", List.of("http_2xx")), true, false, ByteSize.ofMiB(10), 5000, false,
                new BasicAuth("scraper", Secret.of("s3cret"), ""), null, Secret.EMPTY, "",
                new TlsConfig("", "", "", "app.internal", true, "TLS13"),
                List.of(new StaticConfig(List.of("app:8443"), Map.of())),
                List.of(new RelabelConfig(List.of("__address__"), ";", "(.*)", 0, "__param_target", "$1",
                        "replace"),
                    new RelabelConfig(List.of(), ";", "__meta_(.*)", 0, "", "${1}", "labelmap"),
                    new RelabelConfig(List.of("__address__"), ";", "(.*)", 4, "__tmp_shard", "$1", "hashmod"),
                    new RelabelConfig(List.of("__tmp_shard"), ";", "0|1|2|3", 0, "", "$1", "keep")),
                List.of()))),
        true, "^process_start_time_seconds$");
    assertThat(bind(FIXTURE)).isEqualTo(expected);
    assertThat(defaults).isEqualTo(new RelabelConfig(List.of(), ";", "(.*)", 0, "", "$1", "replace"));
  }

  @Test
  void intervalsAndTimeoutsFollowPrometheusDefaults() throws Exception {
    PrometheusReceiverConfig c = bind("""
        config:
          scrape_configs:
            - {job_name: a, static_configs: [{targets: ["x:1"]}]}
            - {job_name: b, scrape_interval: 5s, static_configs: [{targets: ["x:1"]}]}
        """);
    GlobalConfig g = c.config().global();
    assertThat(g).isEqualTo(GlobalConfig.defaults());
    ScrapeConfig a = c.config().scrapeConfigs().get(0);
    ScrapeConfig b = c.config().scrapeConfigs().get(1);
    assertThat(a.effectiveInterval(g)).isEqualTo(Duration.ofMinutes(1));
    assertThat(a.effectiveTimeout(g)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.effectiveTimeout(g)).as("the global timeout is capped at the job's interval")
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(a.effectiveBodySizeLimit()).isEqualTo(64L << 20);
    PrometheusReceiverConfig fast = bind("""
        config:
          global: {scrape_interval: 1s}
          scrape_configs:
            - {job_name: a, static_configs: [{targets: ["x:1"]}]}
            - {job_name: b, scrape_interval: 500ms, static_configs: [{targets: ["x:1"]}]}
        """);
    GlobalConfig fg = fast.config().global();
    assertThat(fg.effectiveScrapeTimeout()).as("an unwritten timeout is capped at the interval")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(fast.config().scrapeConfigs().get(1).effectiveTimeout(fg)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void secretsAreRedacted() throws Exception {
    assertThat(bind(FIXTURE).toString()).doesNotContain("s3cret").contains("[REDACTED]");
  }

  static void assertInvalid(String yaml, String... problems) {
    assertThatThrownBy(() -> bind(yaml)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(problems));
  }

  @Test
  void noScrapeConfigs() {
    assertInvalid("config: {global: {scrape_interval: 10s}}\n",
        "config.yaml:1:1 config.scrape_configs: must list at least one scrape config (job_name and static_configs)");
  }

  @Test
  void invalidScrapeConfigs() {
    assertInvalid("""
        config:
          scrape_configs:
            - job_name: a
              scrape_interval: 5s
              scrape_timeout: 10s
              scheme: ftp
              static_configs: [{targets: ["http://x:1/metrics"]}]
            - job_name: a
              static_configs: [{targets: ["x:1"]}]
              scrape_timeout: 2m
              basic_auth: {username: u}
              bearer_token: t
        """,
        "config.yaml:5:7 config.scrape_configs[0].scrape_timeout: scrape timeout (10s) is greater than the scrape"
            + " interval (5s) for job \"a\"",
        "config.yaml:6:7 config.scrape_configs[0].scheme: must be http or https, got \"ftp\"",
        "config.yaml:7:35 config.scrape_configs[0].static_configs[0].targets[0]: \"http://x:1/metrics\" is not a"
            + " valid hostname: write host:port without scheme or path (use scheme and metrics_path for those)",
        "config.yaml:8:7 config.scrape_configs[1].job_name: \"a\" is also the job name of scrape_configs[0]; job"
            + " names must be unique",
        "config.yaml:8:7 config.scrape_configs[1]: at most one of basic_auth, authorization and bearer_token /"
            + " bearer_token_file may be set",
        "config.yaml:10:7 config.scrape_configs[1].scrape_timeout: scrape timeout (2m) is greater than the scrape"
            + " interval (1m) for job \"a\"");
  }

  @Test
  void invalidRelabelConfigs() {
    assertInvalid("""
        config:
          scrape_configs:
            - job_name: a
              static_configs: [{targets: ["x:1"]}]
              relabel_configs:
                - {action: replace, source_labels: [a]}
                - {action: hashmod, target_label: t}
                - {action: labeldrop, regex: x, source_labels: [a]}
                - {action: keep, regex: "a(b"}
                - {action: dropp}
        """,
        "config.yaml:6:11 config.scrape_configs[0].relabel_configs[0].target_label: must be set for the replace action",
        "config.yaml:7:11 config.scrape_configs[0].relabel_configs[1].modulus: must be set (non-zero) for the hashmod"
            + " action",
        "config.yaml:8:11 config.scrape_configs[0].relabel_configs[2]: labeldrop action requires only 'regex', and no"
            + " other fields",
        "config.yaml:9:26 config.scrape_configs[0].relabel_configs[3].regex: invalid regular expression \"a(b\":"
            + " Unclosed group",
        "config.yaml:10:12 config.scrape_configs[0].relabel_configs[4].action: unknown relabel action \"dropp\";"
            + " expected one of: replace, keep, drop, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase,"
            + " keepequal, dropequal");
  }
}
