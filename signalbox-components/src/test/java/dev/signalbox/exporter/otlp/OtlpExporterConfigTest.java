package dev.signalbox.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.otlpcommon.Fixtures;
import dev.signalbox.sdk.exporterhelper.QueueBatchConfig;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpExporterConfigTest {
  private static final OtlpExporterConfig DEFAULTS = new OtlpExporterFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsOtlpExporterDefaults() throws Exception {
    OtlpExporterConfig bound = Fixtures.bindText("endpoint: backend:4317", OtlpExporterConfig.class, DEFAULTS);

    assertThat(bound).isEqualTo(new OtlpExporterConfig(
        new TimeoutConfig(Duration.ofSeconds(5)),
        new QueueConfig(true, 10, 1000, QueueConfig.Sizer.REQUESTS, false, null, false, ByteSize.ofMiB(64)),
        new RetryConfig(true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofMinutes(5)),
        new GrpcClientConfig("backend:4317", "gzip", TlsClientConfig.defaults(), Map.of(), null,
            ByteSize.ofBytes(0), ByteSize.ofBytes(512 * 1024), false, "round_robin", "", "")));
    assertThat(bound.client().tls().insecure()).isFalse();
    assertThat(bound.client().keepalive()).isNull();
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    OtlpExporterConfig bound = Fixtures.bind(getClass(), "config.yaml", OtlpExporterConfig.class, DEFAULTS,
        Map.of("TOKEN", "s3cret"));

    Map<String, Secret> headers = new LinkedHashMap<>();
    headers.put("x-scope-orgid", Secret.of("F0000000-0000-0000-0000-000000000000"));
    headers.put("header1", Secret.of("234"));
    headers.put("authorization", Secret.of("Bearer s3cret"));
    assertThat(bound).isEqualTo(new OtlpExporterConfig(
        new TimeoutConfig(Duration.ofSeconds(10)),
        new QueueConfig(true, 2, 100_000, QueueConfig.Sizer.ITEMS, false, null, false, ByteSize.ofMiB(128)),
        new RetryConfig(true, Duration.ofSeconds(10), 0.7, 1.3, Duration.ofSeconds(60), Duration.ofMinutes(10)),
        new GrpcClientConfig("1.2.3.4:1234", "zstd",
            minVersion(TlsClientConfig.defaults().withInsecureSkipVerify(true)
                .withServerNameOverride("backend.example.com"), "1.3"),
            headers, new GrpcClientConfig.Keepalive(Duration.ofSeconds(20), Duration.ofSeconds(30), true),
            ByteSize.ofBytes(64 * 1024), ByteSize.ofMiB(1), true, "pick_first", "backend.example.com", "")));
    assertThat(bound.toString()).doesNotContain("s3cret");
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = Fixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        OtlpExporterConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. otel.example.com:4317"));
    expected.put("https_endpoint", List.of("endpoint: address is empty; expected host:port, e.g. localhost:4317"));
    expected.put("missing_port", List.of(
        "endpoint: invalid address \"example.com\": missing port, expected host:port, e.g. example.com:4317"));
    expected.put("invalid_port", List.of("endpoint: invalid address \"example.com:port\": invalid port \"port\""));
    expected.put("path_in_endpoint", List.of(
        "endpoint: invalid endpoint \"example.com:4317/v1/traces\": expected host:port, with no path"));
    expected.put("unix_socket", List.of("endpoint: unix sockets are not supported"));
    expected.put("invalid_compression", List.of(
        "compression: unsupported compression type \"lz4\"; use gzip, zstd, snappy or none"));
    expected.put("invalid_timeout", List.of("timeout: must be >= 0 (0 = no timeout), got PT-5S"));
    expected.put("invalid_retry", List.of("retry_on_failure.randomization_factor: must be in [0, 1], got -5.0"));
    expected.put("invalid_queue", List.of("sending_queue.num_consumers: must be > 0, got 0"));
    expected.put("invalid_queue_batch", List.of("sending_queue.batch.flush_timeout: must be greater than 0, got PT0S",
        "sending_queue.batch.sizer: must be items or bytes, got requests"));
    expected.put("invalid_tls", List.of("tls.min_version: unsupported TLS version \"asd\"; use 1.0, 1.1, 1.2 or 1.3"));
    expected.put("invalid_balancer", List.of(
        "balancer_name: invalid balancer_name: random; use round_robin or pick_first"));
    expected.put("invalid_header", List.of("headers: invalid gRPC metadata key \"has space\""));
    expected.put("unknown_key", List.of("compresion: unknown key 'compresion'; did you mean 'compression'?"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }

  @Test
  void sendingQueueBatchIsPresentOnlyWhenWrittenWithTheCollectorsDefaults() throws Exception {
    assertThat(Fixtures.bindText("endpoint: b:4317", OtlpExporterConfig.class, DEFAULTS).sendingQueue().batch())
        .isNull();
    assertThat(Fixtures.bindText("endpoint: b:4317\nsending_queue:\n  batch:\n", OtlpExporterConfig.class, DEFAULTS)
        .sendingQueue().batch()).isEqualTo(QueueBatchConfig.defaults());
    assertThat(Fixtures.bindText("endpoint: b:4317\nsending_queue:\n  batch: {min_size: 1000, max_size: 2000,"
            + " sizer: bytes, flush_timeout: 1s}\n", OtlpExporterConfig.class, DEFAULTS).sendingQueue().batch())
        .isEqualTo(new QueueBatchConfig(Duration.ofSeconds(1), 1000, 2000, QueueConfig.Sizer.BYTES));
  }

  static TlsClientConfig minVersion(TlsClientConfig t, String v) {
    return new TlsClientConfig(t.caFile(), t.caPem(), t.certFile(), t.certPem(), t.keyFile(), t.keyPem(), v,
        t.maxVersion(), t.cipherSuites(), t.includeInsecureCipherSuites(), t.curvePreferences(),
        t.includeSystemCaCertsPool(), t.reloadInterval(), t.insecure(), t.insecureSkipVerify(), t.serverNameOverride());
  }
}
