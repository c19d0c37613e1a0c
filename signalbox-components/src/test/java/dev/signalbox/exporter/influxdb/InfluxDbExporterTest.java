package dev.signalbox.exporter.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.influxdb.InfluxDbExporterConfig.V1Compatibility;
import dev.signalbox.exporter.prometheusremotewrite.MetricsFixture;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.http.HttpRequest;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InfluxDbExporterTest {
  static final long T = 1_700_000_000_000_000_000L;

  record Received(String query, Map<String, String> headers, String body) {}

  final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  final Queue<HttpResponse> answers = new ConcurrentLinkedQueue<>();
  HttpServer server;
  InfluxDbExporter exporter;

  String startReceiver() throws Exception {
    HttpRoute write = HttpRoute.post("/write", this::handle);
    HttpRoute write2 = HttpRoute.post("/api/v2/write", this::handle);
    server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0"), List.of(write, write2));
    return "http://127.0.0.1:" + server.port();
  }

  private HttpResponse handle(HttpRequest r) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    r.headers().forEach((k, v) -> h.put(k, v.get(0)));
    received.add(new Received(r.path() + "?" + r.query(), h, new String(r.body(), StandardCharsets.UTF_8)));
    HttpResponse a = answers.poll();
    return a != null ? a : HttpResponse.empty(204);
  }

  Consumer<Metrics> start(InfluxDbExporterConfig cfg) throws Exception {
    exporter = new InfluxDbExporter(ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("influxdb")),
        cfg.withSendingQueue(QueueConfig.defaults().withEnabled(false)).withRetryOnFailure(RetryConfig.disabled()));
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

  static InfluxDbExporterConfig config(String endpoint) {
    InfluxDbExporterConfig d = InfluxDbExporterConfig.defaults();
    return d.withClient(d.client().withEndpoint(endpoint));
  }

  static Metrics everyType() {
    Metrics m = MetricsFixture.everyType("", T).metrics();
    m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().removeIf(x -> x.name().equals("deltas"));
    return m;
  }

  static final String TAGS = "deployment.environment=prod,host.name=h1,otel.library.name=io.test.meter,"
      + "otel.library.version=1.2.3,service.instance.id=i-1,service.name=checkout,service.namespace=shop";

  /** The fixture's tags plus one, in key order. */
  static String tags(String key, String value) {
    TreeMap<String, String> m = new TreeMap<>();
    for (String kv : TAGS.split(",")) {
      m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    m.put(key, value);
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }

  @Test
  void telegrafPrometheusV1Lines() {
    LineProtocol.Encoded e = new LineProtocol(false, 1).encode(everyType(), 10_000, 10_000_000);
    long start = T - 60_000_000_000L;
    assertThat(new String(e.payloads().get(0), StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "memory.utilization," + TAGS + ",state=used gauge=0.42 " + T,
        "http.server.requests," + TAGS.replace("host.name=h1,", "host.name=h1,http.method=GET,http.status_code=200,")
            + " counter=17,start_time_unix_nano=" + start + "i " + T,
        "queue.size," + TAGS + " gauge=3,start_time_unix_nano=" + start + "i " + T,
        "http.server.duration," + TAGS + " count=10,sum=123.5,5=1,10=3,25=6,+Inf=10,start_time_unix_nano=" + start
            + "i " + T,
        "rpc.latency," + TAGS + " count=40,sum=12,0.5=0.1,0.99=0.9,start_time_unix_nano=" + start + "i " + T, ""));
    assertThat(e.lines()).isEqualTo(5);
    assertThat(e.dropped()).isZero();
  }

  @Test
  void telegrafPrometheusV2Lines() {
    LineProtocol.Encoded e = new LineProtocol(true, 1_000_000).encode(everyType(), 10_000, 10_000_000);
    long ms = T / 1_000_000;
    String reqTags = TAGS.replace("host.name=h1,", "host.name=h1,http.method=GET,http.status_code=200,");
    assertThat(new String(e.payloads().get(0), StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "prometheus," + TAGS + ",state=used memory.utilization=0.42 " + ms,
        "prometheus," + reqTags + " http.server.requests=17 " + ms,
        "prometheus," + TAGS + " queue.size=3 " + ms,
        "prometheus," + tags("le", "5") + " http.server.duration_bucket=1 " + ms,
        "prometheus," + tags("le", "10") + " http.server.duration_bucket=3 " + ms,
        "prometheus," + tags("le", "25") + " http.server.duration_bucket=6 " + ms,
        "prometheus," + tags("le", "+Inf") + " http.server.duration_bucket=10 " + ms,
        "prometheus," + TAGS + " http.server.duration_count=10,http.server.duration_sum=123.5 " + ms,
        "prometheus," + tags("quantile", "0.5") + " rpc.latency=0.1 " + ms,
        "prometheus," + tags("quantile", "0.99") + " rpc.latency=0.9 " + ms,
        "prometheus," + TAGS + " rpc.latency_count=40,rpc.latency_sum=12 " + ms, ""));
  }

  @Test
  void escapesAndLeavesOutWhatInfluxDbCannotStore() {
    MetricsFixture f = new MetricsFixture("");
    var p = f.gauge("cpu load,total", "", 1.5e-7, T);
    p.attributes().put("k=1", "a b,c");
    p.attributes().put("empty", "");
    f.gauge("nan", "", Double.NaN, T);
    f.gauge("ended", "", 1, T).setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    LineProtocol.Encoded e = new LineProtocol(false, 1).encode(f.metrics(), 10, 1000);
    assertThat(new String(e.payloads().get(0), StandardCharsets.UTF_8)).isEqualTo(
        "cpu\\ load\\,total," + TAGS.replace("host.name=h1,", "host.name=h1,k\\=1=a\\ b\\,c,")
            + " gauge=1.5e-7 " + T + "\n");
    assertThat(e.skippedNoValue()).isEqualTo(1);
  }

  @Test
  void writesV2WithTokenAndV1WithBasicAuthGzipped() throws Exception {
    String base = startReceiver();
    Consumer<Metrics> v2 = start(config(base).withV2("o", "b", Secret.of("t0k")));
    v2.consume(Context.empty(), everyType());
    exporter.shutdown(Deadline.in(Duration.ofSeconds(1)));
    Consumer<Metrics> v1 = start(config(base).withClient(config(base).client().withCompression("gzip"))
        .withV1Compatibility(new V1Compatibility(true, "db1", "rp1", "user", Secret.of("pw"))));
    v1.consume(Context.empty(), everyType());

    assertThat(received).hasSize(2);
    assertThat(received.get(0).query()).isEqualTo("/api/v2/write?org=o&bucket=b&precision=ns");
    assertThat(received.get(0).headers()).containsEntry("Authorization", "Token t0k")
        .containsEntry("User-Agent", "OpenTelemetry -> Influx");
    assertThat(received.get(1).query()).isEqualTo("/write?db=db1&rp=rp1&precision=n");
    assertThat(received.get(1).headers()).containsEntry("Authorization", "Basic dXNlcjpwdw==")
        .containsEntry("Content-Encoding", "gzip");
    assertThat(received.get(1).body()).startsWith("memory.utilization,");
  }

  @Test
  void payloadsAreCutByLinesAndBytes() {
    MetricsFixture f = new MetricsFixture("");
    var g = f.metric("g", "", "").setEmptyGauge();
    for (int i = 0; i < 10; i++) {
      g.dataPoints().addNew().setTimeUnixNano(T).setDoubleValue(i);
    }
    assertThat(new LineProtocol(false, 1).encode(f.metrics(), 3, 1_000_000).payloads()).hasSize(4);
    List<byte[]> bySize = new LineProtocol(false, 1).encode(f.metrics(), 1000, 500).payloads();
    assertThat(bySize).hasSizeGreaterThan(1).allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo(500));
  }

  @Test
  void serverErrorsAreRetryableClientErrorsPermanent() throws Exception {
    String base = startReceiver();
    Consumer<Metrics> c = start(config(base).withV2("o", "b", Secret.EMPTY));
    answers.add(HttpResponse.text(503, "overloaded").withRetryAfter(Duration.ofSeconds(3)));
    assertThatThrownBy(() -> c.consume(Context.empty(), everyType()))
        .isInstanceOfSatisfying(RetryableException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    answers.add(HttpResponse.text(400, "partial write: field type conflict"));
    assertThatThrownBy(() -> c.consume(Context.empty(), everyType())).isInstanceOf(PermanentException.class)
        .hasMessageContaining("HTTP 400: partial write: field type conflict");
  }
}
