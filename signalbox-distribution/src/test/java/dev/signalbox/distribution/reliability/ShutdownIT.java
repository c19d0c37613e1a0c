package dev.signalbox.distribution.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.distribution.telemetrygen.SeqSink;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.SignalboxProcess;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown, step by step, on a real process: SIGTERM stops the receivers first, the batch
 * processor flushes, the queues drain within {@code --shutdown-timeout}, and a second signal exits
 * at once. (What a persistent queue keeps when the deadline comes first, with its log line, is in
 * {@link DamagedQueueIT}.)
 */
class ShutdownIT {
  @TempDir
  Path dir;

  @Test
  void sigtermFlushesTheBatchProcessorAndDrainsTheQueue() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      String config = Rig.receiver(port) + """
          processors:
            batch: {timeout: 60s, send_batch_size: 1000000}
          exporters:
          """ + Rig.otlpExporter(sink.endpoint(), "num_consumers: 1") + """
          service:
            pipelines:
              traces: {receivers: [otlp], processors: [batch], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, Rig.JVM,
          List.of("--shutdown-timeout", "20s"))) {
        try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--count", "5000", "--seq-start", "0")) {
          assertThat(gen.await(Duration.ofSeconds(60)).sent()).isEqualTo(5000);
        }
        // held by the batch processor (timeout 60s): nothing reached the backend
        Rig.await(Duration.ofSeconds(5)).during(Duration.ofSeconds(1)).until(() -> sink.received() == 0);
        sink.slow(Duration.ofMillis(200)); // draining takes a moment: the exporter has one consumer

        long t0 = System.nanoTime();
        assertThat(sb.stop()).isZero();
        double seconds = (System.nanoTime() - t0) / 1e9;
        SeqTally tally = SeqTally.of(sink.seqs(), 0, 4999);
        System.out.printf("shutdown: exited 0 after %.1fs; %s%n", seconds, tally.line());
        assertThat(tally.gaps()).isEmpty();
        String log = sb.log();
        assertThat(log).contains("received SIGTERM; shutting down gracefully").contains("shutdown complete");
        assertThat(log).doesNotContain("dropped");
      }
    }
  }

  @Test
  void receiversStopFirstAndASecondSignalExitsAtOnce() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      sink.down();
      String config = Rig.receiver(port) + "exporters:\n" + Rig.otlpExporter(sink.endpoint(), "num_consumers: 1")
          + """
          service:
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, Rig.JVM,
          List.of("--shutdown-timeout", "5m"))) {
        try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--count", "1000", "--seq-start", "0")) {
          assertThat(gen.await(Duration.ofSeconds(60)).sent()).isEqualTo(1000);
        }
        sb.signalTerm();
        sb.awaitLog("shutting down (deadline", Duration.ofSeconds(10));
        // the receiver is closed while the exporter still retries its queue
        Rig.await(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class));
        assertThat(sb.process().isAlive()).isTrue();
        assertThat(sb.awaitExit(Duration.ofMillis(500))).isNull(); // still draining, and past the 300ms echo window

        long t0 = System.nanoTime();
        sb.signalTerm();
        Integer code = sb.awaitExit(Duration.ofSeconds(10));
        System.out.printf("second signal: exited %s after %.2fs%n", code, (System.nanoTime() - t0) / 1e9);
        assertThat(code).isEqualTo(130);
        assertThat(sb.log()).contains("received SIGTERM again; exiting without waiting");
      }
    }
  }

  @Test
  void aMemoryQueueThatCannotDrainByTheDeadlineReportsWhatItDrops() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      sink.down();
      String config = Rig.receiver(port) + "exporters:\n" + Rig.otlpExporter(sink.endpoint(), "num_consumers: 1")
          + """
          service:
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, Rig.JVM,
          List.of("--shutdown-timeout", "2s"))) {
        try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--count", "1000", "--seq-start", "0", "--workers", "1")) {
          assertThat(gen.await(Duration.ofSeconds(60)).sent()).isEqualTo(1000);
        }
        long t0 = System.nanoTime();
        assertThat(sb.stop()).isZero();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String log = sb.log();
        System.out.printf("memory queue at the deadline: exited 0 after %.1fs; %s%n", seconds,
            log.lines().filter(l -> l.contains("shutdown deadline")).toList());
        assertThat(seconds).isLessThan(10);
        // one request is being retried, the other nine wait in the queue: all 1000 spans are reported
        assertThat(log).contains("dropped 100 spans: the shutdown deadline came before they could be sent");
        assertThat(log).contains("dropped 900 spans in 9 queued batches: the shutdown deadline came before they"
            + " could be sent");
      }
    }
  }
}
