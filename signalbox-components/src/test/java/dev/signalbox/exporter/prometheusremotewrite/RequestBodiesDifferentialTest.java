package dev.signalbox.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Kind;
import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.ValueAtQuantile;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exporter's request bodies are byte for byte those {@link ReferenceRequestBodies} (the code
 * before the encoded labels were remembered) makes, batch after batch (so the remembered labels
 * are reused), for random batches of every metric type with repeated and out-of-order series,
 * exemplars, staleness, non-ASCII labels, small request size limits and metadata.
 */
class RequestBodiesDifferentialTest {
  private static final long T = 1_700_000_000_000_000_000L;

  @Test
  void requestBodiesAreTheReferenceBytes() {
    for (long seed = 1; seed <= 30; seed++) {
      Random rnd = new Random(seed);
      var d = PrometheusRemoteWriteExporterConfig.defaults("http://127.0.0.1:9/api/v1/write");
      var config = new PrometheusRemoteWriteExporterConfig(d.client(), d.retryOnFailure(),
          rnd.nextInt(4) == 0 ? "ns" : "", d.remoteWriteQueue(),
          rnd.nextInt(4) == 0 ? Map.of("cluster", "c1") : Map.of(),
          new int[] {3_000_000, 500, 2000, 1}[rnd.nextInt(4)], 0,
          new PrometheusRemoteWriteExporterConfig.ResourceToTelemetry(rnd.nextBoolean(), rnd.nextBoolean()),
          new PrometheusRemoteWriteExporterConfig.TargetInfo(rnd.nextBoolean()), rnd.nextBoolean(), rnd.nextBoolean(),
          rnd.nextBoolean(), null);
      var exporter = new PrometheusRemoteWriteExporter(
          ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")), config);
      OtlpToPrometheus translator = new OtlpToPrometheus(config.translationSettings());
      for (int batch = 0; batch < 12; batch++) {
        Metrics m = batch(rnd, batch);
        byte[][] want = ReferenceRequestBodies.of(m, translator, config.effectiveMaxBatchSizeBytes(),
            config.sendMetadata());
        byte[][] got = exporter.requestBodies(m);
        assertThat(got).as("seed %d batch %d", seed, batch).isDeepEqualTo(want);
      }
    }
  }

  private static Metrics batch(Random rnd, int batch) {
    Metrics m = new Metrics();
    for (int r = 0; r < 1 + rnd.nextInt(3); r++) {
      ResourceMetrics rm = m.resourceMetrics().addNew();
      if (rnd.nextInt(5) != 0) {
        rm.resource().attributes().put("service.name", "svc" + rnd.nextInt(2));
      }
      if (rnd.nextBoolean()) {
        rm.resource().attributes().put("service.instance.id", "i-" + rnd.nextInt(2));
      }
      if (rnd.nextBoolean()) {
        rm.resource().attributes().put("host.name", "h\u00e9");
      }
      for (int s = 0; s < 1 + rnd.nextInt(2); s++) {
        ScopeMetrics sm = rm.scopeMetrics().addNew();
        sm.scope().setName("lib" + rnd.nextInt(2)).setVersion(rnd.nextBoolean() ? "1" : "");
        for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
          metric(rnd, sm.metrics().addNew(), batch);
        }
      }
    }
    return m;
  }

  private static void metric(Random rnd, Metric metric, int batch) {
    String[] names = {"http.requests", "mem", "lat", "queue.size", "x-y", "\ud83d\ude00bad"};
    metric.setName(names[rnd.nextInt(names.length)]).setUnit(new String[] {"", "s", "By", "{req}", "1"}[rnd.nextInt(5)])
        .setDescription("d");
    int points = 1 + rnd.nextInt(4);
    switch (rnd.nextInt(6)) {
      case 0 -> {
        var g = metric.setEmptyGauge();
        for (int i = 0; i < points; i++) {
          number(rnd, g.dataPoints().addNew(), batch);
        }
      }
      case 1, 2 -> {
        var sum = metric.setEmptySum().setMonotonic(rnd.nextBoolean()).setAggregationTemporality(
            rnd.nextInt(6) == 0 ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE);
        for (int i = 0; i < points; i++) {
          NumberDataPoint p = sum.dataPoints().addNew();
          number(rnd, p, batch);
          if (rnd.nextInt(4) == 0) {
            p.exemplars().addNew().setTimeUnixNano(time(rnd, batch)).setDoubleValue(0.5)
                .setTraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L).setSpanId(0x00f067aa0ba902b7L)
                .filteredAttributes().put("user", "u" + rnd.nextInt(2));
          }
        }
      }
      case 3 -> {
        var h = metric.setEmptyHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE);
        for (int i = 0; i < points; i++) {
          var p = h.dataPoints().addNew().setTimeUnixNano(time(rnd, batch)).setStartTimeUnixNano(T - 1)
              .setExplicitBounds(0.1, 1, 10).setBucketCounts(1, 2, 3, rnd.nextInt(5)).setCount(6 + rnd.nextInt(5));
          if (rnd.nextBoolean()) {
            p.setSum(rnd.nextInt(100) * 0.25);
          }
          attrs(rnd, p);
          if (rnd.nextInt(8) == 0) {
            p.setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
          }
          if (rnd.nextInt(4) == 0) {
            p.exemplars().addNew().setTimeUnixNano(time(rnd, batch)).setDoubleValue(rnd.nextInt(20) * 0.7);
          }
        }
      }
      case 4 -> {
        var sm = metric.setEmptySummary();
        for (int i = 0; i < points; i++) {
          var p = sm.dataPoints().addNew().setTimeUnixNano(time(rnd, batch)).setCount(3).setSum(1.5)
              .setQuantileValues(List.of(new ValueAtQuantile(0.5, 1), new ValueAtQuantile(0.99, 2)));
          attrs(rnd, p);
        }
      }
      default -> {
        var e = metric.setEmptyExponentialHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE);
        e.dataPoints().addNew().setTimeUnixNano(time(rnd, batch)).setCount(1);
      }
    }
  }

  private static void number(Random rnd, NumberDataPoint p, int batch) {
    p.setTimeUnixNano(time(rnd, batch)).setStartTimeUnixNano(T - 1);
    switch (rnd.nextInt(5)) {
      case 0 -> p.setIntValue(rnd.nextInt(1000) - 10);
      case 1 -> p.setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
      case 2 -> p.setDoubleValue(0.0);
      default -> p.setDoubleValue(rnd.nextInt(1000) * 0.125);
    }
    attrs(rnd, p);
  }

  /** Few distinct attribute sets and times, so that series repeat and points of one series collide. */
  private static void attrs(Random rnd, DataPoint<?> p) {
    List<String> keys = new ArrayList<>(List.of("method", "route", "http.status_code", "a.b", "a_b", "z\u00fc",
        "lone\ud800surrogate"));
    int n = rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String k = keys.remove(rnd.nextInt(keys.size()));
      if (rnd.nextInt(8) == 0) {
        p.attributes().put(k, (long) rnd.nextInt(3));
      } else {
        p.attributes().put(k, new String[] {"GET", "POST", "", "\u00e9t\u00e9"}[rnd.nextInt(4)]);
      }
    }
  }

  private static long time(Random rnd, int batch) {
    return T + batch * 15_000_000_000L + rnd.nextInt(3) * 1_000_000_000L;
  }
}
