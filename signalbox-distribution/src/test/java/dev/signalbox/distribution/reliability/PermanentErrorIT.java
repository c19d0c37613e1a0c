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
 * A backend that refuses everything permanently (gRPC INVALID_ARGUMENT, HTTP 400): Signalbox drops
 * each batch at once, counts it with reason {@code permanent} and logs it with the key to check; it
 * never retries, so the backend is offered each item exactly once.
 */
class PermanentErrorIT {
  static final int COUNT = 10_000;

  @TempDir
  Path dir;

  @Test
  void permanentRefusalsAreDroppedAtOnceCountedAndNeverRetried() throws Exception {
    int port = Ports.free();
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false).permanent(true)) {
      String config = Rig.receiver(port) + "exporters:\n" + Rig.otlpExporter(sink.endpoint(),
          "batch: {flush_timeout: 100ms, min_size: 1000}") + """
          service:
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb"), config, Rig.JVM)) {
        TelemetrygenProcess.Report report;
        try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--count", String.valueOf(COUNT), "--seq-start", "0", "--rate", "20000")) {
          report = gen.await(Duration.ofSeconds(60));
        }
        Rig.await(Duration.ofSeconds(30)).until(() ->
            Rig.metric(sb, "otelcol_exporter_send_failed_spans_total", "reason=\"permanent\"") == COUNT);
        // nothing more comes: no retry of anything
        int attempts = sink.attempts();
        Rig.await(Duration.ofSeconds(5)).during(Duration.ofSeconds(2)).until(() -> sink.attempts() == attempts);
        SeqTally offered = SeqTally.of(sink.attemptedSeqs(), 0, COUNT - 1);
        System.out.printf("permanent: telemetrygen sent %d failed %d; the backend was offered %d requests"
                + " (offered seqs: %s); send_failed{permanent} %.0f, retries %.0f%n", report.sent(), report.failed(), attempts,
            offered.line(), Rig.metric(sb, "otelcol_exporter_send_failed_spans_total", "reason=\"permanent\""),
            Rig.metric(sb, "otelcol_exporter_retries"));

        assertThat(report.sent()).isEqualTo(COUNT); // accepted by Signalbox, which then owns them
        assertThat(sink.received()).isZero();
        assertThat(offered.unique()).isEqualTo(COUNT);
        assertThat(offered.duplicates()).isZero();
        assertThat(Rig.metric(sb, "otelcol_exporter_retries")).isZero();
        assertThat(Rig.metric(sb, "otelcol_exporter_sent_spans_total")).isZero();
        assertThat(Rig.metric(sb, "otelcol_exporter_send_failed_spans_total")).isEqualTo(COUNT);
        assertThat(sb.log()).contains("dropped").contains("the backend refused them permanently")
            .contains("check the data and exporters.otlp (endpoint, auth)");
        assertThat(sb.stop()).isZero();
      }
    }
  }
}
