package dev.signalbox.sdk.prometheus.translate;

import static dev.signalbox.sdk.prometheus.translate.PrometheusNaming.formatBound;
import static dev.signalbox.sdk.prometheus.translate.PrometheusNaming.labelName;
import static dev.signalbox.sdk.prometheus.translate.PrometheusNaming.metricName;
import static dev.signalbox.sdk.prometheus.translate.PrometheusNaming.prometheusUnit;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusNamingTest {
  static String gauge(String name, String unit) {
    return metricName(name, unit, FamilyType.GAUGE, true, "", true);
  }

  static String counter(String name, String unit) {
    return metricName(name, unit, FamilyType.COUNTER, false, "", true);
  }

  @Test
  void unitsBecomeWordSuffixes() {
    assertThat(gauge("system.filesystem.usage", "By")).isEqualTo("system_filesystem_usage_bytes");
    assertThat(metricName("http.server.duration", "ms", FamilyType.HISTOGRAM, false, "", true))
        .isEqualTo("http_server_duration_milliseconds");
    assertThat(gauge("temperature", "Cel")).isEqualTo("temperature_celsius");
    assertThat(gauge("disk.io", "KiBy")).isEqualTo("disk_io_kibibytes");
    assertThat(gauge("throughput", "By/s")).isEqualTo("throughput_bytes_per_second");
    assertThat(gauge("speed", "m/s")).isEqualTo("speed_meters_per_second");
    assertThat(gauge("rate", "1/s")).isEqualTo("rate_per_second");
    assertThat(gauge("packets", "{packet}/s")).isEqualTo("packets_per_second");
    assertThat(gauge("load", "kb")).isEqualTo("load_kb");
    assertThat(gauge("odd", "my unit")).isEqualTo("odd_my_unit");
  }

  @Test
  void annotationsAndUnitOneAddNoUnitButGaugesOfOneAreRatios() {
    assertThat(gauge("queue.size", "{item}")).isEqualTo("queue_size");
    assertThat(gauge("cpu.utilization", "1")).isEqualTo("cpu_utilization_ratio");
    assertThat(gauge("ratio.of.things", "1")).isEqualTo("of_things_ratio");
    assertThat(counter("requests", "1")).isEqualTo("requests_total");
    // a non-monotonic sum with unit 1 is a gauge but not an OTel gauge: no _ratio
    assertThat(metricName("items", "1", FamilyType.GAUGE, false, "", true)).isEqualTo("items");
  }

  @Test
  void countersEndWithTotalOnce() {
    assertThat(counter("http.server.requests", "{request}")).isEqualTo("http_server_requests_total");
    assertThat(counter("foo.total", "")).isEqualTo("foo_total");
    assertThat(counter("total.foo", "")).isEqualTo("foo_total");
    assertThat(counter("requests.total", "s")).isEqualTo("requests_seconds_total");
    assertThat(counter("process.cpu.seconds", "s")).isEqualTo("process_cpu_seconds_total");
    assertThat(counter("network.io", "By")).isEqualTo("network_io_bytes_total");
  }

  @Test
  void invalidCharactersAndRunsOfUnderscoresCollapseAndLeadingDigitsGetAnUnderscore() {
    assertThat(gauge("a__b..c", "")).isEqualTo("a_b_c");
    assertThat(gauge("_leading.and.trailing_", "")).isEqualTo("leading_and_trailing");
    assertThat(gauge("2xx.responses", "")).isEqualTo("_2xx_responses");
    assertThat(gauge("keeps:colons", "")).isEqualTo("keeps:colons");
    assertThat(gauge("grüße", "")).isEqualTo("gr_e");
    assertThat(gauge("...", "")).isEmpty();
  }

  @Test
  void namespaceIsPrependedAndSuffixesCanBeTurnedOff() {
    assertThat(metricName("requests", "", FamilyType.COUNTER, false, "app", true)).isEqualTo("app_requests_total");
    assertThat(metricName("2xx", "", FamilyType.GAUGE, true, "app", true)).isEqualTo("app_2xx");
    assertThat(metricName("http.server.duration", "ms", FamilyType.HISTOGRAM, false, "", false))
        .isEqualTo("http_server_duration");
    assertThat(metricName("requests", "1", FamilyType.COUNTER, false, "", false)).isEqualTo("requests");
    assertThat(metricName("cpu.utilization", "1", FamilyType.GAUGE, true, "", false)).isEqualTo("cpu_utilization");
    assertThat(PrometheusNaming.sanitizeMetricName("my-app")).isEqualTo("my_app");
  }

  @Test
  void prometheusUnitIsWhatTheSuffixSays() {
    assertThat(prometheusUnit("ms")).isEqualTo("milliseconds");
    assertThat(prometheusUnit("By/s")).isEqualTo("bytes_per_second");
    assertThat(prometheusUnit("{packet}")).isEmpty();
    assertThat(prometheusUnit("1")).isEmpty();
    assertThat(prometheusUnit("")).isEmpty();
  }

  @Test
  void labelNamesAreSanitizedAsTheSpecificationSays() {
    assertThat(labelName("http.method")).isEqualTo("http_method");
    assertThat(labelName("service.instance.id")).isEqualTo("service_instance_id");
    assertThat(labelName("a..b")).isEqualTo("a_b");
    assertThat(labelName("0abc")).isEqualTo("key_0abc");
    assertThat(labelName("_private")).isEqualTo("key_private");
    assertThat(labelName("__reserved__")).isEqualTo("key_reserved_");
    assertThat(labelName("üser")).isEqualTo("key_ser");
    assertThat(labelName("emoji😀x")).isEqualTo("emoji_x");
    assertThat(labelName("ok_name")).isEqualTo("ok_name");
    assertThat(labelName("")).isEmpty();
    assertThat(PrometheusNaming.externalLabelName("__tenant__")).isEqualTo("__tenant__");
    assertThat(PrometheusNaming.externalLabelName("cluster.name")).isEqualTo("cluster_name");
  }

  @Test
  void boundsAreFormattedAsGoFormatsThemWithoutExponent() {
    assertThat(formatBound(0.005)).isEqualTo("0.005");
    assertThat(formatBound(1.0)).isEqualTo("1");
    assertThat(formatBound(2.5)).isEqualTo("2.5");
    assertThat(formatBound(1e6)).isEqualTo("1000000");
    assertThat(formatBound(1e20)).isEqualTo("100000000000000000000");
    assertThat(formatBound(1e-7)).isEqualTo("0.0000001");
    assertThat(formatBound(-3)).isEqualTo("-3");
    assertThat(formatBound(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(formatBound(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(formatBound(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(formatBound(0)).isEqualTo("0");
  }

  @Test
  void theFastPathForPlainNamesAgreesWithTheFullTranslation() {
    java.util.Random r = new java.util.Random(7);
    char[] alphabet = {'a', 'Z', 'q', '0', '9', '_', '.', '-', ' ', 'é', '\uD83D', '\uDE00'};
    int plain = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(7);
      for (int j = 0; j < len; j++) {
        b.append(alphabet[r.nextInt(alphabet.length)]);
      }
      String key = b.toString();
      assertThat(labelName(key)).as("%s", key).isEqualTo(PrometheusNaming.computeLabelName(key));
      if (PrometheusNaming.isPlainLabelName(key)) {
        plain++;
        assertThat(PrometheusNaming.computeLabelName(key)).isEqualTo(key);
      }
    }
    assertThat(plain).isGreaterThan(500); // the fast path was exercised
    assertThat(PrometheusNaming.isPlainLabelName("device")).isTrue();
    assertThat(PrometheusNaming.isPlainLabelName("a__b")).isFalse();
    assertThat(PrometheusNaming.isPlainLabelName("_a")).isFalse();
    assertThat(PrometheusNaming.isPlainLabelName("1a")).isFalse();
    assertThat(PrometheusNaming.isPlainLabelName("host.name")).isFalse();
  }
}
