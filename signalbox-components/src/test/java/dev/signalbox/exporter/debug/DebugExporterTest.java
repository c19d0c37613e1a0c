package dev.signalbox.exporter.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Kind;
import dev.signalbox.exporter.debug.DebugExporterConfig.Verbosity;
import dev.signalbox.pdata.Signal;
import dev.signalbox.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DebugExporterTest {
  final List<String> lines = new ArrayList<>();
  final AtomicLong nanos = new AtomicLong();

  DebugExporter exporter(Verbosity v, int initial, int thereafter) {
    return new DebugExporter(ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("debug")),
        new DebugExporterConfig(v, initial, thereafter, true), nanos::get, lines::add);
  }

  @Test
  void basicLogsOneSummaryLinePerBatch() throws Exception {
    exporter(Verbosity.BASIC, 2, 1).consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(3));
    assertThat(lines).containsExactly("Traces\t{\"otelcol.component.id\": \"debug\", \"otelcol.component.kind\": "
        + "\"exporter\", \"otelcol.signal\": \"traces\", \"resource spans\": 1, \"spans\": 3}");
  }

  @Test
  void detailedDumpsEveryField() throws Exception {
    exporter(Verbosity.DETAILED, 2, 1).consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(7, 1));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains(
        "ResourceLog #0\nResource SchemaURL: \nResource attributes:\n     -> service.name: Str(svc)\n",
        "LogRecord #0\n",
        "SeverityNumber: Info(9)\n",
        "Body: Str(log line 7)\n",
        "Attributes:\n     -> seq: Int(7)\n");
  }

  @Test
  void samplesAfterTheInitialBatchesOfEachSecond() throws Exception {
    var c = exporter(Verbosity.BASIC, 2, 3).consumer(Signal.METRICS);
    for (int i = 0; i < 8; i++) {
      c.consume(Context.empty(), TestData.metrics(0, 1));
    }
    // batches 1, 2 (initial), then 5 and 8 (every third after the initial ones)
    assertThat(lines).hasSize(4);
    nanos.addAndGet(1_000_000_000L);
    c.consume(Context.empty(), TestData.metrics(0, 1));
    assertThat(lines).hasSize(5);
  }
}
