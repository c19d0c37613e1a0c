package dev.signalbox.sdk.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.ResourceMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResourceTest {
  static Map<String, AnyValue> resource(String job, String instance, String scheme) {
    ResourceMetrics rm = new ResourceMetrics();
    TargetResource.fill(rm.resource(), job, instance, scheme);
    return rm.resource().attributes().asMap();
  }

  @Test
  void asTheCollectorCreatesIt() {
    assertThat(resource("node", "db-1.example.com:9100", "http")).containsExactly(
        Map.entry("service.name", AnyValue.of("node")),
        Map.entry("server.address", AnyValue.of("db-1.example.com")),
        Map.entry("service.instance.id", AnyValue.of("db-1.example.com:9100")),
        Map.entry("server.port", AnyValue.of("9100")),
        Map.entry("url.scheme", AnyValue.of("http")));
  }

  @Test
  void loopbackAndUnspecifiedHostsAreNotServerAddresses() {
    assertThat(resource("j", "127.0.0.1:9100", "http")).doesNotContainKey("server.address");
    assertThat(resource("j", "localhost:9100", "http")).doesNotContainKey("server.address");
    assertThat(resource("j", "0.0.0.0:9100", "http")).doesNotContainKey("server.address");
    assertThat(resource("j", "[::1]:9100", "https")).doesNotContainKey("server.address")
        .containsEntry("server.port", AnyValue.of("9100"));
    assertThat(resource("j", "10.1.2.3:9100", "http")).containsEntry("server.address", AnyValue.of("10.1.2.3"));
    assertThat(resource("j", "host-without-port", "")).containsEntry("server.port", AnyValue.of(""))
        .doesNotContainKey("url.scheme");
  }
}
