package dev.signalbox.distribution.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.distribution.telemetrygen.SeqSink;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.ProcessStats;
import dev.signalbox.testing.SignalboxProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the persistent queue costs end to end: Signalbox's CPU-seconds per million spans
 * (otlp receiver → otlp exporter with {@code sending_queue.batch}), with the queue in memory and
 * in file_storage (fsync batch, the default). telemetrygen and the sink are separate processes /
 * the test JVM and are not counted. Not run by {@code bin/test} (the name matches neither *Test nor
 * *IT); results go to docs/benchmarks.md.
 *
 * <pre>
 * mvn -o -pl signalbox-distribution -am test -Dtest=PersistentQueueCpuBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * # knobs: -Dbench.spans=1000000 -Dbench.rate=100000 -Dbench.rounds=3
 * </pre>
 */
@Tag("benchmark")
class PersistentQueueCpuBenchmark {
  static final long SPANS = Long.getLong("bench.spans", 1_000_000);
  static final long RATE = Long.getLong("bench.rate", 100_000);
  static final long WARMUP = 200_000;
  static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

  @TempDir
  Path dir;

  @Test
  void cpuPerMillionSpansWithTheQueueInMemoryAndOnDisk() throws Exception {
    StringBuilder table = new StringBuilder();
    // interleaved, so that a change in the machine's load hits both alike
    for (int round = 0; round < ROUNDS; round++) {
      for (String queue : List.of("memory", "file_storage")) {
        table.append(run(queue, round)).append('\n');
      }
    }
    System.out.println("| Queue | run | CPU-seconds per 1M spans | spans per CPU-second | wall spans/s | peak RSS |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.print(table);
  }

  private String run(String queue, int round) throws Exception {
    int port = Ports.free();
    Path storage = dir.resolve("queue-" + queue + round);
    Files.createDirectories(storage);
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      String sq = (queue.equals("memory") ? "" : "storage: file_storage, ")
          + "sizer: items, queue_size: 5000000, max_bytes: 1GiB, batch: {flush_timeout: 200ms, min_size: 8192}";
      String config = """
          extensions:
            file_storage: {directory: "%s"}
          """.formatted(storage) + Rig.receiver(port) + "exporters:\n" + Rig.otlpExporter(sink.endpoint(), sq) + """
          service:
            extensions: [file_storage]
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve(queue + round), config,
          List.of("-Xmx1g", "-XX:+UseParallelGC"))) {
        load(port, WARMUP, 0);
        Rig.await(Duration.ofSeconds(120)).until(() -> sink.received() >= WARMUP);
        ProcessStats before = ProcessStats.of(sb.pid());
        long t0 = System.nanoTime();
        TelemetrygenProcess.Report r = load(port, SPANS, 10_000_000);
        Rig.await(Duration.ofSeconds(300)).until(() -> sink.received() >= WARMUP + SPANS);
        double wall = (System.nanoTime() - t0) / 1e9;
        ProcessStats after = ProcessStats.of(sb.pid());
        assertThat(r.failed()).isZero();
        double cpu = after.cpuSince(before) * 1_000_000.0 / SPANS;
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %,.0f | %,.0f | %s |", queue, round + 1, cpu,
            1_000_000 / cpu, SPANS / wall, Rig.gb(after.peakRssBytes()));
      }
    }
  }

  private TelemetrygenProcess.Report load(int port, long count, long seqStart) throws Exception {
    try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint", "127.0.0.1:" + port,
        "--count", String.valueOf(count), "--rate", String.valueOf(RATE), "--workers", "4", "--batch-size", "100",
        "--seq-start", String.valueOf(seqStart), "--progress", "0s")) {
      return gen.await(Duration.ofSeconds(300));
    }
  }
}
