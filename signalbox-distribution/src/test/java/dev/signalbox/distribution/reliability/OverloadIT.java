package dev.signalbox.distribution.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.distribution.telemetrygen.SeqSink;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.ProcessStats;
import dev.signalbox.testing.SignalboxProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five times more load than a slow backend takes, with {@code memory_limiter}: memory stays bounded,
 * clients get retryable refusals (and retry), and everything accepted is delivered.
 *
 * <p><b>The bound.</b> {@code peak RSS <= idle RSS + limit_mib}. The idle RSS, measured after start
 * and a short warm-up, is the JVM's fixed overhead: code, metaspace, code cache, thread stacks, GC
 * structures, the network stack's buffers and the idle heap. The memory limiter keeps the heap in
 * use under {@code limit_mib} by refusing data (and forcing a GC) above
 * {@code limit_mib - spike_limit_mib}; the sending queue's byte bound is set far above the limit
 * (1 GiB) so that it is the limiter, not the queue, that holds memory down. The JVM may grow to 1
 * GiB of heap ({@code -Xmx1g}), so without the limiter the bound would not hold.
 */
class OverloadIT {
  static final int LIMIT_MIB = 200;
  static final int SPIKE_MIB = 50;
  /** The backend: 2 consumers × 10 requests/s × 500 spans = 10,000 spans/s. */
  static final Duration BACKEND_DELAY = Duration.ofMillis(100);
  static final int BACKEND_CAPACITY = 10_000;
  static final int RATE = 5 * BACKEND_CAPACITY;

  @TempDir
  Path dir;

  @Test
  void fiveTimesOverloadStaysWithinTheMemoryBoundAndDeliversEverythingAccepted() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      String config = Rig.receiver(port) + """
          processors:
            memory_limiter: {check_interval: 100ms, limit_mib: %d, spike_limit_mib: %d}
          exporters:
          """.formatted(LIMIT_MIB, SPIKE_MIB) + Rig.otlpExporter(sink.endpoint(),
          "num_consumers: 2, sizer: items, queue_size: 10000000, max_bytes: 1GiB,"
              + " batch: {flush_timeout: 200ms, min_size: 500, max_size: 500}") + """
          service:
            pipelines:
              traces: {receivers: [otlp], processors: [memory_limiter], exporters: [otlp]}
          """;
      // bin/signalbox's options for a small-footprint agent, with room for the heap to grow past the
      // bound (-Xmx1g), and heap sizing that tracks what is in use (see docs/reliability.md): a fixed
      // young generation, and at most 30% (at least 10%) of the heap left free after a collection
      // instead of the JVM's 40-70%, which would let the committed heap exceed the limit by as much.
      List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx1g", "-Xms16m", "-Xss512k", "-XX:MaxMetaspaceSize=128m",
          "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError",
          "-XX:-UsePerfData", "-Xmn32m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, jvm)) {
        // warm-up at a rate the backend takes, then the idle reading
        try (TelemetrygenProcess warm = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--count", "20000", "--seq-start", "0", "--rate", "5000")) {
          assertThat(warm.await(Duration.ofSeconds(60)).failed()).isZero();
        }
        Rig.await(Duration.ofSeconds(30)).until(() -> sink.received() >= 20_000);
        long idleRss = ProcessStats.of(sb.pid()).rssBytes();
        long bound = idleRss + LIMIT_MIB * 1048576L;
        sink.slow(BACKEND_DELAY);

        long first = 1_000_000;
        TelemetrygenProcess.Report report;
        long peakDuringLoad = 0;
        try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--rate", String.valueOf(RATE), "--duration", "10s", "--workers", "8",
            "--attributes", "10", "--attribute-size", "100", "--seq-start", String.valueOf(first),
            "--progress", "2s")) {
          report = gen.await(Duration.ofSeconds(180));
          System.out.println(gen.log());
        }
        Rig.awaitNoGaps(sink, report, Duration.ofSeconds(120), sb);
        ProcessStats stats = ProcessStats.of(sb.pid());
        SeqTally tally = SeqTally.of(sink.seqs(), report.firstSeq(), report.lastSeq());
        double refusedByLimiter = Rig.metric(sb, "otelcol_receiver_refused_requests");
        double queueFull = Rig.metric(sb, "otelcol_exporter_enqueue_failed_spans_total");
        String log = sb.log();
        sb.metrics().lines().filter(l -> l.contains("refused") || l.contains("enqueue_failed"))
            .filter(l -> !l.startsWith("#")).forEach(System.out::println);
        System.out.printf("overload: offered %d spans/s for 10s against a backend taking %d/s; telemetrygen sent %d"
                + " failed %d retries %d (%.0f spans/s accepted); receiver refused %.0f requests, queue refused %.0f spans;"
                + " idle RSS %s, peak RSS %s, bound %s; %s%n", RATE, BACKEND_CAPACITY, report.sent(), report.failed(),
            report.retries(), report.sent() / 10.0, refusedByLimiter, queueFull, Rig.gb(idleRss),
            Rig.gb(stats.peakRssBytes()), Rig.gb(bound), tally.line());

        assertThat(log).doesNotContain("OutOfMemoryError");
        assertThat(log).contains("refusing data until it drops; raise processors.memory_limiter.limit_mib");
        assertThat(sb.process().isAlive()).isTrue();
        assertThat(stats.peakRssBytes()).isLessThanOrEqualTo(bound);
        assertThat(report.retries()).isPositive();
        // every refusal the client saw (and retried) is counted, with its reason; the queue refused none
        assertThat(queueFull).isZero();
        assertThat(refusedByLimiter).isEqualTo((double) report.retries());
        assertThat(report.failed()).isZero();
        assertThat(tally.gaps()).isEmpty();
        assertThat(sb.stop()).isZero();
      }
    }
  }
}
