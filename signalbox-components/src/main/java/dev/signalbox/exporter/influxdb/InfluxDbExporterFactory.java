package dev.signalbox.exporter.influxdb;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code influxdb} exporter (metrics). */
public final class InfluxDbExporterFactory implements ExporterFactory<InfluxDbExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("influxdb");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<InfluxDbExporterConfig> configClass() {
    return InfluxDbExporterConfig.class;
  }

  @Override
  public InfluxDbExporterConfig defaultConfig() {
    return InfluxDbExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Writes metrics as InfluxDB line protocol (Telegraf Prometheus schema v1 or v2) to the v1 or v2 write API";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.METRICS, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, InfluxDbExporterConfig config, Set<Signal<?>> signals) {
    return new InfluxDbExporter(settings, config);
  }
}
