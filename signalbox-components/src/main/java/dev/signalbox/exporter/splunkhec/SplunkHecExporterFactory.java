package dev.signalbox.exporter.splunkhec;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code splunk_hec} exporter (Splunk HTTP Event Collector). */
public final class SplunkHecExporterFactory implements ExporterFactory<SplunkHecExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("splunk_hec");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<SplunkHecExporterConfig> configClass() {
    return SplunkHecExporterConfig.class;
  }

  @Override
  public SplunkHecExporterConfig defaultConfig() {
    return SplunkHecExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Sends logs, spans and metrics to Splunk's HTTP Event Collector (/services/collector)";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA, Signal.METRICS, Stability.BETA, Signal.LOGS, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, SplunkHecExporterConfig config, Set<Signal<?>> signals) {
    return new SplunkHecExporter(settings, config, signals);
  }
}
