package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code prometheusremotewrite} exporter. */
public final class PrometheusRemoteWriteExporterFactory implements ExporterFactory<PrometheusRemoteWriteExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("prometheusremotewrite");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<PrometheusRemoteWriteExporterConfig> configClass() {
    return PrometheusRemoteWriteExporterConfig.class;
  }

  @Override
  public PrometheusRemoteWriteExporterConfig defaultConfig() {
    return PrometheusRemoteWriteExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Sends metrics as Prometheus remote write 1.0 (protobuf + snappy), translated as the OpenTelemetry spec says";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.METRICS, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, PrometheusRemoteWriteExporterConfig config,
      Set<Signal<?>> signals) {
    return new PrometheusRemoteWriteExporter(settings, config);
  }
}
