package dev.signalbox.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig.RemoteWriteQueue;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpRequest;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.testing.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter against a loopback fake receiver that records requests and answers as told. */
class PrometheusRemoteWriteExporterTest {
  record Received(Map<String, String> headers, WriteRequest request, long nanoTime) {}

  final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  final Queue<HttpResponse> answers = new ConcurrentLinkedQueue<>();
  HttpServer server;
  PrometheusRemoteWriteExporter exporter;

  String startReceiver() throws Exception {
    server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0"), List.of(HttpRoute.post("/api/v1/write",
        this::handle)));
    return "http://127.0.0.1:" + server.port() + "/api/v1/write";
  }

  private HttpResponse handle(HttpRequest r) throws Exception {
    Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    r.headers().forEach((k, v) -> h.put(k, v.get(0)));
    received.add(new Received(h, RemoteWriteCodec.decode(r.body(), 0, r.body().length), System.nanoTime()));
    HttpResponse a = answers.poll();
    return a != null ? a : HttpResponse.empty(204);
  }

  Consumer<Metrics> start(Function<PrometheusRemoteWriteExporterConfig, PrometheusRemoteWriteExporterConfig> tweak)
      throws Exception {
    PrometheusRemoteWriteExporterConfig cfg = tweak.apply(PrometheusRemoteWriteExporterConfig.defaults(startReceiver()));
    exporter = new PrometheusRemoteWriteExporter(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")), cfg);
    exporter.start(new TestHost());
    return exporter.consumer(Signal.METRICS);
  }

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    if (server != null) {
      server.shutdown(Duration.ofSeconds(1));
    }
  }

  static PrometheusRemoteWriteExporterConfig sync(PrometheusRemoteWriteExporterConfig c) {
    return c.withRemoteWriteQueue(new RemoteWriteQueue(false, 0, 1));
  }

  static Metrics gauges(String name, int n, long t) {
    MetricsFixture f = new MetricsFixture("");
    var g = f.metric(name, "", "").setEmptyGauge();
    for (int i = 0; i < n; i++) {
      g.dataPoints().addNew().setTimeUnixNano(t).setDoubleValue(i).attributes().put("i", (long) i);
    }
    return f.metrics();
  }

  @Test
  void sendsRemoteWrite10WithItsHeadersAndTheConfiguredOnes() throws Exception {
    Consumer<Metrics> c = start(cfg -> sync(cfg.withClient(cfg.client().withHeaders(Map.of(
        "X-Scope-OrgID", Secret.of("tenant-1"))))));
    c.consume(Context.empty(), gauges("g", 2, 1_700_000_000_000_000_000L));

    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.headers()).containsEntry("Content-Encoding", "snappy")
          .containsEntry("Content-Type", "application/x-protobuf")
          .containsEntry("X-Prometheus-Remote-Write-Version", "0.1.0")
          .containsEntry("X-Scope-OrgID", "tenant-1");
      assertThat(r.headers().get("User-Agent")).startsWith("signalbox/");
      assertThat(r.request().timeseries()).extracting(ts -> ts.label("__name__")).containsOnly("g", "target_info");
      assertThat(r.request().sampleCount()).isEqualTo(3);
    });
  }

  @Test
  void badRequestIsPermanentAndNotRetried() throws Exception {
    Consumer<Metrics> c = start(PrometheusRemoteWriteExporterTest::sync);
    answers.add(HttpResponse.text(400, "out of order sample"));
    assertThatThrownBy(() -> c.consume(Context.empty(), gauges("g", 1, 1_700_000_000_000_000_000L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("out of order sample");
    assertThat(received).hasSize(1);
  }

  @Test
  void unavailableIsRetriedAfterTheServersRetryAfter() throws Exception {
    Consumer<Metrics> c = start(PrometheusRemoteWriteExporterTest::sync);
    answers.add(HttpResponse.text(503, "busy").withRetryAfter(Duration.ofSeconds(1)));
    c.consume(Context.empty(), gauges("g", 1, 1_700_000_000_000_000_000L));
    assertThat(received).hasSize(2);
    assertThat(received.get(1).nanoTime() - received.get(0).nanoTime()).isGreaterThanOrEqualTo(900_000_000L);
    assertThat(received.get(1).request()).isEqualTo(received.get(0).request());
  }

  @Test
  void serverErrorsAndTooManyRequestsAreRetryableOtherClientErrorsPermanent() throws Exception {
    Consumer<Metrics> c = start(cfg -> sync(cfg).withRetryOnFailure(RetryConfig.disabled()));
    answers.add(HttpResponse.text(500, "boom"));
    assertThatThrownBy(() -> c.consume(Context.empty(), gauges("g", 1, 1L))).isInstanceOf(RetryableException.class);
    answers.add(HttpResponse.text(429, "slow down").withRetryAfter(Duration.ofSeconds(7)));
    assertThatThrownBy(() -> c.consume(Context.empty(), gauges("g", 1, 1L)))
        .isInstanceOfSatisfying(RetryableException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
          assertThat(e.resourceExhausted()).isTrue();
        });
    answers.add(HttpResponse.text(401, "who are you"));
    assertThatThrownBy(() -> c.consume(Context.empty(), gauges("g", 1, 1L))).isInstanceOf(PermanentException.class);
  }

  @Test
  void aRetriedSplitBatchResendsOnlyTheRequestsThatFailed() throws Exception {
    Consumer<Metrics> c = start(cfg -> sync(cfg).withMaxBatchSizeBytes(1500)
        .withRemoteWriteQueue(new RemoteWriteQueue(false, 0, 1)));
    Metrics batch = gauges("g", 100, 1_700_000_000_000_000_000L);
    int requests = exporter.requestBodies(batch).length;
    assertThat(requests).isGreaterThan(3);
    answers.add(HttpResponse.empty(204));
    answers.add(HttpResponse.text(503, "busy").withRetryAfter(Duration.ofSeconds(0)));
    c.consume(Context.empty(), batch);

    assertThat(received).hasSize(requests + 1);
    List<String> series = new ArrayList<>();
    for (int i = 0; i < received.size(); i++) {
      if (i == 1) {
        continue; // the refused one
      }
      for (TimeSeries ts : received.get(i).request().timeseries()) {
        series.add(ts.labels().toString());
        assertThat(RemoteWriteCodec.encodedSize(ts)).isLessThanOrEqualTo(1500);
      }
    }
    assertThat(series).hasSize(101).doesNotHaveDuplicates();
    for (Received r : received) {
      assertThat(RemoteWriteCodec.encode(r.request()).length).isLessThanOrEqualTo(1500);
    }
  }

  @Test
  void theQueueSendsBatchesInTheOrderTheyCame() throws Exception {
    Consumer<Metrics> c = start(cfg -> cfg.withRemoteWriteQueue(new RemoteWriteQueue(true, 100, 5)));
    for (int i = 0; i < 30; i++) {
      c.consume(Context.empty(), gauges("g", 1, 1_700_000_000_000_000_000L + i * 1_000_000L));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 30);
    List<Long> times = new ArrayList<>();
    for (Received r : received) {
      for (TimeSeries ts : r.request().timeseries()) {
        if ("g".equals(ts.label("__name__"))) {
          times.add(ts.samples().get(0).timestampMillis());
        }
      }
    }
    assertThat(times).hasSize(30).isSorted();
  }

  @Test
  void targetInfoIsSentOnlyWhenItMovesForwardSoALateBatchIsNotRefusedAsOutOfOrder() throws Exception {
    Consumer<Metrics> c = start(PrometheusRemoteWriteExporterTest::sync);
    c.consume(Context.empty(), gauges("g", 1, 2_000_000_000L));
    c.consume(Context.empty(), gauges("late", 1, 1_000_000_000L));
    c.consume(Context.empty(), gauges("g", 1, 3_000_000_000L));
    assertThat(received).extracting(r -> r.request().timeseries().stream().map(ts -> ts.label("__name__")).toList())
        .containsExactly(List.of("g", "target_info"), List.of("late"), List.of("g", "target_info"));
  }

  @Test
  void samplesOfOneSeriesAreSortedAndMetadataIsSentWhenAsked() throws Exception {
    Consumer<Metrics> c = start(cfg -> sync(cfg).withSendMetadata(true));
    MetricsFixture f = new MetricsFixture("");
    var g = f.metric("g", "By", "bytes in use").setEmptyGauge();
    g.dataPoints().addNew().setTimeUnixNano(3_000_000L).setDoubleValue(3);
    g.dataPoints().addNew().setTimeUnixNano(1_000_000L).setDoubleValue(1);
    g.dataPoints().addNew().setTimeUnixNano(2_000_000L).setDoubleValue(2);
    c.consume(Context.empty(), f.metrics());

    TimeSeries ts = received.get(0).request().timeseries().get(0);
    assertThat(ts.samples()).extracting(WriteRequest.Sample::timestampMillis).containsExactly(1L, 2L, 3L);
    assertThat(received.get(received.size() - 1).request().metadata()).contains(new WriteRequest.MetricMetadata(
        WriteRequest.MetricType.GAUGE, "g_bytes", "bytes in use", "bytes"));
  }
}
