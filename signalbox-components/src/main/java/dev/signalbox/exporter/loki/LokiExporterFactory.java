package dev.signalbox.exporter.loki;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code loki} exporter (Loki push API, protobuf+snappy or JSON). */
public final class LokiExporterFactory implements ExporterFactory<LokiExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("loki");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<LokiExporterConfig> configClass() {
    return LokiExporterConfig.class;
  }

  @Override
  public LokiExporterConfig defaultConfig() {
    return LokiExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Pushes logs to Grafana Loki (/loki/api/v1/push), labels from resource and attribute hints";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.LOGS, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, LokiExporterConfig config, Set<Signal<?>> signals) {
    return new LokiExporter(settings, config);
  }
}
