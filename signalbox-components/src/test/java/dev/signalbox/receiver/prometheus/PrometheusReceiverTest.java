package dev.signalbox.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver against loopback HTTP targets that behave and misbehave: a good OpenMetrics target,
 * one answering garbage, one that hangs past scrape_timeout, one too large, one answering 500.
 */
class PrometheusReceiverTest {
  final MetricRegistry registry = new MetricRegistry();
  final SinkConsumer<Metrics> sink = new SinkConsumer<>();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger goodScrapes = new AtomicInteger();
  final Map<String, String> goodRequestHeaders = new ConcurrentHashMap<>();
  HttpServer targets;
  PrometheusReceiver receiver;

  @BeforeEach
  void startTargets() throws IOException {
    targets = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    targets.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    targets.createContext("/good", this::good);
    targets.createContext("/garbage", ex -> respond(ex, 200, "text/plain; version=0.0.4",
        "<html><body>This is not Prometheus</body></html>\n".getBytes(StandardCharsets.UTF_8)));
    targets.createContext("/hang", ex -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    targets.createContext("/big", ex -> respond(ex, 200, "text/plain", ("a 1\n".repeat(100_000))
        .getBytes(StandardCharsets.UTF_8)));
    targets.createContext("/error", ex -> respond(ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8)));
    targets.start();
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    release.countDown();
    targets.stop(0);
  }

  private void good(HttpExchange ex) throws IOException {
    int n = goodScrapes.incrementAndGet();
    ex.getRequestHeaders().forEach((k, v) -> goodRequestHeaders.put(k.toLowerCase(), v.get(0)));
    String body = """
        # TYPE requests counter
        # HELP requests Requests handled.
        requests_total{path="/"} %d
        # TYPE latency_seconds histogram
        # UNIT latency_seconds seconds
        latency_seconds_bucket{le="0.1"} 1
        latency_seconds_bucket{le="+Inf"} 2
        latency_seconds_count 2
        latency_seconds_sum 0.3
        # EOF
        """.formatted(n);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    ex.getResponseHeaders().add("Content-Encoding", "gzip");
    respond(ex, 200, "application/openmetrics-text; version=1.0.0; charset=utf-8", gz.toByteArray());
  }

  private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  void startReceiver(String yaml) throws Exception {
    PrometheusReceiverConfig cfg = PrometheusReceiverConfigTest.bind(yaml.replace("PORT",
        Integer.toString(targets.getAddress().getPort())));
    var settings = new ComponentSettings(ComponentId.of("prometheus"), Kind.RECEIVER, "",
        registry.meter().withLabels("receiver", "prometheus"), StatusReporter.NOOP,
        new BuildInfo("signalbox", "Signalbox", "0.9.0"));
    receiver = (PrometheusReceiver) new PrometheusReceiverFactory().create(settings, cfg,
        Consumers.of(Signal.METRICS, sink));
    receiver.start(null);
  }

  /** Every point of metric {@code name} of job {@code job}, in the order received. */
  List<NumberDataPoint> points(String job, String name) {
    List<NumberDataPoint> out = new ArrayList<>();
    for (Metrics m : sink.batches()) {
      for (ResourceMetrics rm : m.resourceMetrics()) {
        if (!rm.resource().attributes().getString("service.name").equals(job)) {
          continue;
        }
        rm.scopeMetrics().forEach(sm -> sm.metrics().forEach(x -> {
          if (x.name().equals(name)) {
            x.data().dataPoints().forEach(p -> out.add((NumberDataPoint) p));
          }
        }));
      }
    }
    return out;
  }

  Metric firstMetric(String job, String name) {
    for (Metrics m : sink.batches()) {
      for (ResourceMetrics rm : m.resourceMetrics()) {
        if (!rm.resource().attributes().getString("service.name").equals(job)) {
          continue;
        }
        for (var sm : rm.scopeMetrics()) {
          for (Metric x : sm.metrics()) {
            if (x.name().equals(name)) {
              return x;
            }
          }
        }
      }
    }
    return null;
  }

  double errors(String job, String reason) {
    String instance = "127.0.0.1:" + targets.getAddress().getPort();
    double v = registry.value("otelcol_receiver_prometheus_scrape_errors", "receiver", "prometheus", "job", job,
        "instance", instance, "reason", reason);
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void misbehavingTargetsAreDownAndCountedWhileTheGoodOneKeepsBeingScraped() throws Exception {
    startReceiver("""
        config:
          global: {scrape_interval: 1s, scrape_timeout: 500ms}
          scrape_configs:
            - job_name: good
              metrics_path: /good
              bearer_token: t0k3n
              static_configs: [{targets: ["127.0.0.1:PORT"]}]
            - job_name: garbage
              metrics_path: /garbage
              static_configs: [{targets: ["127.0.0.1:PORT"]}]
            - job_name: hang
              metrics_path: /hang
              static_configs: [{targets: ["127.0.0.1:PORT"]}]
            - job_name: big
              metrics_path: /big
              body_size_limit: 100KiB
              static_configs: [{targets: ["127.0.0.1:PORT"]}]
            - job_name: error
              metrics_path: /error
              static_configs: [{targets: ["127.0.0.1:PORT"]}]
        """);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(errors("garbage", "parse")).isGreaterThanOrEqualTo(2);
      assertThat(errors("hang", "timeout")).isGreaterThanOrEqualTo(2);
      assertThat(errors("big", "body_too_large")).isGreaterThanOrEqualTo(1);
      assertThat(errors("error", "http_status")).isGreaterThanOrEqualTo(1);
      assertThat(goodScrapes.get()).isGreaterThanOrEqualTo(3);
    });
    assertThat(points("good", "up")).allSatisfy(p -> assertThat(p.doubleValue()).isEqualTo(1));
    for (String bad : List.of("garbage", "hang", "big", "error")) {
      assertThat(points(bad, "up")).as(bad).isNotEmpty()
          .allSatisfy(p -> assertThat(p.doubleValue()).isZero());
    }
    assertThat(errors("good", "parse") + errors("good", "timeout")).isZero();
    String instance = "127.0.0.1:" + targets.getAddress().getPort();
    assertThat(registry.value("otelcol_receiver_prometheus_target_up", "receiver", "prometheus", "job", "good",
        "instance", instance)).isEqualTo(1);
    assertThat(registry.value("otelcol_receiver_prometheus_target_up", "receiver", "prometheus", "job", "hang",
        "instance", instance)).isZero();
    assertThat(points("hang", "scrape_duration_seconds")).allSatisfy(p -> assertThat(p.doubleValue())
        .as("the hanging scrape is abandoned at scrape_timeout").isBetween(0.45, 5.0));

    // the good target: OpenMetrics negotiated, gzip decoded, bearer token sent, units and types kept
    assertThat(goodRequestHeaders.get("accept")).startsWith("application/openmetrics-text;version=1.0.0");
    assertThat(goodRequestHeaders.get("authorization")).isEqualTo("Bearer t0k3n");
    assertThat(goodRequestHeaders.get("x-prometheus-scrape-timeout-seconds")).isEqualTo("0.5");
    assertThat(goodRequestHeaders.get("user-agent")).isEqualTo("Signalbox/0.9.0");
    Metric requests = firstMetric("good", "requests_total");
    assertThat(requests.sum().isMonotonic()).isTrue();
    assertThat(requests.description()).isEqualTo("Requests handled.");
    Metric latency = firstMetric("good", "latency_seconds");
    assertThat(latency.unit()).isEqualTo("s");
    assertThat(latency.histogram().dataPoints().get(0).bucketCounts()).containsExactly(1, 1);
    List<NumberDataPoint> counts = points("good", "requests_total");
    assertThat(counts.get(counts.size() - 1).startTimeUnixNano()).as("later points keep the first scrape's start")
        .isEqualTo(counts.get(0).timeUnixNano());
  }

  @Test
  void aTargetThatComesBackIsUpAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    targets.createContext("/flaky", ex -> {
      if (calls.incrementAndGet() == 2) {
        respond(ex, 503, "text/plain", new byte[0]);
      } else {
        respond(ex, 200, "text/plain; version=0.0.4", "x 1\n".getBytes(StandardCharsets.UTF_8));
      }
    });
    startReceiver("""
        config:
          global: {scrape_interval: 1s, scrape_timeout: 500ms}
          scrape_configs:
            - {job_name: flaky, metrics_path: /flaky, static_configs: [{targets: ["127.0.0.1:PORT"]}]}
        """);
    await().atMost(Duration.ofSeconds(15)).until(() -> calls.get() >= 3 && points("flaky", "up").size() >= 3);
    List<Double> ups = points("flaky", "up").stream().map(NumberDataPoint::doubleValue).toList();
    assertThat(ups.subList(0, 3)).containsExactly(1.0, 0.0, 1.0);
    List<NumberDataPoint> x = points("flaky", "x");
    assertThat(x.get(1).noRecordedValue()).as("stale while down").isTrue();
    assertThat(x.get(2).doubleValue()).isEqualTo(1);
  }

  @Test
  void noMetricsPipelineMeansNothingToScrape() throws Exception {
    PrometheusReceiverConfig cfg = PrometheusReceiverConfigTest.bind("""
        config: {scrape_configs: [{job_name: a, static_configs: [{targets: ["127.0.0.1:1"]}]}]}
        """);
    var r = (PrometheusReceiver) new PrometheusReceiverFactory().create(
        ComponentSettings.forTest(Kind.RECEIVER, ComponentId.of("prometheus")), cfg, Consumers.builder().build());
    r.start(null);
    assertThat(r.loops()).isEmpty();
    r.shutdown(Deadline.in(Duration.ofSeconds(1)));
  }
}
