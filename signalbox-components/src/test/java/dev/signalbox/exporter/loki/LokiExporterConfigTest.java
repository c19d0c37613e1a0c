package dev.signalbox.exporter.loki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.Secret;
import dev.signalbox.exporter.loki.LokiExporterConfig.Encoding;
import dev.signalbox.exporter.zipkin.ConfigFixtures;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiExporterConfigTest {
  static final LokiExporterConfig DEFAULTS = new LokiExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsLokiExporterDefaults() throws Exception {
    LokiExporterConfig bound = ConfigFixtures.bindText("endpoint: http://loki:3100/loki/api/v1/push",
        LokiExporterConfig.class, DEFAULTS);

    assertThat(bound).isEqualTo(new LokiExporterConfig(HttpClientConfig.defaults("http://loki:3100/loki/api/v1/push")
        .withTimeout(Duration.ofSeconds(30)), QueueConfig.defaults(), RetryConfig.defaults(), Map.of(), "",
        Encoding.PROTOBUF));
    assertThat(bound.labelEnabled("level")).isTrue();
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    LokiExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml", LokiExporterConfig.class, DEFAULTS,
        Map.of("TENANT_ID", "team-a"));

    Map<String, Boolean> labels = new LinkedHashMap<>();
    labels.put("exporter", true);
    labels.put("job", true);
    labels.put("instance", false);
    labels.put("level", false);
    assertThat(bound).isEqualTo(new LokiExporterConfig(HttpClientConfig.defaults("http://loki:3100/loki/api/v1/push")
        .withTimeout(Duration.ofSeconds(10)).withHeaders(Map.of("X-Custom", Secret.of("abc"))).withCompression("gzip"),
        QueueConfig.defaults().withNumConsumers(2), RetryConfig.defaults().withMaxElapsedTime(Duration.ofMinutes(1)),
        labels, "team-a", Encoding.JSON));
    assertThat(bound.labelEnabled("instance")).isFalse();
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        LokiExporterConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. http://loki:3100/loki/api/v1/push"));
    expected.put("bad_default_label", List.of("default_labels_enabled: \"service\" is not a default label; use "
        + "exporter, job, instance or level"));
    expected.put("bad_encoding", List.of("encoding: expected one of: protobuf, json, got 'snappy'"));
    expected.put("compressed_protobuf", List.of("compression: the protobuf push body is snappy compressed already; "
        + "remove compression or use encoding: json"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
