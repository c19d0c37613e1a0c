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
 * The backend goes down for 60 s in the middle of a 5,000 spans/s load and comes back: every span
 * telemetrygen was told was accepted reaches the backend (0 gaps); duplicates are reported.
 */
class BackendOutageIT {
  static final int RATE = 5_000;
  static final Duration OUTAGE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void aSixtySecondOutageLosesNothing() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      String config = Rig.receiver(port) + "exporters:\n" + Rig.otlpExporter(sink.endpoint(),
          "sizer: items, queue_size: 2000000, max_bytes: 384MiB, batch: {flush_timeout: 200ms, min_size: 2000}") + """
          service:
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, Rig.JVM);
          TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint", "127.0.0.1:" + port,
              "--rate", String.valueOf(RATE), "--duration", "75s", "--seq-start", "1000000", "--progress", "5s")) {
        // 5 s of load reach the backend, then it stops listening for 60 s
        Rig.await(Duration.ofSeconds(30)).until(() -> sink.received() >= 5 * RATE);
        sink.down();
        int before = sink.received();
        Rig.await(OUTAGE.plusSeconds(5)).during(OUTAGE).until(() -> sink.received() == before);
        double queuedAtEnd = Rig.metric(sb, "otelcol_exporter_queue_size", "data_type=\"traces\"");
        sink.up();

        TelemetrygenProcess.Report report = gen.await(Duration.ofSeconds(120));
        SeqTally tally = Rig.awaitNoGaps(sink, report, Duration.ofSeconds(90), sb);
        System.out.printf("outage: telemetrygen sent %d failed %d retries %d; queued at the end of the outage %.0f"
                + " spans; %s; exporter retries %.0f%n", report.sent(), report.failed(), report.retries(),
            queuedAtEnd, tally.line(), Rig.metric(sb, "otelcol_exporter_retries"));

        assertThat(report.failed()).as(gen.log()).isZero();
        assertThat(report.sent()).isEqualTo(report.generated());
        assertThat(tally.gaps()).isEmpty();
        assertThat(tally.outside()).isZero();
        assertThat(queuedAtEnd).isGreaterThan(0);
        assertThat(Rig.metric(sb, "otelcol_exporter_send_failed_spans_total")).isZero();
        assertThat(Rig.metric(sb, "otelcol_exporter_enqueue_failed_spans_total")).isZero();
        assertThat(Rig.metric(sb, "otelcol_exporter_retries")).isPositive();
        assertThat(Rig.metric(sb, "otelcol_exporter_sent_spans_total")).isGreaterThanOrEqualTo(tally.unique());
        Rig.await(Duration.ofSeconds(10)).until(() ->
            Rig.metric(sb, "otelcol_exporter_queue_size", "data_type=\"traces\"") == 0);
        assertThat(sb.stop()).isZero();
      }
    }
  }
}
