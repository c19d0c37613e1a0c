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
 * A sending queue that fills while the backend is down refuses, and says so: every refused request
 * is counted in {@code otelcol_exporter_enqueue_failed_spans{reason="queue_full"}} (exactly the
 * client's retries × the request's spans), logged with the key to raise, and returned to the client
 * as a retryable refusal; the client's retries make the refusals lossless once the backend returns.
 */
class QueueFullIT {
  static final int PER_REQUEST = 100;

  @TempDir
  Path dir;

  @Test
  void aFullQueueRefusesCountsAndLosesNothing() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      sink.down();
      String config = Rig.receiver(port) + "exporters:\n"
          + Rig.otlpExporter(sink.endpoint(), "num_consumers: 1, queue_size: 5") + """
          service:
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, Rig.JVM);
          TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint", "127.0.0.1:" + port,
              "--count", "2000", "--batch-size", String.valueOf(PER_REQUEST), "--workers", "1", "--seq-start", "0")) {
        assertThat(Rig.metric(sb, "otelcol_exporter_queue_capacity", "data_type=\"traces\"")).isEqualTo(5);
        Rig.await(Duration.ofSeconds(30)).until(() ->
            Rig.metric(sb, "otelcol_exporter_enqueue_failed_spans_total", "reason=\"queue_full\"") >= 5 * PER_REQUEST);
        assertThat(Rig.metric(sb, "otelcol_exporter_queue_size", "data_type=\"traces\"")).isEqualTo(5);
        sink.up();

        TelemetrygenProcess.Report report = gen.await(Duration.ofSeconds(120));
        SeqTally tally = Rig.awaitNoGaps(sink, report, Duration.ofSeconds(30), sb);
        double refused = Rig.metric(sb, "otelcol_exporter_enqueue_failed_spans_total", "reason=\"queue_full\"");
        System.out.printf("queue full: telemetrygen sent %d failed %d retries %d; enqueue_failed{queue_full} %.0f"
            + " spans; %s%n", report.sent(), report.failed(), report.retries(), refused, tally.line());

        assertThat(report.failed()).isZero();
        assertThat(tally.gaps()).isEmpty();
        assertThat(refused).isEqualTo((double) report.retries() * PER_REQUEST);
        assertThat(Rig.metric(sb, "otelcol_exporter_send_failed_spans_total")).isZero();
        Rig.await(Duration.ofSeconds(10)).until(() ->
            Rig.metric(sb, "otelcol_exporter_queue_size", "data_type=\"traces\"") == 0);
        assertThat(sb.log()).contains("sending queue is full (5 requests); raise exporters.otlp.sending_queue.queue_size"
            + " or enable exporters.otlp.sending_queue.block_on_overflow");
        assertThat(sb.stop()).isZero();
      }
    }
  }
}
