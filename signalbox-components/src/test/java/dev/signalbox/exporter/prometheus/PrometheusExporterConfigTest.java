package dev.signalbox.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.exporter.prometheus.PrometheusExporterConfig.ResourceToTelemetry;
import dev.signalbox.exporter.prometheusremotewrite.ConfigFixtures;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.prometheus.translate.TranslationSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusExporterConfigTest {
  static final PrometheusExporterConfig DEFAULTS = new PrometheusExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectors() throws Exception {
    PrometheusExporterConfig bound = ConfigFixtures.bindText("endpoint: 127.0.0.1:8889", PrometheusExporterConfig.class,
        DEFAULTS);
    assertThat(bound).isEqualTo(new PrometheusExporterConfig(HttpServerConfig.defaults("127.0.0.1:8889"), "", Map.of(),
        false, Duration.ofMinutes(5), new ResourceToTelemetry(false, false), false, true));
    assertThat(bound.translationSettings()).isEqualTo(TranslationSettings.defaults());
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    PrometheusExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml", PrometheusExporterConfig.class,
        DEFAULTS, Map.of());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("label1", "value1");
    labels.put("another label", "spaced value");
    assertThat(bound).isEqualTo(new PrometheusExporterConfig(HttpServerConfig.defaults("1.2.3.4:1234"), "test-space",
        labels, true, Duration.ofMinutes(60), new ResourceToTelemetry(true, true), true, false));
    Map<String, String> sanitized = new LinkedHashMap<>();
    sanitized.put("label1", "value1");
    sanitized.put("another_label", "spaced value");
    assertThat(bound.translationSettings()).isEqualTo(new TranslationSettings("test_space", false, sanitized, true,
        true, true, true));
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        PrometheusExporterConfig.class, DEFAULTS);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. localhost:4318"));
    expected.put("bad_endpoint", problems.get("bad_endpoint"));
    expected.put("zero_expiration", List.of("metric_expiration: must be > 0, got PT0S"));
    expected.put("empty_const_label", List.of("const_labels.cluster: const labels need a non-empty name and value"));
    assertThat(problems).containsExactlyEntriesOf(expected);
    assertThat(problems.get("bad_endpoint")).singleElement().asString().startsWith("endpoint: ");
  }
}
