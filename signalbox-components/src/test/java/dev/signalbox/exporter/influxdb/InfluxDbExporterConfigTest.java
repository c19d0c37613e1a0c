package dev.signalbox.exporter.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.influxdb.InfluxDbExporterConfig.Precision;
import dev.signalbox.exporter.influxdb.InfluxDbExporterConfig.V1Compatibility;
import dev.signalbox.exporter.prometheusremotewrite.ConfigFixtures;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxDbExporterConfigTest {
  static final InfluxDbExporterConfig DEFAULTS = new InfluxDbExporterFactory().defaultConfig();

  static HttpClientConfig client(String endpoint, Duration timeout, Map<String, Secret> headers, String compression) {
    return new HttpClientConfig(endpoint, "", TlsClientConfig.defaults(), ByteSize.ofBytes(0), ByteSize.ofBytes(0),
        timeout, headers, compression, HttpClientConfig.CompressionParams.defaults(), 100, 0, 0,
        Duration.ofSeconds(90), false, Duration.ZERO, Duration.ZERO, true);
  }

  @Test
  void defaultsAreTheCollectors() throws Exception {
    InfluxDbExporterConfig bound = ConfigFixtures.bindText("endpoint: http://influx:8086\norg: o\nbucket: b",
        InfluxDbExporterConfig.class, DEFAULTS);
    assertThat(bound).isEqualTo(new InfluxDbExporterConfig(
        client("http://influx:8086", Duration.ofSeconds(5), Map.of("User-Agent", Secret.of("OpenTelemetry -> Influx")),
            ""),
        QueueConfig.defaults(), RetryConfig.defaults(), "o", "b", Secret.EMPTY, V1Compatibility.defaults(),
        "telegraf-prometheus-v1", 10_000, 10_000_000, Precision.NS));
    assertThat(bound.writeUri()).hasToString("http://influx:8086/api/v2/write?org=o&bucket=b&precision=ns");
  }

  @Test
  void bindsEveryKeyOfTheFixture() throws Exception {
    InfluxDbExporterConfig bound = ConfigFixtures.bind(getClass(), "config.yaml", InfluxDbExporterConfig.class,
        DEFAULTS, Map.of("INFLUX_TOKEN", "t0ken", "INFLUX_PASSWORD", "pa55"));
    Map<String, Secret> headers = new LinkedHashMap<>();
    headers.put("User-Agent", Secret.of("my-agent"));
    assertThat(bound).isEqualTo(new InfluxDbExporterConfig(
        client("http://localhost:8080", Duration.ofMillis(500), headers, "gzip"),
        QueueConfig.defaults().withNumConsumers(3).withQueueSize(10),
        new RetryConfig(true, Duration.ofSeconds(1), 0.5, 1.5, Duration.ofSeconds(3), Duration.ofSeconds(10)),
        "my-org", "my-bucket", Secret.of("t0ken"),
        new V1Compatibility(false, "telemetry", "autogen", "user", Secret.of("pa55")),
        "telegraf-prometheus-v2", 100, 1000, Precision.MS));
    assertThat(bound.toString()).doesNotContain("t0ken").doesNotContain("pa55");
    assertThat(bound.writeUri()).hasToString(
        "http://localhost:8080/api/v2/write?org=my-org&bucket=my-bucket&precision=ms");
  }

  @Test
  void writeUrlOfV1KeepsAGivenPathAndAddsDbRetentionPolicyAndPrecision() {
    InfluxDbExporterConfig d = DEFAULTS;
    InfluxDbExporterConfig v1 = d.withV1Compatibility(new V1Compatibility(true, "my db", "rp1", "", Secret.EMPTY));
    assertThat(v1.withClient(d.client().withEndpoint("http://h:8086/")).withPrecision(Precision.US).writeUri())
        .hasToString("http://h:8086/write?db=my+db&rp=rp1&precision=u");
    assertThat(v1.withClient(d.client().withEndpoint("https://h/influx/write")).writeUri())
        .hasToString("https://h/influx/write?db=my+db&rp=rp1&precision=n");
  }

  @Test
  void reportsEachInvalidConfigWithItsKey() {
    Map<String, List<String>> problems = ConfigFixtures.problemsByCase(getClass(), "invalid_configs.yaml",
        InfluxDbExporterConfig.class, DEFAULTS);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("no_endpoint", List.of("endpoint: must be set, e.g. http://influxdb:8086"));
    expected.put("v2_without_org_and_bucket", List.of(
        "org: must be set (or enable v1_compatibility for InfluxDB 1.x)",
        "bucket: must be set (or enable v1_compatibility for InfluxDB 1.x)"));
    expected.put("v1_without_db", List.of("v1_compatibility.db: must be set when v1_compatibility is enabled"));
    expected.put("unknown_schema", List.of("metrics_schema: must be telegraf-prometheus-v1 or telegraf-prometheus-v2, "
        + "got \"telegraf-prometheus-v3\""));
    expected.put("bad_payload_limits", List.of("payload_max_lines: must be > 0, got 0",
        "payload_max_bytes: must be > 0, got -1"));
    expected.put("bad_precision", problems.get("bad_precision"));
    assertThat(problems).containsExactlyEntriesOf(expected);
    assertThat(problems.get("bad_precision")).singleElement().asString().startsWith("precision: ")
        .contains("ns, us, ms, s");
  }
}
