package dev.signalbox.exporter.splunkhec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.Secret;
import dev.signalbox.exporter.splunkhec.SplunkHecExporterConfig.HecMetadata;
import dev.signalbox.exporter.splunkhec.SplunkHecExporterConfig.OtelToHecFields;
import dev.signalbox.exporter.zipkin.ConfigFixtures;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplunkHecExporterConfigTest {
  static final SplunkHecExporterConfig DEFAULTS = new SplunkHecExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsSplunkHecDefaults() throws Exception {
    SplunkHecExporterConfig bound = ConfigFixtures.bindText("endpoint: https://splunk:8088/services/collector\n"
        + "token: abc", SplunkHecExporterConfig.class, DEFAULTS);

    assertThat(bound).isEqualTo(new SplunkHecExporterConfig(HttpClientConfig.defaults(
        "https://splunk:8088/services/collector").withTimeout(Duration.ofSeconds(10)), Secret.of("abc"), "", "", "",
        false, 2_097_152, 2_097_152, 2_097_152, "Signalbox", "", new HecMetadata("com.splunk.source",
        "com.splunk.sourcetype", "com.splunk.index", "host.name"),
        new OtelToHecFields("otel.log.severity.text", "otel.log.severity.number"), true, QueueConfig.defaults(),
        RetryConfig.defaults()));
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    SplunkHecExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml", SplunkHecExporterConfig.class,
        DEFAULTS, Map.of("SPLUNK_HEC_TOKEN", "00000000-0000-0000-0000-0000000000000"));

    assertThat(bound).isEqualTo(new SplunkHecExporterConfig(HttpClientConfig.defaults(
        "https://splunk:8088/services/collector").withTimeout(Duration.ofSeconds(20))
        .withTls(TlsClientConfig.defaults().withInsecureSkipVerify(true)),
        Secret.of("00000000-0000-0000-0000-0000000000000"), "telegen", "_json", "metrics", true, 1_048_576, 0,
        4_194_304, "my app", "1.2.3", new HecMetadata("mysource", "mysourcetype", "myindex", "myhost"),
        new OtelToHecFields("sev", "sevnum"), false, QueueConfig.defaults(), RetryConfig.defaults()));
    assertThat(bound.toString()).doesNotContain("00000000-0000");
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        SplunkHecExporterConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. https://splunk:8088/services/collector"));
    expected.put("no_token", List.of("token: must be set: the HEC token (e.g. token: \"${env:SPLUNK_HEC_TOKEN}\")"));
    expected.put("too_long", List.of("max_content_length_logs: must be between 0 (no limit) and 838860800, got "
        + "900000000"));
    expected.put("compression", List.of("compression: is not used by splunk_hec: bodies are gzip-compressed unless "
        + "disable_compression is true"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
