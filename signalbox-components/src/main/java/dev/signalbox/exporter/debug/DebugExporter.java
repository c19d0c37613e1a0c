package dev.signalbox.exporter.debug;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Exporter;
import dev.signalbox.exporter.debug.DebugExporterConfig.Verbosity;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.telemetry.Meter;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs batches; synchronous, never refuses. */
final class DebugExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger("dev.signalbox.exporter.debug");

  private final ComponentSettings settings;
  private final DebugExporterConfig config;
  private final Sampler sampler;
  private final java.util.function.Consumer<String> out;

  DebugExporter(ComponentSettings settings, DebugExporterConfig config) {
    this(settings, config, System::nanoTime, config.useInternalLogger() ? LOG::info : System.out::println);
  }

  DebugExporter(ComponentSettings settings, DebugExporterConfig config, LongSupplier nanos,
      java.util.function.Consumer<String> out) {
    this.settings = settings;
    this.config = config;
    this.sampler = new Sampler(config.samplingInitial(), config.samplingThereafter(), nanos);
    this.out = out;
  }

  @Override
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    Meter.Counter sent = settings.meter().counter("otelcol_exporter_sent_" + signal.itemName(),
        "Number of " + signal.itemName() + " successfully sent to destination");
    return (ctx, data) -> {
      int n = data.itemCount();
      if (sampler.sample()) {
        out.accept(summary(data));
        if (config.verbosity() != Verbosity.BASIC) {
          String text = TextMarshaler.marshal(data, config.verbosity() == Verbosity.DETAILED);
          if (!text.isEmpty()) {
            out.accept(text);
          }
        }
      }
      sent.add(n);
    };
  }

  private String summary(Telemetry data) {
    String prefix = "{\"otelcol.component.id\": \"" + settings.id() + "\", \"otelcol.component.kind\": \"exporter\", "
        + "\"otelcol.signal\": \"" + data.signal() + "\", ";
    return switch (data) {
      case Traces t -> "Traces\t" + prefix + "\"resource spans\": " + resources(t) + ", \"spans\": " + t.itemCount() + "}";
      case Metrics m -> "Metrics\t" + prefix + "\"resource metrics\": " + resources(m) + ", \"metrics\": "
          + (m.isWireBacked() ? "?" : String.valueOf(m.metricCount())) + ", \"data points\": " + m.itemCount() + "}";
      case Logs l -> "Logs\t" + prefix + "\"resource logs\": " + resources(l) + ", \"log records\": " + l.itemCount() + "}";
      case Profiles p -> "Profiles\t" + prefix + "\"requests\": " + p.requests().size() + ", \"profiles\": "
          + p.itemCount() + "}";
    };
  }

  /** The number of resource entries, without decoding a wire-backed batch ("?" then). */
  private static String resources(Telemetry t) {
    if (t.isWireBacked()) {
      return "\"?\"";
    }
    return String.valueOf(switch (t) {
      case Traces x -> x.resourceSpans().size();
      case Metrics x -> x.resourceMetrics().size();
      case Logs x -> x.resourceLogs().size();
      case Profiles x -> x.requests().size();
    });
  }

  /** The Collector's debug exporter sampling: {@code initial} per second, then every {@code thereafter}-th. */
  static final class Sampler {
    private final int initial;
    private final int thereafter;
    private final LongSupplier nanos;
    private long second = Long.MIN_VALUE;
    private long count;

    Sampler(int initial, int thereafter, LongSupplier nanos) {
      this.initial = initial;
      this.thereafter = thereafter;
      this.nanos = nanos;
    }

    synchronized boolean sample() {
      long s = nanos.getAsLong() / 1_000_000_000L;
      if (s != second) {
        second = s;
        count = 0;
      }
      count++;
      return count <= initial || (count - initial) % thereafter == 0;
    }
  }
}
