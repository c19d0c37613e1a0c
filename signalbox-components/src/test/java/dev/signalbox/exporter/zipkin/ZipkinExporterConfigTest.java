package dev.signalbox.exporter.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.zipkin.ZipkinExporterConfig.Format;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZipkinExporterConfigTest {
  static final ZipkinExporterConfig DEFAULTS = new ZipkinExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsZipkinExporterDefaults() throws Exception {
    ZipkinExporterConfig bound = ConfigFixtures.bindText("endpoint: http://zipkin:9411/api/v2/spans",
        ZipkinExporterConfig.class, DEFAULTS);

    assertThat(bound).isEqualTo(new ZipkinExporterConfig(
        new HttpClientConfig("http://zipkin:9411/api/v2/spans", "", TlsClientConfig.defaults(), ByteSize.ofBytes(0),
            ByteSize.ofBytes(512 * 1024), Duration.ofSeconds(5), Map.of(), "",
            HttpClientConfig.CompressionParams.defaults(), 100, 0, 0, Duration.ofSeconds(90), false, Duration.ZERO,
            Duration.ZERO, true),
        new QueueConfig(true, 10, 1000, QueueConfig.Sizer.REQUESTS, false, null, false, ByteSize.ofMiB(64)),
        new RetryConfig(true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofMinutes(5)),
        Format.JSON, "<missing service name>"));
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    ZipkinExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml", ZipkinExporterConfig.class, DEFAULTS,
        Map.of("ZIPKIN_TOKEN", "s3cret"));

    Map<String, Secret> headers = new LinkedHashMap<>();
    headers.put("authorization", Secret.of("Bearer s3cret"));
    assertThat(bound).isEqualTo(new ZipkinExporterConfig(
        new HttpClientConfig("https://somezipkin.target.com:9411/api/v2/spans", "",
            TlsClientConfig.defaults().withInsecureSkipVerify(true), ByteSize.ofBytes(0), ByteSize.ofBytes(512 * 1024),
            Duration.ofSeconds(10), headers, "gzip", HttpClientConfig.CompressionParams.defaults(), 100, 0, 0,
            Duration.ofSeconds(90), false, Duration.ZERO, Duration.ZERO, true),
        new QueueConfig(true, 2, 10, QueueConfig.Sizer.REQUESTS, false, null, false, ByteSize.ofMiB(64)),
        new RetryConfig(true, Duration.ofSeconds(10), 0.5, 1.5, Duration.ofSeconds(60), Duration.ofMinutes(10)),
        Format.PROTO, "test_name"));
    assertThat(bound.toString()).doesNotContain("s3cret");
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        ZipkinExporterConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. http://zipkin:9411/api/v2/spans"));
    expected.put("invalid_endpoint", List.of(
        "endpoint: invalid URL \"somezipkin:9411\": expected http:// or https://"));
    expected.put("invalid_format", List.of("format: expected one of: json, proto, got 'thrift'"));
    expected.put("invalid_compression", List.of("compression: unsupported compression type \"lz5\"; use gzip, zstd, "
        + "zlib, deflate, snappy, x-snappy-framed or none"));
    expected.put("invalid_retry", List.of("retry_on_failure.initial_interval: must be > 0, got PT0S"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
