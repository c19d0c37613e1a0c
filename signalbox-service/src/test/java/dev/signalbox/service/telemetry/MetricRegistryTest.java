package dev.signalbox.service.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.telemetry.Meter;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
  @Test
  void rendersCountersWithTotalSuffixGaugesAndHistogramsInPrometheusText() {
    MetricRegistry r = new MetricRegistry();
    Meter exporter = r.meter().withLabels("exporter", "otlp/2");
    exporter.counter("otelcol_exporter_sent_spans", "Number of spans sent").add(42);
    exporter.counter("otelcol_exporter_sent_spans", "Number of spans sent").add(8);
    exporter.gauge("otelcol_exporter_queue_size", "Current size of the queue", () -> 3, "data_type", "traces");
    Meter.Histogram h = r.meter().withLabels("processor", "batch")
        .histogram("otelcol_processor_batch_batch_send_size", "Items in a sent batch", new double[] {10, 100});
    h.record(5);
    h.record(50);
    h.record(500);

    assertThat(r.renderPrometheusText()).isEqualTo("""
        # HELP otelcol_exporter_queue_size Current size of the queue
        # TYPE otelcol_exporter_queue_size gauge
        otelcol_exporter_queue_size{data_type="traces",exporter="otlp/2"} 3
        # HELP otelcol_exporter_sent_spans_total Number of spans sent
        # TYPE otelcol_exporter_sent_spans_total counter
        otelcol_exporter_sent_spans_total{exporter="otlp/2"} 50
        # HELP otelcol_processor_batch_batch_send_size Items in a sent batch
        # TYPE otelcol_processor_batch_batch_send_size histogram
        otelcol_processor_batch_batch_send_size_bucket{processor="batch",le="10"} 1
        otelcol_processor_batch_batch_send_size_bucket{processor="batch",le="100"} 2
        otelcol_processor_batch_batch_send_size_bucket{processor="batch",le="+Inf"} 3
        otelcol_processor_batch_batch_send_size_sum{processor="batch"} 555
        otelcol_processor_batch_batch_send_size_count{processor="batch"} 3
        """);
    assertThat(r.value("otelcol_exporter_sent_spans", "exporter", "otlp/2")).isEqualTo(50);
  }

  @Test
  void escapesLabelValuesAndRejectsBadNames() {
    MetricRegistry r = new MetricRegistry("service_name", "signalbox");
    r.meter().counter("x", "help", "k", "a\"b\\c\nd").inc();
    assertThat(r.renderPrometheusText()).contains("x_total{k=\"a\\\"b\\\\c\\nd\",service_name=\"signalbox\"} 1");
    assertThatThrownBy(() -> r.meter().counter("bad-name", "h")).hasMessage("invalid metric name 'bad-name'");
    assertThatThrownBy(() -> r.meter().gauge("x", "h", () -> 1)).hasMessage("metric 'x' is already registered as a COUNTER");
  }
}
