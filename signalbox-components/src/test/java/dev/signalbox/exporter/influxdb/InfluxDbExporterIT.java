package dev.signalbox.exporter.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.influxdb.InfluxDbExporterConfig.Precision;
import dev.signalbox.exporter.influxdb.InfluxDbExporterConfig.V1Compatibility;
import dev.signalbox.exporter.prometheusremotewrite.MetricsFixture;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.testing.TestHost;
import dev.signalbox.testing.backends.InfluxDbServer;
import dev.signalbox.testing.backends.InfluxDbServer.Row;
import dev.signalbox.testing.backends.VictoriaMetricsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics written through the exporter into a real InfluxDB 1.6 ({@code /write}, read back with
 * InfluxQL over {@code /query}) and into a real VictoriaMetrics' InfluxDB 2 endpoint
 * ({@code /api/v2/write}, read back with {@code /api/v1/export}).
 */
class InfluxDbExporterIT {
  final String run = "t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  Exporter exporter;
  Consumer<Metrics> consumer;

  void start(InfluxDbExporterConfig cfg) throws Exception {
    exporter = new InfluxDbExporterFactory().create(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("influxdb")),
        cfg.withSendingQueue(QueueConfig.defaults().withEnabled(false)).withRetryOnFailure(RetryConfig.disabled()),
        Set.of(Signal.METRICS));
    exporter.start(new TestHost());
    consumer = exporter.consumer(Signal.METRICS);
  }

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  static InfluxDbExporterConfig v1(String endpoint, String db) {
    InfluxDbExporterConfig d = InfluxDbExporterConfig.defaults();
    return d.withClient(d.client().withEndpoint(endpoint))
        .withV1Compatibility(new V1Compatibility(true, db, "", "", Secret.EMPTY));
  }

  static Map<String, String> tags(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Resource and scope tags of the fixture. */
  static String[] common(String... more) {
    String[] base = {"service.name", "checkout", "service.namespace", "shop", "service.instance.id", "i-1",
        "host.name", "h1", "deployment.environment", "prod", "otel.library.name", "io.test.meter",
        "otel.library.version", "1.2.3"};
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  List<Row> select(String db, String measurement) {
    return InfluxDbServer.get().query(db, "SELECT * FROM \"" + measurement + "\" GROUP BY *");
  }

  @Test
  void telegrafPrometheusV1IntoInfluxDb16ReadsBackWithInfluxQl() throws Exception {
    InfluxDbServer influx = InfluxDbServer.get();
    influx.createDatabase(run);
    start(v1(influx.baseUrl(), run).withClient(v1(influx.baseUrl(), run).client().withCompression("gzip")));
    long t = System.currentTimeMillis() * 1_000_000L + 123;
    MetricsFixture f = MetricsFixture.everyType(run + ".", t);

    assertThatThrownBy(() -> consumer.consume(Context.empty(), f.metrics()))
        .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.rejectedItems()).isEqualTo(2));

    List<Row> gauge = select(run, run + ".memory.utilization");
    assertThat(gauge).singleElement().satisfies(r -> {
      assertThat(r.tags()).isEqualTo(tags(common("state", "used")));
      assertThat(r.values()).containsEntry("gauge", 0.42).containsEntry("time", t);
    });
    assertThat(select(run, run + ".http.server.requests")).singleElement().satisfies(r -> {
      assertThat(r.tags()).isEqualTo(tags(common("http.method", "GET", "http.status_code", "200")));
      assertThat(r.values()).containsEntry("counter", 17L).containsEntry("start_time_unix_nano", t - 60_000_000_000L);
    });
    assertThat(select(run, run + ".queue.size")).singleElement()
        .satisfies(r -> assertThat(r.values()).containsEntry("gauge", 3L));
    assertThat(select(run, run + ".http.server.duration")).singleElement().satisfies(r -> {
      assertThat(r.tags()).isEqualTo(tags(common()));
      assertThat(r.values()).containsEntry("count", 10L).containsEntry("sum", 123.5).containsEntry("5", 1L)
          .containsEntry("10", 3L).containsEntry("25", 6L).containsEntry("+Inf", 10L);
    });
    assertThat(select(run, run + ".rpc.latency")).singleElement().satisfies(r -> assertThat(r.values())
        .containsEntry("count", 40L).containsEntry("sum", 12L).containsEntry("0.5", 0.1).containsEntry("0.99", 0.9));
    assertThat(influx.query(run, "SHOW MEASUREMENTS")).extracting(r -> r.values().get("name"))
        .doesNotContain(run + ".deltas");
  }

  @Test
  void retentionPolicyPrecisionAndPayloadLimits() throws Exception {
    InfluxDbServer influx = InfluxDbServer.get();
    influx.createDatabase(run);
    influx.createRetentionPolicy(run, "short");
    InfluxDbExporterConfig cfg = v1(influx.baseUrl(), run)
        .withV1Compatibility(new V1Compatibility(true, run, "short", "", Secret.EMPTY))
        .withPrecision(Precision.MS).withPayloadMax(7, 10_000_000);
    start(cfg);
    long t = System.currentTimeMillis() * 1_000_000L + 456_789;
    MetricsFixture f = new MetricsFixture(run + ".");
    var g = f.metric("many", "", "").setEmptyGauge();
    for (int i = 0; i < 50; i++) {
      g.dataPoints().addNew().setTimeUnixNano(t).setDoubleValue(i).attributes().put("i", (long) i);
    }
    assertThat(((InfluxDbExporter) exporter).encode(f.metrics()).payloads()).hasSize(8);
    consumer.consume(Context.empty(), f.metrics());

    List<Row> rows = InfluxDbServer.get().query(run, "SELECT * FROM \"short\".\"" + run + ".many\" GROUP BY *");
    assertThat(rows).hasSize(50).allSatisfy(r -> {
      assertThat(((Number) r.values().get("gauge")).longValue()).isEqualTo(Long.parseLong(r.tags().get("i")));
      assertThat(r.values()).containsEntry("time", (t / 1_000_000) * 1_000_000);
    });
    assertThat(InfluxDbServer.get().query(run, "SELECT * FROM \"" + run + ".many\"")).isEmpty();
  }

  @Test
  void missingDatabaseIsAPermanentFailure() throws Exception {
    start(v1(InfluxDbServer.get().baseUrl(), run + "_missing"));
    MetricsFixture f = new MetricsFixture(run + ".");
    f.gauge("g", "", 1, System.currentTimeMillis() * 1_000_000L);
    assertThatThrownBy(() -> consumer.consume(Context.empty(), f.metrics()))
        .isInstanceOf(PermanentException.class).hasMessageContaining("HTTP 404").hasMessageContaining("database not found");
  }

  @Test
  void telegrafPrometheusV2IntoVictoriaMetricsV2WriteApi() throws Exception {
    VictoriaMetricsServer vm = VictoriaMetricsServer.get();
    InfluxDbExporterConfig d = InfluxDbExporterConfig.defaults();
    start(d.withClient(d.client().withEndpoint(vm.baseUrl())).withV2("my-org", run, Secret.of("s3cret"))
        .withMetricsSchema(InfluxDbExporterConfig.SCHEMA_V2));
    long t = (System.currentTimeMillis() - 1000) * 1_000_000L;
    Metrics m = MetricsFixture.everyType(run + ".", t).metrics();
    m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().removeIf(x -> x.name().endsWith(".deltas"));
    consumer.consume(Context.empty(), m);

    // VictoriaMetrics names a field <measurement>_<field>; tags become labels
    String p = "prometheus_" + run + ".";
    List<VictoriaMetricsServer.Series> all = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          vm.forceFlush();
          return vm.export("{__name__=~\"prometheus_" + run + "\\\\..*\"}");
        }, l -> l.size() == 13);
    Map<String, Double> byName = new TreeMap<>();
    for (var s : all) {
      assertThat(s.labels()).containsEntry("service.name", "checkout")
          .containsEntry("otel.library.name", "io.test.meter");
      assertThat(s.timestampsMillis()).containsExactly(t / 1_000_000);
      String key = s.labels().get("__name__") + (s.labels().containsKey("le") ? "{le=" + s.labels().get("le") + "}" : "")
          + (s.labels().containsKey("quantile") ? "{quantile=" + s.labels().get("quantile") + "}" : "");
      byName.put(key, s.values().get(0));
    }
    assertThat(byName).containsExactly(
        Map.entry(p + "http.server.duration_bucket{le=+Inf}", 10.0),
        Map.entry(p + "http.server.duration_bucket{le=10}", 3.0),
        Map.entry(p + "http.server.duration_bucket{le=25}", 6.0),
        Map.entry(p + "http.server.duration_bucket{le=5}", 1.0),
        Map.entry(p + "http.server.duration_count", 10.0),
        Map.entry(p + "http.server.duration_sum", 123.5),
        Map.entry(p + "http.server.requests", 17.0),
        Map.entry(p + "memory.utilization", 0.42),
        Map.entry(p + "queue.size", 3.0),
        Map.entry(p + "rpc.latency_count", 40.0),
        Map.entry(p + "rpc.latency_sum", 12.0),
        Map.entry(p + "rpc.latency{quantile=0.5}", 0.1),
        Map.entry(p + "rpc.latency{quantile=0.99}", 0.9));
  }
}
