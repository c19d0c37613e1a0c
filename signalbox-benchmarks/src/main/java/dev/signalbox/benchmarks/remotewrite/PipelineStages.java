package dev.signalbox.benchmarks.remotewrite;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig;
import dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterFactory;
import dev.signalbox.pdata.Batches;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.prometheus.remotewrite.LabelInterner;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteChunk;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.TranslationStats;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Signalbox side of {@link RemoteWriteVsVmagent} stage by stage, in one thread of one JVM, to
 * see where its CPU and allocation go: for batches of {@link NodeLoad} requests (as the batch
 * processor would gather them, 8,192 samples by default), (1) snappy uncompression (done by the
 * HTTP server for the declared encoding), (2) protobuf decoding as the receiver does it, (3) the
 * receiver's translation into OTLP, (4) appending the requests into one batch, (5) the
 * exporter's OTLP → Prometheus translation alone, (6) the exporter's whole request building
 * (translation, grouping by series, protobuf, snappy); then the same requests forwarded as they
 * came: (7) the receiver's scan into {@code RemoteWriteChunk}s, (8) appending them into one batch,
 * (9) the exporter's request building (splicing its labels into each series, snappy). Nothing is
 * sent. Reports CPU
 * nanoseconds and allocated bytes per sample of each stage (the thread's own counters).
 *
 * <pre>{@code
 * java -XX:+UseSerialGC -Xmx256m -cp signalbox-benchmarks/target/signalbox-benchmarks.jar \
 *   dev.signalbox.benchmarks.remotewrite.PipelineStages [seconds] [warmupSeconds]
 * }</pre>
 * The receiver's translator and the exporter's request building are package-private; they are
 * reached by reflection.
 */
public final class PipelineStages {
  private PipelineStages() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 15;
    int batchSamples = args.length > 2 ? Integer.parseInt(args[2]) : 8192;

    Class<?> tc = Class.forName("dev.signalbox.receiver.prometheusremotewrite.RemoteWriteTranslator");
    Constructor<?> tcc = tc.getDeclaredConstructor(String.class, String.class);
    tcc.setAccessible(true);
    Object translator = tcc.newInstance("dev.signalbox/receiver/prometheusremotewrite", "0.1.0");
    Method translate = tc.getDeclaredMethod("translate", WriteRequest.class, long.class);
    translate.setAccessible(true);
    Method metricsOf = translate.getReturnType().getDeclaredMethod("metrics");
    metricsOf.setAccessible(true);

    // as RemoteWriteVsVmagent configures it: no target_info, no scope labels
    var d = PrometheusRemoteWriteExporterConfig.defaults("http://127.0.0.1:9/api/v1/write");
    var config = new PrometheusRemoteWriteExporterConfig(d.client(), d.retryOnFailure(), d.namespace(),
        d.remoteWriteQueue(), d.externalLabels(), d.maxBatchSizeBytes(), d.maxBatchRequestParallelism(),
        d.resourceToTelemetryConversion(), new PrometheusRemoteWriteExporterConfig.TargetInfo(false), true,
        d.addMetricSuffixes(), d.sendMetadata(), d.wal());
    Exporter exporter = new PrometheusRemoteWriteExporterFactory().create(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")), config,
        Set.of(Signal.METRICS));
    // the exporter's defaults (scope labels on) and an external label: labels spliced into each series
    Exporter labelling = new PrometheusRemoteWriteExporterFactory().create(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")),
        new PrometheusRemoteWriteExporterConfig(d.client(), d.retryOnFailure(), d.namespace(), d.remoteWriteQueue(),
            java.util.Map.of("cluster", "eu-1"), d.maxBatchSizeBytes(), d.maxBatchRequestParallelism(),
            d.resourceToTelemetryConversion(), d.targetInfo(), false, d.addMetricSuffixes(), d.sendMetadata(),
            d.wal()), Set.of(Signal.METRICS));
    Method bodies = exporter.getClass().getDeclaredMethod("requestBodies", Metrics.class);
    bodies.setAccessible(true);
    OtlpToPrometheus toProm = new OtlpToPrometheus(config.translationSettings());

    NodeLoad load = new NodeLoad(20);
    // as the receiver decodes (-Dstages.interner=false: without, as before it had one)
    LabelInterner interner = Boolean.parseBoolean(System.getProperty("stages.interner", "true"))
        ? new LabelInterner() : null;
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    String[] names = {"snappy uncompress", "protobuf decode", "receiver: remote write → OTLP", "batch: append",
        "exporter: OTLP → Prometheus only", "exporter: whole request building",
        "forwarded: receiver's scan", "forwarded: batch append", "forwarded: exporter request building",
        "forwarded: exporter, + scope/external labels"};
    for (String phase : new String[] {"warm-up", "measured"}) {
      long[] cpu = new long[10];
      long[] alloc = new long[10];
      long samples = 0;
      long outBytes = 0;
      long forwardedOutBytes = 0;
      long end = System.nanoTime() + (long) ((phase.equals("warm-up") ? warmup : seconds) * 1e9);
      while (System.nanoTime() < end) {
        // one batch's worth of requests, generated outside the measurement
        List<byte[]> bodiesIn = new ArrayList<>();
        int n = 0;
        while (n < batchSamples) {
          NodeLoad.Request r = load.next(1000, System.currentTimeMillis(), false);
          bodiesIn.add(r.body());
          n += r.samples();
        }
        samples += n;
        long t = threads.getCurrentThreadCpuTime();
        long a = threads.getCurrentThreadAllocatedBytes();
        // as the receiver gets it: the HTTP server inflates the declared snappy encoding
        List<byte[]> raws = new ArrayList<>();
        for (byte[] b : bodiesIn) {
          raws.add(org.xerial.snappy.Snappy.uncompress(b));
        }
        t = lap(threads, cpu, alloc, 0, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        List<WriteRequest> decoded = new ArrayList<>();
        for (byte[] raw : raws) {
          decoded.add(RemoteWriteCodec.decode(raw, 0, raw.length, interner));
        }
        t = lap(threads, cpu, alloc, 1, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        List<Metrics> translated = new ArrayList<>();
        for (WriteRequest wr : decoded) {
          translated.add((Metrics) metricsOf.invoke(translate.invoke(translator, wr, Long.MIN_VALUE)));
        }
        t = lap(threads, cpu, alloc, 2, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        Metrics batch = new Metrics();
        for (Metrics m : translated) {
          Batches.append(batch, m);
        }
        t = lap(threads, cpu, alloc, 3, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        TranslationStats stats = new TranslationStats();
        toProm.translate(batch, (f, l, v, ts, e) -> { }, stats);
        t = lap(threads, cpu, alloc, 4, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        for (byte[] b : (byte[][]) bodies.invoke(exporter, batch)) {
          outBytes += b.length;
        }
        t = lap(threads, cpu, alloc, 5, t, a);
        // the same requests forwarded as they came (what the receiver does when only the batch
        // processor and remote-write exporters follow it)
        a = threads.getCurrentThreadAllocatedBytes();
        List<Metrics> scanned = new ArrayList<>();
        for (byte[] raw : raws) {
          scanned.add(Metrics.fromNative(RemoteWriteChunk.scan(raw, Long.MIN_VALUE, "scope", "0.1.0", (x, m) -> {
            throw new IllegalStateException("decoded");
          })));
        }
        t = lap(threads, cpu, alloc, 6, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        Metrics forwarded = new Metrics();
        for (Metrics m : scanned) {
          Batches.append(forwarded, m);
        }
        t = lap(threads, cpu, alloc, 7, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        for (byte[] b : (byte[][]) bodies.invoke(exporter, forwarded)) {
          forwardedOutBytes += b.length;
        }
        t = lap(threads, cpu, alloc, 8, t, a);
        a = threads.getCurrentThreadAllocatedBytes();
        bodies.invoke(labelling, forwarded); // every series gets three labels spliced in
        lap(threads, cpu, alloc, 9, t, a);
      }
      System.out.printf(Locale.ROOT, "%s: %,d samples, compressed bytes out per sample %.1f translated, %.1f forwarded%n",
          phase, samples, (double) outBytes / samples, (double) forwardedOutBytes / samples);
      for (int i = 0; i < names.length; i++) {
        System.out.printf(Locale.ROOT, "  %-40s %6.0f ns/sample %6.0f B/sample%n", names[i] + (i == 4 ? " (in next)" : ""),
            (double) cpu[i] / samples, (double) alloc[i] / samples);
      }
      int[][] totals = {{0, 1, 2, 3, 5}, {0, 6, 7, 8}};
      String[] totalNames = {"total, translated", "total, forwarded"};
      for (int k = 0; k < 2; k++) {
        long c = 0;
        long al = 0;
        for (int i : totals[k]) {
          c += cpu[i];
          al += alloc[i];
        }
        System.out.printf(Locale.ROOT, "  %-40s %6.0f ns/sample %6.0f B/sample%n", totalNames[k], (double) c / samples,
            (double) al / samples);
      }
    }
  }

  private static long lap(com.sun.management.ThreadMXBean threads, long[] cpu, long[] alloc, int i, long t0, long a0) {
    long t = threads.getCurrentThreadCpuTime();
    cpu[i] += t - t0;
    alloc[i] += threads.getCurrentThreadAllocatedBytes() - a0;
    return threads.getCurrentThreadCpuTime();
  }
}
