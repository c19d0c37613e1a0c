package dev.signalbox.benchmarks.prometheus;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig.RemoteWriteQueue;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterFactory;
import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.TranslationSettings;
import dev.signalbox.sdk.prometheus.translate.TranslationStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Data points per CPU-second of OTLP metrics through the {@code prometheusremotewrite} exporter, in
 * one JVM: each batch is decoded from OTLP protobuf bytes (as a receiver would hand it on), then
 * consumed by the exporter with its queue disabled (translation, series grouping, protobuf encoding,
 * snappy and the POST happen in the calling thread), to a loopback receiver that answers 204 without
 * reading the body further. Reports the calling thread's CPU (the exporter's own work) and the whole
 * process's CPU (HTTP client and server threads, GC and JIT included), and the translation alone.
 *
 * <pre>{@code
 * java -cp <classpath> dev.signalbox.benchmarks.prometheus.RemoteWriteBenchmark [seconds] [warmupSeconds]
 * }</pre>
 * The workload: batches of 1000 data points from one resource (5 attributes) and scope: 20
 * cumulative counters and 20 gauges of 20 points each (3 attributes), 10 histograms of 20 points with
 * 10 bounds (3 attributes): 3,400 samples and 2,801 series per batch, target_info included.
 */
public final class RemoteWriteBenchmark {
  private RemoteWriteBenchmark() {}

  static Metrics batch(long timeNanos) {
    Metrics m = new Metrics();
    ResourceMetrics rm = m.resourceMetrics().addNew();
    var ra = rm.resource().attributes();
    ra.put("service.name", "checkout");
    ra.put("service.namespace", "shop");
    ra.put("service.instance.id", "6c1b7a4e-0d6e-4b8f-9a52-6f1c3f0e1a2b");
    ra.put("host.name", "ip-10-0-12-34.eu-west-1.compute.internal");
    ra.put("k8s.pod.name", "checkout-7d9f8c6b5-x2x9z");
    ScopeMetrics sm = rm.scopeMetrics().addNew();
    sm.scope().setName("io.opentelemetry.http").setVersion("2.1.0");
    String[] methods = {"GET", "POST", "PUT", "DELETE"};
    long start = timeNanos - 3_600_000_000_000L;
    for (int c = 0; c < 20; c++) {
      var sum = sm.metrics().addNew().setName("http.server.requests." + c).setUnit("{request}")
          .setDescription("requests").setEmptySum().setMonotonic(true)
          .setAggregationTemporality(AggregationTemporality.CUMULATIVE);
      for (int p = 0; p < 20; p++) {
        var dp = sum.dataPoints().addNew().setStartTimeUnixNano(start).setTimeUnixNano(timeNanos).setIntValue(1000L * p);
        dp.attributes().put("http.request.method", methods[p % 4]);
        dp.attributes().put("http.route", "/api/v1/items/" + p);
        dp.attributes().put("http.response.status_code", 200L + (p % 3));
      }
    }
    for (int g = 0; g < 20; g++) {
      var gauge = sm.metrics().addNew().setName("process.memory.usage." + g).setUnit("By").setDescription("memory")
          .setEmptyGauge();
      for (int p = 0; p < 20; p++) {
        var dp = gauge.dataPoints().addNew().setTimeUnixNano(timeNanos).setDoubleValue(1.5e6 * p + g);
        dp.attributes().put("pool", "pool-" + p);
        dp.attributes().put("type", p % 2 == 0 ? "heap" : "non_heap");
        dp.attributes().put("jvm.memory.pool.name", "G1 Eden Space " + p);
      }
    }
    double[] bounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    for (int h = 0; h < 10; h++) {
      var hist = sm.metrics().addNew().setName("http.server.request.duration." + h).setUnit("s")
          .setDescription("duration").setEmptyHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE);
      for (int p = 0; p < 20; p++) {
        var dp = hist.dataPoints().addNew().setStartTimeUnixNano(start).setTimeUnixNano(timeNanos)
            .setExplicitBounds(bounds).setBucketCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).setCount(66).setSum(42.5);
        dp.attributes().put("http.request.method", methods[p % 4]);
        dp.attributes().put("http.route", "/api/v1/items/" + p);
        dp.attributes().put("http.response.status_code", 200L + (p % 3));
      }
    }
    return m;
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    byte[] otlp = OtlpProtoCodec.INSTANCE.encode(batch(1_700_000_000_000_000_000L));
    int points = OtlpProtoCodec.INSTANCE.decodeMetrics(otlp, 0, otlp.length).itemCount();
    AtomicLong bodyBytes = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    // the loopback receiver un-snappies the body (HttpServer does it for Content-Encoding: snappy) and
    // counts it; it does not decode the protobuf
    HttpServer receiver = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0"),
        List.of(HttpRoute.post("/api/v1/write", r -> {
          bodyBytes.addAndGet(r.body().length);
          requests.incrementAndGet();
          return HttpResponse.empty(204);
        })));
    Exporter exporter = new PrometheusRemoteWriteExporterFactory().create(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")),
        PrometheusRemoteWriteExporterConfig.defaults("http://127.0.0.1:" + receiver.port() + "/api/v1/write")
            .withRemoteWriteQueue(new RemoteWriteQueue(false, 0, 1)),
        Set.of(Signal.METRICS));
    exporter.start(null);
    Consumer<Metrics> consumer = exporter.consumer(Signal.METRICS);

    run("warm-up", warmup, otlp, points, consumer, threads, os);
    bodyBytes.set(0);
    requests.set(0);
    long[] n = run("measured", seconds, otlp, points, consumer, threads, os);
    System.out.printf("requests: %d, uncompressed remote-write bytes per batch: %d%n", requests.get(),
        requests.get() == 0 ? 0 : bodyBytes.get() / n[0]);

    // translation alone (no grouping, encoding or HTTP)
    OtlpToPrometheus translator = new OtlpToPrometheus(TranslationSettings.defaults());
    runTranslate("warm-up translate", warmup / 2, otlp, points, translator, threads);
    runTranslate("translate only", seconds / 2, otlp, points, translator, threads);

    exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    receiver.shutdown(Duration.ofSeconds(1));
  }

  private static long[] run(String label, double seconds, byte[] otlp, int points, Consumer<Metrics> consumer,
      ThreadMXBean threads, com.sun.management.OperatingSystemMXBean os) throws Exception {
    long batches = 0;
    long cpu0 = threads.getCurrentThreadCpuTime();
    long proc0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    long end = wall0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      Metrics m = OtlpProtoCodec.INSTANCE.decodeMetrics(otlp, 0, otlp.length);
      consumer.consume(Context.empty(), m);
      batches++;
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double proc = (os.getProcessCpuTime() - proc0) / 1e9;
    long total = batches * points;
    System.out.printf("%s: %d batches, %d points in %.1f s wall: %.0f points/s wall; exporter thread %.2f CPU-s → "
        + "%.0f points per CPU-s; process %.2f CPU-s → %.0f points per CPU-s%n", label, batches, total, wall,
        total / wall, cpu, total / cpu, proc, total / proc);
    return new long[] {batches};
  }

  private static void runTranslate(String label, double seconds, byte[] otlp, int points, OtlpToPrometheus translator,
      ThreadMXBean threads) throws Exception {
    long batches = 0;
    long samples = 0;
    long cpu0 = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      Metrics m = OtlpProtoCodec.INSTANCE.decodeMetrics(otlp, 0, otlp.length);
      TranslationStats stats = new TranslationStats();
      translator.translate(m, (f, l, v, t, e) -> { }, stats);
      samples += stats.samples();
      batches++;
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    System.out.printf("%s (decode + translate): %d batches, %.0f points per CPU-s, %.0f samples per CPU-s%n", label,
        batches, batches * points / cpu, samples / cpu);
  }
}
