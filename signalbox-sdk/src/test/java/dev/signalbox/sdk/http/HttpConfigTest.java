package dev.signalbox.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

  private static List<String> problems(ConfigBlock block) {
    Problems p = new Problems();
    block.validate(p);
    return p.all().stream().map(Problems.Problem::toString).toList();
  }

  @Test
  void serverDefaultsAreTheCollectors() {
    HttpServerConfig d = HttpServerConfig.defaults();
    assertThat(d).isEqualTo(new HttpServerConfig("", null, null, ByteSize.ofMiB(20), false, Map.of(),
        List.of("", "gzip", "zlib", "deflate", "zstd", "snappy", "x-snappy-framed"), Duration.ZERO,
        Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1), true));
    assertThat(d.effectiveMaxRequestBodySize()).isEqualTo(20L << 20);
    assertThat(d.acceptedCompressions()).containsExactly(Compression.values());
    assertThat(CorsConfig.defaults()).isEqualTo(new CorsConfig(List.of(), List.of(), List.of(), 0));
  }

  @Test
  void zeroBodySizeMeansTheDefaultAsInTheCollector() {
    assertThat(HttpServerConfig.defaults().withMaxRequestBodySize(ByteSize.ofBytes(0)).effectiveMaxRequestBodySize())
        .isEqualTo(20L << 20);
  }

  @Test
  void serverValidationNamesKeys() {
    var bad = new HttpServerConfig("localhost", null, null, null, false, Map.of("Bad Header", Secret.of("x")),
        List.of("gzip", "lz4"), Duration.ofSeconds(-1), null, null, null, true);
    assertThat(problems(bad)).containsExactly(
        "endpoint: invalid address \"localhost\": missing port, expected host:port, e.g. localhost:4317",
        "compression_algorithms[1]: unsupported compression algorithm \"lz4\"; supported: \"\", \"gzip\", \"zlib\", "
            + "\"deflate\", \"zstd\", \"snappy\", \"x-snappy-framed\"",
        "response_headers: invalid header name \"Bad Header\"",
        "read_timeout: must not be negative");
    assertThat(problems(HttpServerConfig.defaults())).containsExactly("endpoint: must be set, e.g. localhost:4318");
    assertThat(problems(HttpServerConfig.defaults("[::1]:4318"))).isEmpty();
    assertThat(HttpServerConfig.defaults(":4318").listenAddresses()).containsExactly(":4318");
  }

  @Test
  void corsValidation() {
    assertThat(problems(new CorsConfig(List.of("https://*.*.example.com", ""), null, null, -1))).containsExactly(
        "allowed_origins[0]: at most one '*' wildcard per origin: \"https://*.*.example.com\"",
        "allowed_origins[1]: must not be empty",
        "max_age: must not be negative");
  }

  @Test
  void clientDefaultsAreTheCollectors() {
    HttpClientConfig d = HttpClientConfig.defaults();
    assertThat(d.endpoint()).isEmpty();
    assertThat(d.timeout()).isZero();
    assertThat(d.compression()).isEmpty();
    assertThat(d.effectiveCompression()).isEqualTo(Compression.NONE);
    assertThat(d.maxIdleConns()).isEqualTo(100);
    assertThat(d.maxIdleConnsPerHost()).isZero();
    assertThat(d.maxConnsPerHost()).isZero();
    assertThat(d.idleConnTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.forceAttemptHttp2()).isTrue();
    assertThat(d.disableKeepAlives()).isFalse();
    assertThat(d.tls()).isEqualTo(TlsClientConfig.defaults());
    assertThat(d.headers()).isEmpty();
    assertThat(d.compressionParams().level()).isZero();
    assertThat(d.proxyUrl()).isEmpty();
    assertThat(problems(d)).isEmpty();
  }

  @Test
  void clientValidationNamesKeysAndNeverPrintsSecrets() {
    var bad = HttpClientConfig.defaults("otel:4318").withProxyUrl("socks5://proxy:1080").withCompression("lz4")
        .withHeaders(Map.of("Host", Secret.of("s3cret"), "X-Ok", Secret.of("line\nbreak"))).withTimeout(Duration.ofSeconds(-1));
    assertThat(problems(bad)).containsExactlyInAnyOrder(
        "endpoint: invalid URL \"otel:4318\": expected http:// or https://",
        "proxy_url: expected http://host:port, got \"socks5://proxy:1080\"",
        "compression: unsupported compression type \"lz4\"; use gzip, zstd, zlib, deflate, snappy, x-snappy-framed or none",
        "timeout: must not be negative",
        "headers: header \"Host\" cannot be set",
        "headers: invalid value for header \"X-Ok\"");
    assertThat(String.join("\n", problems(bad))).doesNotContain("s3cret");
    assertThat(problems(HttpClientConfig.defaults().withProxyUrl("http://user:pw@proxy:3128")))
        .containsExactly("proxy_url: credentials in proxy_url are not supported");
    var level = new HttpClientConfig("https://x:4318", "", null, null, null, null, null, "snappy",
        new HttpClientConfig.CompressionParams(5), 100, 0, 0, null, false, null, null, true);
    assertThat(problems(level))
        .containsExactly("compression_params.level: unsupported level 5 for compression type \"snappy\"");
  }

  @Test
  void headersNeverShowInToString() {
    var c = HttpClientConfig.defaults().withHeaders(Map.of("Authorization", Secret.of("Bearer s3cret")));
    assertThat(c.toString()).doesNotContain("s3cret").contains("[REDACTED]");
  }
}
