package dev.signalbox.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.DynamicIndex;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Flush;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.LogstashFormat;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Mapping;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.MappingMode;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Retry;
import dev.signalbox.exporter.zipkin.ConfigFixtures;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchExporterConfigTest {
  static final ElasticsearchExporterConfig DEFAULTS = new ElasticsearchExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsWithOurQueue() throws Exception {
    ElasticsearchExporterConfig bound = ConfigFixtures.bindText("endpoints: [http://localhost:9200]",
        ElasticsearchExporterConfig.class, DEFAULTS);

    assertThat(bound).isEqualTo(new ElasticsearchExporterConfig(HttpClientConfig.defaults()
        .withTimeout(Duration.ofSeconds(90)), List.of("http://localhost:9200"), "", 0, "logs-generic-default",
        new DynamicIndex(false), "traces-generic-default", new DynamicIndex(false), "", "", Secret.EMPTY,
        Secret.EMPTY, new Flush(ByteSize.ofBytes(5_000_000), Duration.ofSeconds(30)),
        new Retry(true, 0, 2, Duration.ofMillis(100), Duration.ofMinutes(1), List.of(429, 500, 502, 503, 504)),
        new Mapping(MappingMode.NONE, true), new LogstashFormat(false, "-", "%Y.%m.%d"), QueueConfig.defaults(),
        RetryConfig.disabled()));
    assertThat(bound.urls()).containsExactly("http://localhost:9200");
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    ElasticsearchExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml",
        ElasticsearchExporterConfig.class, DEFAULTS, Map.of("ELASTIC_PASSWORD", "s3cret"));

    HttpClientConfig client = HttpClientConfig.defaults().withTimeout(Duration.ofMinutes(2))
        .withHeaders(Map.of("myheader", Secret.of("test"))).withCompression("gzip");
    assertThat(bound).isEqualTo(new ElasticsearchExporterConfig(client,
        List.of("https://elasticsearch:9200", "https://elasticsearch-2:9200"), "", 4, "logs-telegen",
        new DynamicIndex(true), "traces-telegen", new DynamicIndex(true), "mypipeline", "elastic",
        Secret.of("s3cret"), Secret.EMPTY, new Flush(ByteSize.ofBytes(10_485_760), Duration.ofSeconds(5)),
        new Retry(true, 0, 5, Duration.ofMillis(200), Duration.ofSeconds(10), List.of(429, 503)),
        new Mapping(MappingMode.ECS, false), new LogstashFormat(true, "_", "%Y-%m"),
        QueueConfig.defaults().withNumConsumers(2).withQueueSize(10), RetryConfig.disabled()));
    assertThat(bound.toString()).doesNotContain("s3cret");
  }

  @Test
  void cloudIdGivesTheClusterUrl() {
    // "name:" + base64("us-east-1.aws.found.io$abc123$def456")
    String id = "name:" + java.util.Base64.getEncoder().encodeToString("us-east-1.aws.found.io$abc123$def456"
        .getBytes());
    assertThat(DEFAULTS.withEndpoints(List.of()).withClient(DEFAULTS.client()).urls()).isEmpty();
    assertThat(ElasticsearchExporterConfig.cloudUrl(id)).isEqualTo("https://abc123.us-east-1.aws.found.io");
  }

  @Test
  void maxRequestsIsTheDeprecatedAttemptsCount() {
    assertThat(new Retry(true, 3, 2, Duration.ofMillis(1), Duration.ofMillis(2), List.of()).effectiveMaxRetries())
        .isEqualTo(2);
    assertThat(new Retry(true, 0, 4, Duration.ofMillis(1), Duration.ofMillis(2), List.of()).effectiveMaxRetries())
        .isEqualTo(4);
    assertThat(new Retry(false, 0, 4, Duration.ofMillis(1), Duration.ofMillis(2), List.of()).effectiveMaxRetries())
        .isZero();
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        ElasticsearchExporterConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    String exactlyOne = "endpoints: exactly one of [endpoint, endpoints, cloudid] must be specified, e.g. endpoints: "
        + "[https://elastic.example.com:9200]";
    expected.put("no_endpoint", List.of(exactlyOne));
    expected.put("two_endpoint_keys", List.of(exactlyOne));
    expected.put("bad_endpoint", List.of("endpoints[0]: invalid URL \"es:9200\": expected http:// or https://"));
    expected.put("bad_cloudid", List.of("cloudid: invalid cloud id: the part after ':' is not base64"));
    expected.put("bad_mapping_mode", List.of("mapping.mode: expected one of: none, ecs, otel, raw, got 'bodymap'"));
    expected.put("bad_compression", List.of("compression: must be one of [none, gzip], got \"zstd\""));
    expected.put("bad_retry", List.of("retry.max_requests: must be >= 0, got -1",
        "retry.initial_interval: must be > 0, got PT0S"));
    expected.put("bad_flush", List.of("flush.bytes: must be > 0, got 0B"));
    expected.put("two_auths", List.of("api_key: must not be set together with user/password: choose one "
        + "authentication"));
    expected.put("empty_index", List.of("logs_index: must not be empty"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
