package dev.signalbox.exporter.debug;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code debug} exporter. */
public final class DebugExporterFactory implements ExporterFactory<DebugExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("debug");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<DebugExporterConfig> configClass() {
    return DebugExporterConfig.class;
  }

  @Override
  public DebugExporterConfig defaultConfig() {
    return DebugExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Logs what goes through a pipeline, for debugging";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.DEVELOPMENT, Signal.METRICS, Stability.DEVELOPMENT,
        Signal.LOGS, Stability.DEVELOPMENT, Signal.PROFILES, Stability.DEVELOPMENT);
  }

  @Override
  public Exporter create(ComponentSettings settings, DebugExporterConfig config, Set<Signal<?>> signals) {
    return new DebugExporter(settings, config);
  }
}
