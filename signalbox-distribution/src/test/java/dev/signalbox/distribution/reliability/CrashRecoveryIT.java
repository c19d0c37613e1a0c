package dev.signalbox.distribution.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.distribution.telemetrygen.SeqSink;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.SignalboxProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of Signalbox in the middle of a load, with the crash-safe configuration
 * (persistent queue in file_storage, exporter-level batching, no batch processor) while a backlog
 * is being delivered, then a restart
 * with the same config: every span telemetrygen was told was accepted reaches the backend (0
 * gaps); the duplicates that at-least-once delivery allows are counted and reported.
 */
class CrashRecoveryIT {
  static final int RATE = 5_000;

  @TempDir
  Path dir;

  static String config(int port, String sink, Path storage) {
    return """
        extensions:
          file_storage: {directory: "%s", create_directory: true}
        """.formatted(storage) + Rig.receiver(port) + "exporters:\n" + Rig.otlpExporter(sink,
        "storage: file_storage, sizer: items, queue_size: 5000000, max_bytes: 1GiB,"
            + " batch: {flush_timeout: 200ms, min_size: 2000}") + """
        service:
          extensions: [file_storage]
          pipelines:
            traces: {receivers: [otlp], exporters: [otlp]}
        """;
  }

  @Test
  void killDashNineLosesNothingThatWasAccepted() throws Exception {
    int port = Ports.free();
    Path storage = dir.resolve("queue");
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      String config = config(port, sink.endpoint(), storage);
      SignalboxProcess first = SignalboxProcess.start(dir.resolve("sb1"), config, Rig.JVM);
      try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint", "127.0.0.1:" + port,
          "--rate", String.valueOf(RATE), "--duration", "20s", "--seq-start", "5000000", "--progress", "5s")) {
        // 3 s reach the (slowish) backend; then it is down for a while, so a backlog builds up on
        // disk; it comes back, and while the backlog drains (deliveries in flight, acknowledgements
        // being written) Signalbox is killed
        sink.slow(Duration.ofMillis(200));
        Rig.await(Duration.ofSeconds(30)).until(() -> sink.received() >= 3 * RATE);
        sink.down();
        Rig.await(Duration.ofSeconds(30)).until(() ->
            Rig.metric(first, "otelcol_exporter_queue_size", "data_type=\"traces\"") >= 2 * RATE);
        int before = sink.received();
        sink.up();
        Rig.await(Duration.ofSeconds(30)).until(() -> sink.received() >= before + 2_000);
        double backlog = Rig.metric(first, "otelcol_exporter_queue_size", "data_type=\"traces\"");
        double acceptedBeforeKill = Rig.metric(first, "otelcol_receiver_accepted_spans_total");
        first.kill();

        try (SignalboxProcess second = SignalboxProcess.start(dir.resolve("sb2"), config, Rig.JVM)) {
          assertThat(second.log()).contains("recovered from the previous run are sent first");
          TelemetrygenProcess.Report report = gen.await(Duration.ofSeconds(90));
          SeqTally tally = Rig.awaitNoGaps(sink, report, Duration.ofSeconds(60), first, second);
          System.out.printf("kill -9: %.0f spans accepted before the kill, %.0f of them still queued (on disk, or being delivered); telemetrygen"
                  + " sent %d failed %d retries %d; %s%n", acceptedBeforeKill, backlog, report.sent(), report.failed(),
              report.retries(), tally.line());

          assertThat(report.failed()).as(gen.log()).isZero();
          assertThat(report.sent()).isEqualTo(report.generated());
          assertThat(tally.gaps()).isEmpty();
          assertThat(tally.outside()).isZero();
          assertThat(second.stop()).isZero();
        }
      } finally {
        first.close();
      }
    }
  }
}
