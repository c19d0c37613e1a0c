package dev.signalbox.receiver.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.MetricType;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.prometheus.scrape.ExpositionFormat;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParser;
import dev.signalbox.sdk.prometheus.scrape.Sample;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import dev.signalbox.testing.backends.NodeExporter;
import dev.signalbox.testing.backends.PrometheusAgent;
import dev.signalbox.testing.backends.VmAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real remote-write senders into the receiver: Prometheus 2.42 in agent mode (with metadata) and
 * vmagent 1.79 (without), both scraping a real node_exporter every second. What arrives is compared
 * with what the senders report having sent, and with known series.
 */
class PrometheusRemoteWriteReceiverIT {
  static final MetricRegistry registry = new MetricRegistry();
  static final SinkConsumer<Metrics> fromPrometheus = new SinkConsumer<>();
  static final SinkConsumer<Metrics> fromVmagent = new SinkConsumer<>();
  static PrometheusRemoteWriteReceiver prometheusReceiver;
  static PrometheusRemoteWriteReceiver vmagentReceiver;

  @BeforeAll
  static void start() throws Exception {
    prometheusReceiver = receiver("prw/prometheus", PrometheusAgent.remoteWritePort(), fromPrometheus);
    vmagentReceiver = receiver("prw/vmagent", VmAgent.remoteWritePort(), fromVmagent);
    PrometheusAgent.get();
    VmAgent.get();
  }

  static PrometheusRemoteWriteReceiver receiver(String id, int port, SinkConsumer<Metrics> sink) throws Exception {
    var cfg = new PrometheusRemoteWriteReceiverConfig(HttpServerConfig.defaults("127.0.0.1:" + port), 24);
    var settings = new ComponentSettings(ComponentId.parse(id), Kind.RECEIVER, "",
        registry.meter().withLabels("receiver", id), StatusReporter.NOOP, BuildInfo.DEFAULT);
    var r = (PrometheusRemoteWriteReceiver) new PrometheusRemoteWriteReceiverFactory().create(settings, cfg,
        Consumers.of(Signal.METRICS, sink));
    r.start(null);
    return r;
  }

  @AfterAll
  static void stop() {
    prometheusReceiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
    vmagentReceiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  static double received(String id) {
    double v = registry.value("otelcol_receiver_prometheusremotewrite_samples", "receiver", id);
    return Double.isNaN(v) ? 0 : v;
  }

  /** The sum of the samples of {@code name} in a sender's own metrics whose labels pass {@code filter}. */
  static double senderMetric(String metricsText, String name, Predicate<Map<String, String>> filter) throws Exception {
    double sum = 0;
    for (Sample s : ExpositionParser.parse(metricsText, ExpositionFormat.TEXT).samples()) {
      if (s.name().equals(name) && filter.test(s.labels().toMap())) {
        sum += s.value();
      }
    }
    return sum;
  }

  static List<Metric> metrics(SinkConsumer<Metrics> sink, String job, String name) {
    List<Metric> out = new ArrayList<>();
    for (Metrics m : sink.batches()) {
      for (ResourceMetrics rm : m.resourceMetrics()) {
        if (!job.equals(rm.resource().attributes().getString("service.name"))) {
          continue;
        }
        rm.scopeMetrics().forEach(sm -> sm.metrics().forEach(x -> {
          if (x.name().equals(name)) {
            out.add(x);
          }
        }));
      }
    }
    return out;
  }

  static List<NumberDataPoint> numberPoints(SinkConsumer<Metrics> sink, String job, String name) {
    List<NumberDataPoint> out = new ArrayList<>();
    for (Metric m : metrics(sink, job, name)) {
      m.data().dataPoints().forEach(p -> out.add((NumberDataPoint) p));
    }
    return out;
  }

  @Test
  void prometheusAgentDeliversWhatItReportsSendingWithMetadata() throws Exception {
    String node = NodeExporter.get().address();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(numberPoints(fromPrometheus, "node", "up")).isNotEmpty();
      assertThat(metrics(fromPrometheus, "prometheus", "prometheus_http_request_duration_seconds"))
          .anySatisfy(m -> assertThat(m.description()).isNotEmpty());
      assertThat(metrics(fromPrometheus, "prometheus", "prometheus_http_request_duration_seconds")).isNotEmpty();
      assertThat(metrics(fromPrometheus, "node", "node_cpu_seconds_total"))
          .anySatisfy(m -> assertThat(m.description()).isEqualTo("Seconds the CPUs spent in each mode."));
    });
    // what Prometheus says it sent (attempts minus retries and failures) has all arrived
    double before = received("prw/prometheus");
    String text = PrometheusAgent.get().metricsText();
    double attempted = senderMetric(text, "prometheus_remote_storage_samples_total", l -> true);
    double sent = attempted - senderMetric(text, "prometheus_remote_storage_samples_retried_total", l -> true)
        - senderMetric(text, "prometheus_remote_storage_samples_failed_total", l -> true);
    assertThat(senderMetric(text, "prometheus_remote_storage_samples_failed_total", l -> true)).isZero();
    assertThat(sent).isPositive();
    assertThat(before).as("nothing arrives that was not sent").isLessThanOrEqualTo(attempted);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(received("prw/prometheus")).as("everything sent arrives").isGreaterThanOrEqualTo(sent));

    // known series, typed by the metadata Prometheus sends
    assertThat(numberPoints(fromPrometheus, "node", "up")).allSatisfy(p -> {
      assertThat(p.doubleValue()).isEqualTo(1);
      assertThat(p.attributes().isEmpty()).isTrue();
    });
    Metric up = metrics(fromPrometheus, "node", "up").get(0);
    assertThat(up.type()).isEqualTo(MetricType.GAUGE);
    ResourceMetrics nodeResource = fromPrometheus.batches().stream().flatMap(m -> m.resourceMetrics().stream())
        .filter(rm -> "node".equals(rm.resource().attributes().getString("service.name"))).findFirst().orElseThrow();
    assertThat(nodeResource.resource().attributes().getString("service.instance.id")).isEqualTo(node);
    assertThat(numberPoints(fromPrometheus, "node", "node_exporter_build_info")).anySatisfy(p -> {
      assertThat(p.doubleValue()).isEqualTo(1);
      assertThat(p.attributes().getString("version")).isEqualTo("1.5.0");
    });
    assertThat(metrics(fromPrometheus, "node", "node_cpu_seconds_total")).allSatisfy(m -> {
      assertThat(m.type()).isEqualTo(MetricType.SUM);
      assertThat(m.sum().isMonotonic()).isTrue();
    });
    // Prometheus may split one summary's series over two requests: the complete ones are summaries
    // (with their real _sum), the parts sent apart arrive as gauges with their quantile label.
    assertThat(metrics(fromPrometheus, "node", "go_gc_duration_seconds")).isNotEmpty()
        .anySatisfy(m -> assertThat(m.type()).isEqualTo(MetricType.SUMMARY))
        .allSatisfy(m -> {
          if (m.type() == MetricType.SUMMARY) {
            assertThat(m.summary().dataPoints().asList()).allSatisfy(p -> assertThat(p.sum()).isPositive());
          } else {
            assertThat(m.type()).isEqualTo(MetricType.GAUGE);
            assertThat(m.gauge().dataPoints().asList())
                .allSatisfy(p -> assertThat(p.attributes().containsKey("quantile")).isTrue());
          }
        });
    assertThat(metrics(fromPrometheus, "prometheus", "prometheus_http_request_duration_seconds"))
        .as("typed alike before and after Prometheus' metadata arrives")
        .anySatisfy(m -> assertThat(m.type()).isEqualTo(MetricType.HISTOGRAM))
        .allSatisfy(m -> assertThat(m.type()).isIn(MetricType.HISTOGRAM, MetricType.GAUGE))
        .anySatisfy(m -> assertThat(m.description()).isEqualTo("Histogram of latencies for HTTP requests."));
    assertThat(metrics(fromPrometheus, "prometheus", "prometheus_http_request_duration_seconds")).anySatisfy(m -> {
      var p = m.histogram().dataPoints().get(0);
      assertThat(p.bucketCounts().length).isEqualTo(p.explicitBounds().length + 1);
      assertThat(p.attributes().getString("handler")).isNotEmpty();
    });
  }

  @Test
  void vmagentDeliversWhatItReportsSendingWithoutMetadata() throws Exception {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(numberPoints(fromVmagent, "node", "node_exporter_build_info")).isNotEmpty());
    double before = received("prw/vmagent");
    int requestsBefore = fromVmagent.calls();
    String text = VmAgent.get().metricsText();
    double blocked = senderMetric(text, "vmagent_remotewrite_block_size_rows_sum", l -> true);
    double blocksSent = senderMetric(text, "vmagent_remotewrite_blocks_sent_total", l -> true);
    assertThat(senderMetric(text, "vmagent_remotewrite_errors_total", l -> true)).isZero();
    assertThat(senderMetric(text, "vmagent_remotewrite_requests_total",
        l -> !l.getOrDefault("status_code", "").equals("2XX"))).isZero();
    assertThat(before).as("nothing arrives that vmagent did not put in a block").isLessThanOrEqualTo(blocked);
    assertThat((double) requestsBefore).isLessThanOrEqualTo(blocksSent + 16);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(received("prw/vmagent")).as("every row vmagent blocked arrives").isGreaterThanOrEqualTo(blocked);
      assertThat((double) fromVmagent.calls()).as("every block it sent arrived").isGreaterThanOrEqualTo(blocksSent);
    });

    // known series; types from names and labels alone
    assertThat(numberPoints(fromVmagent, "node", "node_exporter_build_info")).anySatisfy(p -> {
      assertThat(p.doubleValue()).isEqualTo(1);
      assertThat(p.attributes().getString("version")).isEqualTo("1.5.0");
    });
    assertThat(numberPoints(fromVmagent, "node", "up")).isNotEmpty()
        .allSatisfy(p -> assertThat(p.doubleValue()).isEqualTo(1));
    assertThat(metrics(fromVmagent, "node", "node_cpu_seconds_total")).isNotEmpty().allSatisfy(m -> {
      assertThat(m.type()).as("a counter by its _total suffix").isEqualTo(MetricType.SUM);
      assertThat(m.metadata().getString("prometheus.type")).isEqualTo("counter");
    });
    assertThat(metrics(fromVmagent, "node", "node_load1")).isNotEmpty()
        .allSatisfy(m -> assertThat(m.type()).isEqualTo(MetricType.GAUGE));
    assertThat(metrics(fromVmagent, "node", "go_gc_duration_seconds"))
        .anySatisfy(m -> assertThat(m.type()).as("a summary by its quantile label").isEqualTo(MetricType.SUMMARY));
    assertThat(numberPoints(fromVmagent, "node", "node_cpu_seconds_total")).extracting(
        p -> p.attributes().getString("mode")).contains("idle", "user", "system");
  }
}
