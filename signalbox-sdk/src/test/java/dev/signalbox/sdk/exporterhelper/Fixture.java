package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the helper tests share: settings for exporter "otlp" with a test meter, status and log. */
final class Fixture {
  /** A status change: the status and its message. */
  record Status(ComponentStatus status, String error) {}

  final TestMeter meter = new TestMeter();
  final FakeTime time = new FakeTime();
  final List<Status> statuses = new CopyOnWriteArrayList<>();
  final List<String> logLines = new CopyOnWriteArrayList<>();
  final ComponentSettings settings = new ComponentSettings(ComponentId.of("otlp"), Kind.EXPORTER, "",
      meter.withLabels("exporter", "otlp"), recordingStatus(), BuildInfo.DEFAULT);

  private StatusReporter recordingStatus() {
    return (status, error) -> statuses.add(new Status(status, error));
  }

  /** A builder with the fake time, jitter fixed at the middle (waits are exactly the intervals). */
  <T extends Telemetry> ExporterHelper.Builder<T> builder(Signal<T> signal, PushFunction<T> push) {
    return ExporterHelper.builder(settings, signal, push)
        .timeSource(time)
        .random(() -> 0.5)
        .logSink((level, line) -> logLines.add(level + " " + line));
  }

  ExporterHelper.Builder<Traces> traces(PushFunction<Traces> push) {
    return builder(Signal.TRACES, push);
  }

  /** A wire-backed batch with exactly {@code items} spans and {@code bytes} bytes (sizeHint). */
  static Traces spans(int items, int bytes) {
    return Traces.fromWire(new WireChunk(new byte[bytes], 0, bytes, items), (chunk, into) -> {});
  }

  static Traces spans(int items) {
    return spans(items, 100);
  }

  long counter(String name, String... labels) {
    String[] all = new String[labels.length + 2];
    all[0] = "exporter";
    all[1] = "otlp";
    System.arraycopy(labels, 0, all, 2, labels.length);
    return meter.value(name, all);
  }

  long sent() {
    return counter("otelcol_exporter_sent_spans");
  }

  long failed(String reason) {
    return counter("otelcol_exporter_send_failed_spans", "reason", reason);
  }

  long enqueueFailed(String reason) {
    return counter("otelcol_exporter_enqueue_failed_spans", "reason", reason);
  }

  double gauge(String name) {
    return meter.gauge(name, "exporter", "otlp", "data_type", "traces");
  }
}
