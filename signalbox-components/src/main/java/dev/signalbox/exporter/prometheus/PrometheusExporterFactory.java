package dev.signalbox.exporter.prometheus;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code prometheus} exporter. */
public final class PrometheusExporterFactory implements ExporterFactory<PrometheusExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("prometheus");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<PrometheusExporterConfig> configClass() {
    return PrometheusExporterConfig.class;
  }

  @Override
  public PrometheusExporterConfig defaultConfig() {
    return PrometheusExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Serves the latest value of every metric series for Prometheus to scrape (text 0.0.4 and OpenMetrics 1.0)";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.METRICS, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, PrometheusExporterConfig config, Set<Signal<?>> signals) {
    return new PrometheusExporter(settings, config, Clock.systemUTC());
  }
}
