package dev.signalbox.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.otlpcommon.Fixtures;
import dev.signalbox.exporter.otlphttp.OtlpHttpExporterConfig.Encoding;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpHttpExporterConfigTest {
  private static final OtlpHttpExporterConfig DEFAULTS = new OtlpHttpExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsOtlpHttpExporterDefaults() throws Exception {
    OtlpHttpExporterConfig bound = Fixtures.bindText("endpoint: https://backend:4318", OtlpHttpExporterConfig.class,
        DEFAULTS);

    assertThat(bound).isEqualTo(new OtlpHttpExporterConfig(
        new HttpClientConfig("https://backend:4318", "", TlsClientConfig.defaults(), ByteSize.ofBytes(0),
            ByteSize.ofBytes(512 * 1024), Duration.ofSeconds(30), Map.of(), "gzip",
            HttpClientConfig.CompressionParams.defaults(), 100, 0, 0, Duration.ofSeconds(90), false, Duration.ZERO,
            Duration.ZERO, true),
        new QueueConfig(true, 10, 1000, QueueConfig.Sizer.REQUESTS, false, null, false, ByteSize.ofMiB(64)),
        new RetryConfig(true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofMinutes(5)),
        "", "", "", "", Encoding.PROTO));
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    OtlpHttpExporterConfig bound = Fixtures.bind(getClass(), "config.yaml", OtlpHttpExporterConfig.class, DEFAULTS,
        Map.of("TOKEN", "s3cret"));

    Map<String, Secret> headers = new LinkedHashMap<>();
    headers.put("can-you-have-a.here", Secret.of("F0000000-0000-0000-0000-000000000000"));
    headers.put("header1", Secret.of("234"));
    headers.put("authorization", Secret.of("Bearer s3cret"));
    assertThat(bound).isEqualTo(new OtlpHttpExporterConfig(
        new HttpClientConfig("https://1.2.3.4:1234", "http://proxy.internal:3128",
            TlsClientConfig.defaults().withInsecureSkipVerify(true).withServerNameOverride("backend.example.com"),
            ByteSize.ofBytes(123), ByteSize.ofBytes(345), Duration.ofSeconds(10), headers, "zstd",
            HttpClientConfig.CompressionParams.defaults(), 100, 0, 0, Duration.ofSeconds(90), false, Duration.ZERO,
            Duration.ZERO, true),
        new QueueConfig(true, 2, 10, QueueConfig.Sizer.REQUESTS, false, null, false, ByteSize.ofMiB(64)),
        new RetryConfig(true, Duration.ofSeconds(10), 0.7, 1.3, Duration.ofSeconds(60), Duration.ofMinutes(10)),
        "https://traces.example.com/ingest/traces", "", "",
        "https://custom.profiles.endpoint:8080/v1development/profiles", Encoding.JSON));
    assertThat(bound.toString()).doesNotContain("s3cret");
    assertThat(bound.url(Signal.TRACES)).isEqualTo("https://traces.example.com/ingest/traces");
    assertThat(bound.url(Signal.METRICS)).isEqualTo("https://1.2.3.4:1234/v1/metrics");
    assertThat(bound.url(Signal.LOGS)).isEqualTo("https://1.2.3.4:1234/v1/logs");
    assertThat(bound.url(Signal.PROFILES)).isEqualTo("https://custom.profiles.endpoint:8080/v1development/profiles");
  }

  @Test
  void appendsSignalPathsToTheEndpointWithOneSlash() {
    assertThat(OtlpHttpExporterConfig.defaults("http://h:4318/").url(Signal.TRACES)).isEqualTo("http://h:4318/v1/traces");
    assertThat(OtlpHttpExporterConfig.defaults("http://h:4318/otlp").url(Signal.PROFILES))
        .isEqualTo("http://h:4318/otlp/v1development/profiles");
    assertThat(OtlpHttpExporterConfig.defaults().url(Signal.LOGS)).isEmpty();
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = Fixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        OtlpHttpExporterConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. https://otel.example.com:4318 (or set "
        + "traces_endpoint, metrics_endpoint, logs_endpoint or profiles_endpoint for each signal)"));
    expected.put("invalid_endpoint", List.of("endpoint: invalid URL \"ftp://example.com\": expected http:// or https://"));
    expected.put("invalid_traces_endpoint", List.of(
        "traces_endpoint: invalid URL \"example.com/v1/traces\": expected http:// or https://"));
    expected.put("invalid_compression", List.of("compression: unsupported compression type \"lz4\"; use gzip, zstd, "
        + "zlib, deflate, snappy, x-snappy-framed or none"));
    expected.put("invalid_encoding", List.of("encoding: expected one of: proto, json, got 'xml'"));
    expected.put("invalid_timeout", List.of("timeout: must not be negative"));
    expected.put("invalid_retry", List.of("retry_on_failure.multiplier: must be >= 1, got 0.5"));
    expected.put("invalid_header", List.of("headers: header \"Content-Length\" cannot be set"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
