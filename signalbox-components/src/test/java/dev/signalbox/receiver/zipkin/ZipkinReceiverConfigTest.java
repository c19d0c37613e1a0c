package dev.signalbox.receiver.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.exporter.zipkin.ConfigFixtures;
import dev.signalbox.sdk.http.CorsConfig;
import dev.signalbox.sdk.http.HttpServerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZipkinReceiverConfigTest {
  static final ZipkinReceiverConfig DEFAULTS = new ZipkinReceiverFactory().defaultConfig();

  @Test
  void defaultsAreTheCollectorsZipkinReceiverDefaults() throws Exception {
    assertThat(ConfigFixtures.bindText("", ZipkinReceiverConfig.class, DEFAULTS))
        .isEqualTo(new ZipkinReceiverConfig(HttpServerConfig.defaults("localhost:9411"), false));
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    ZipkinReceiverConfig bound = ConfigFixtures.bind(getClass(), "config.yaml", ZipkinReceiverConfig.class, DEFAULTS,
        Map.of());

    assertThat(bound).isEqualTo(new ZipkinReceiverConfig(HttpServerConfig.defaults("localhost:8765")
        .withMaxRequestBodySize(ByteSize.ofMiB(1)).withIncludeMetadata(true)
        .withCors(CorsConfig.allowing("https://*.example.com")), true));
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        ZipkinReceiverConfig.class, DEFAULTS);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("empty_endpoint", List.of("endpoint: must be set, e.g. localhost:4318"));
    expected.put("invalid_endpoint", List.of("endpoint: invalid address \"localhost:port\": invalid port \"port\""));
    expected.put("invalid_compression", List.of("compression_algorithms[1]: unsupported compression algorithm "
        + "\"brotli\"; supported: \"\", \"gzip\", \"zlib\", \"deflate\", \"zstd\", \"snappy\", \"x-snappy-framed\""));
    expected.put("not_a_bool", List.of("parse_string_tags: expected true or false, got 'sometimes'"));
    assertThat(problems).containsExactlyEntriesOf(expected);
  }
}
