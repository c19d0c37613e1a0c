package dev.signalbox.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig.RemoteWriteQueue;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig.ResourceToTelemetry;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig.TargetInfo;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.prometheus.translate.TranslationSettings;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusRemoteWriteExporterConfigTest {
  static final PrometheusRemoteWriteExporterConfig DEFAULTS = new PrometheusRemoteWriteExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsForThisExporter() throws Exception {
    PrometheusRemoteWriteExporterConfig bound = ConfigFixtures.bindText("endpoint: http://prom:9090/api/v1/write",
        PrometheusRemoteWriteExporterConfig.class, DEFAULTS);
    assertThat(bound).isEqualTo(new PrometheusRemoteWriteExporterConfig(
        new HttpClientConfig("http://prom:9090/api/v1/write", "", TlsClientConfig.defaults(), ByteSize.ofBytes(0),
            ByteSize.ofBytes(512 * 1024), Duration.ofSeconds(5), Map.of(), "",
            HttpClientConfig.CompressionParams.defaults(), 100, 0, 0, Duration.ofSeconds(90), false, Duration.ZERO,
            Duration.ZERO, true),
        new RetryConfig(true, Duration.ofMillis(50), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofMinutes(5)),
        "", new RemoteWriteQueue(true, 10_000, 5), Map.of(), 3_000_000, 0, new ResourceToTelemetry(false, false),
        new TargetInfo(true), false, true, false, null));
    // one consumer whatever num_consumers says: batches go out in order
    assertThat(bound.queueConfig()).isEqualTo(QueueConfig.defaults().withNumConsumers(1).withQueueSize(10_000));
    assertThat(bound.effectiveParallelism()).isEqualTo(5);
    assertThat(bound.translationSettings()).isEqualTo(TranslationSettings.defaults());
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    PrometheusRemoteWriteExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml",
        PrometheusRemoteWriteExporterConfig.class, DEFAULTS, Map.of("TOKEN", "s3cret"));
    Map<String, Secret> headers = new LinkedHashMap<>();
    headers.put("X-Scope-OrgID", Secret.of("234"));
    headers.put("Authorization", Secret.of("Bearer s3cret"));
    Map<String, String> external = new LinkedHashMap<>();
    external.put("key1", "value1");
    external.put("key2", "value2");
    assertThat(bound).isEqualTo(new PrometheusRemoteWriteExporterConfig(
        new HttpClientConfig("http://localhost:8080/api/v1/write", "",
            TlsClientConfig.defaults().withInsecureSkipVerify(true).withServerNameOverride("prom.example.com"),
            ByteSize.ofBytes(0), ByteSize.ofBytes(524288), Duration.ofSeconds(10), headers, "snappy",
            HttpClientConfig.CompressionParams.defaults(), 100, 0, 0, Duration.ofSeconds(90), false, Duration.ZERO,
            Duration.ZERO, true),
        new RetryConfig(true, Duration.ofSeconds(10), 0.5, 1.5, Duration.ofSeconds(60), Duration.ofMinutes(10)),
        "test-space", new RemoteWriteQueue(true, 2000, 10), external, 1_000_000, 3,
        new ResourceToTelemetry(true, true), new TargetInfo(false), true, false, true, null));
    assertThat(bound.toString()).doesNotContain("s3cret");
    assertThat(bound.effectiveParallelism()).isEqualTo(3);
    assertThat(bound.queueConfig().queueSize()).isEqualTo(2000);
    assertThat(bound.queueConfig().numConsumers()).isEqualTo(1);
    assertThat(bound.translationSettings()).isEqualTo(new TranslationSettings("test_space", false, external, true, true,
        false, false));
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        PrometheusRemoteWriteExporterConfig.class, DEFAULTS);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of(
        "endpoint: must be set to the remote write URL, e.g. http://prometheus:9090/api/v1/write"));
    expected.put("invalid_endpoint", List.of(
        "endpoint: invalid URL \"localhost:9090/api/v1/write\": expected http:// or https://"));
    expected.put("compression_not_snappy", List.of(
        "compression: must be snappy or empty: remote write bodies are always snappy-compressed, got \"gzip\""));
    expected.put("reserved_header", List.of(
        "headers.X-Prometheus-Remote-Write-Version: is set by the exporter and cannot be changed"));
    expected.put("negative_queue_size", List.of("remote_write_queue.queue_size: must not be negative, got -1"));
    expected.put("zero_queue_size", List.of(
        "remote_write_queue.queue_size: must be > 0 when the queue is enabled (a 0 size queue would drop all the data)"));
    expected.put("negative_num_consumers", List.of("remote_write_queue.num_consumers: must not be negative, got -2"));
    expected.put("negative_batch_size", List.of("max_batch_size_bytes: must be > 0, got -1"));
    expected.put("empty_external_label", List.of(
        "external_labels.cluster: external labels need a non-empty name and value"));
    expected.put("wal", List.of("wal: is not supported: remove it; batches wait in remote_write_queue (in memory) "
        + "and are retried per retry_on_failure"));
    expected.put("bad_retry", List.of("retry_on_failure.multiplier: must be >= 1, got 0.5"));
    expected.put("misspelt_key", List.of(
        "max_batch_size: unknown key 'max_batch_size'; did you mean 'max_batch_size_bytes'?"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
