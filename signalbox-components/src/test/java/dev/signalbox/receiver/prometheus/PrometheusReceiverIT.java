package dev.signalbox.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.MetricType;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.prometheus.scrape.Exposition;
import dev.signalbox.sdk.prometheus.scrape.ExpositionFormat;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParser;
import dev.signalbox.sdk.prometheus.scrape.FamilyMetadata;
import dev.signalbox.sdk.prometheus.scrape.Sample;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import dev.signalbox.testing.backends.NodeExporter;
import dev.signalbox.testing.backends.PrometheusAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receiver scraping a real node_exporter 1.5 and a real Prometheus 2.42's own {@code /metrics}
 * every second; what arrives is compared with what the same endpoints answer when fetched directly.
 */
class PrometheusReceiverIT {
  static final MetricRegistry registry = new MetricRegistry();
  static final SinkConsumer<Metrics> sink = new SinkConsumer<>();
  static PrometheusReceiver receiver;
  static String node;
  static String prometheus;

  @BeforeAll
  static void start() throws Exception {
    node = NodeExporter.get().address();
    prometheus = PrometheusAgent.get().address();
    PrometheusReceiverConfig cfg = PrometheusReceiverConfigTest.bind("""
        config:
          global: {scrape_interval: 1s, scrape_timeout: 1s}
          scrape_configs:
            - job_name: node
              static_configs: [{targets: ["%s"], labels: {env: test}}]
            - job_name: prometheus
              static_configs: [{targets: ["%s"]}]
        """.formatted(node, prometheus));
    var settings = new ComponentSettings(ComponentId.of("prometheus"), Kind.RECEIVER, "",
        registry.meter().withLabels("receiver", "prometheus"), StatusReporter.NOOP,
        new BuildInfo("signalbox", "Signalbox", "0.9.0"));
    receiver = (PrometheusReceiver) new PrometheusReceiverFactory().create(settings, cfg,
        Consumers.of(Signal.METRICS, sink));
    receiver.start(null);
    await().atMost(Duration.ofSeconds(30)).until(() -> ups("node").size() >= 2 && ups("prometheus").size() >= 2);
  }

  @AfterAll
  static void stop() {
    receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  static List<ResourceMetrics> resources(String job) {
    List<ResourceMetrics> out = new ArrayList<>();
    for (Metrics m : sink.batches()) {
      for (ResourceMetrics rm : m.resourceMetrics()) {
        if (job.equals(rm.resource().attributes().getString("service.name"))) {
          out.add(rm);
        }
      }
    }
    return out;
  }

  /** The metrics of the {@code n}-th scrape of {@code job} received, by name. */
  static Map<String, Metric> scrape(String job, int n) {
    Map<String, Metric> out = new LinkedHashMap<>();
    resources(job).get(n).scopeMetrics().forEach(sm -> sm.metrics().forEach(m -> out.put(m.name(), m)));
    return out;
  }

  static List<Double> ups(String job) {
    List<Double> out = new ArrayList<>();
    for (ResourceMetrics rm : resources(job)) {
      rm.scopeMetrics().forEach(sm -> sm.metrics().forEach(m -> {
        if (m.name().equals("up")) {
          out.add(m.gauge().dataPoints().get(0).doubleValue());
        }
      }));
    }
    return out;
  }

  static Exposition direct(String address) throws Exception {
    var r = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(
        HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return ExpositionParser.parse(r.body(), ExpositionFormat.forContentType(r.headers().firstValue("Content-Type")
        .orElse("")));
  }

  static MetricType expected(FamilyMetadata md) {
    return switch (md.type()) {
      case COUNTER, INFO, STATESET -> MetricType.SUM;
      case HISTOGRAM -> MetricType.HISTOGRAM;
      case SUMMARY -> MetricType.SUMMARY;
      default -> MetricType.GAUGE;
    };
  }

  /**
   * Every family the target exposes arrives with the OTLP type, help and Prometheus type it maps
   * to: compared with the first scrape received after {@code direct} was fetched (a target may
   * create families lazily).
   */
  static void assertFamiliesArrive(String job, Exposition direct) {
    int seen = resources(job).size();
    await().atMost(Duration.ofSeconds(10)).until(() -> resources(job).size() > seen);
    Map<String, Metric> got = scrape(job, seen);
    for (FamilyMetadata md : direct.metadata().values()) {
      if (direct.samples().stream().noneMatch(s -> s.name().startsWith(md.family()))) {
        continue; // a family without samples
      }
      Metric m = got.get(md.family());
      assertThat(m).as(job + " " + md.family()).isNotNull();
      assertThat(m.type()).as(md.family()).isEqualTo(expected(md));
      assertThat(m.description()).as(md.family()).isEqualTo(md.help());
      assertThat(m.unit()).as("the text format declares no units: " + md.family()).isEmpty();
      assertThat(m.metadata().getString("prometheus.type")).as(md.family()).isEqualTo(md.type().text());
      if (m.type() == MetricType.SUM) {
        assertThat(m.sum().isMonotonic()).isEqualTo(md.type() == dev.signalbox.sdk.prometheus.scrape.PromType.COUNTER);
      }
    }
  }

  @Test
  void nodeExporterFamiliesArriveWithTheirTypesHelpAndLabels() throws Exception {
    Exposition direct = direct(node);
    assertThat(direct.format()).isEqualTo(ExpositionFormat.TEXT);
    assertFamiliesArrive("node", direct);
    Map<String, Metric> got = scrape("node", 1);

    Metric cpu = got.get("node_cpu_seconds_total");
    long directCpuSeries = direct.samples().stream().filter(s -> s.name().equals("node_cpu_seconds_total")).count();
    assertThat((long) cpu.sum().dataPoints().size()).isEqualTo(directCpuSeries);
    NumberDataPoint idle = cpu.sum().dataPoints().stream().filter(p -> "idle".equals(p.attributes().getString("mode")))
        .findFirst().orElseThrow();
    assertThat(idle.attributes().asMap()).containsOnlyKeys("cpu", "mode", "env");
    assertThat(idle.attributes().getString("env")).isEqualTo("test");
    NumberDataPoint firstIdle = scrape("node", 0).get("node_cpu_seconds_total").sum().dataPoints().stream()
        .filter(p -> p.attributes().equals(idle.attributes())).findFirst().orElseThrow();
    assertThat(idle.startTimeUnixNano()).as("started at the first scrape").isEqualTo(firstIdle.timeUnixNano());
    assertThat(idle.timeUnixNano()).isGreaterThan(firstIdle.timeUnixNano());

    NumberDataPoint build = got.get("node_exporter_build_info").gauge().dataPoints().get(0);
    assertThat(build.doubleValue()).isEqualTo(1);
    assertThat(build.attributes().getString("version")).isEqualTo("1.5.0");
    double start = direct.samples().stream().filter(s -> s.name().equals("process_start_time_seconds"))
        .mapToDouble(Sample::value).findFirst().orElseThrow();
    assertThat(got.get("process_start_time_seconds").gauge().dataPoints().get(0).doubleValue()).isEqualTo(start);

    var gc = got.get("go_gc_duration_seconds").summary().dataPoints().get(0);
    assertThat(gc.quantileValues()).extracting(q -> q.quantile()).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);

    ResourceMetrics rm = resources("node").get(1);
    assertThat(rm.resource().attributes().asMap()).containsExactly(
        Map.entry("service.name", AnyValue.of("node")), Map.entry("service.instance.id", AnyValue.of(node)),
        Map.entry("server.port", AnyValue.of(node.substring(node.indexOf(':') + 1))),
        Map.entry("url.scheme", AnyValue.of("http")));
    assertThat(rm.scopeMetrics().get(0).scope().name()).isEqualTo(PrometheusReceiver.SCOPE_NAME);
    assertThat(rm.scopeMetrics().get(0).scope().version()).isEqualTo("0.9.0");
    assertThat(got.get("scrape_samples_scraped").gauge().dataPoints().get(0).doubleValue())
        .isCloseTo(direct.samples().size(), org.assertj.core.data.Offset.offset(50.0));
    assertThat(ups("node")).containsOnly(1.0);
  }

  @Test
  void prometheusOwnMetricsArriveWithHistogramsAndSummaries() throws Exception {
    Exposition direct = direct(prometheus);
    assertFamiliesArrive("prometheus", direct);
    Map<String, Metric> got = scrape("prometheus", 1);
    Metric http = got.get("prometheus_http_request_duration_seconds");
    assertThat(http.type()).isEqualTo(MetricType.HISTOGRAM);
    var p = http.histogram().dataPoints().get(0);
    List<Double> directBounds = direct.samples().stream()
        .filter(s -> s.name().equals("prometheus_http_request_duration_seconds_bucket")
            && s.labels().get("handler").equals(p.attributes().getString("handler")))
        .map(s -> s.labels().get("le")).filter(le -> !le.equals("+Inf")).map(Double::parseDouble).sorted().toList();
    assertThat(p.explicitBounds()).containsExactly(directBounds.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(p.bucketCounts()).hasSize(directBounds.size() + 1);
    long sum = 0;
    for (long c : p.bucketCounts()) {
      sum += c;
    }
    assertThat(sum).isEqualTo(p.count());
    assertThat(got.get("prometheus_build_info").gauge().dataPoints().get(0).attributes().getString("version"))
        .startsWith("2.42.0");
    assertThat(ups("prometheus")).containsOnly(1.0);
    assertThat(registry.value("otelcol_receiver_prometheus_target_up", "receiver", "prometheus", "job", "prometheus",
        "instance", prometheus)).isEqualTo(1);
  }
}
