package dev.signalbox.receiver.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.config.ByteSize;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.sdk.http.HttpServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusRemoteWriteReceiverConfigTest {
  static PrometheusRemoteWriteReceiverConfig bind(String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("config.yaml", yaml), PrometheusRemoteWriteReceiverConfig.class,
        PrometheusRemoteWriteReceiverConfig.defaults(), name -> null);
  }

  @Test
  void defaultsAreTheCollectors() throws Exception {
    assertThat(bind("")).isEqualTo(new PrometheusRemoteWriteReceiverConfig(
        HttpServerConfig.defaults("localhost:9090"), 24));
  }

  @Test
  void fixtureBindsToTheWholeRecord() throws Exception {
    var c = bind("""
        endpoint: 0.0.0.0:19291
        max_request_body_size: 50MiB
        include_metadata: true
        read_header_timeout: 5s
        time_threshold: 0
        """);
    assertThat(c).isEqualTo(new PrometheusRemoteWriteReceiverConfig(HttpServerConfig.defaults("0.0.0.0:19291")
        .withMaxRequestBodySize(ByteSize.ofMiB(50)).withIncludeMetadata(true)
        .withTimeouts(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1)), 0));
  }

  @Test
  void invalidValuesSayWhere() {
    assertThatThrownBy(() -> bind("endpoint: \"\"\ntime_threshold: -1\n")).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
            "config.yaml:1:1 endpoint: must be set, e.g. localhost:4318",
            "config.yaml:2:1 time_threshold: must not be negative (hours; 0 keeps every sample)"));
  }
}
