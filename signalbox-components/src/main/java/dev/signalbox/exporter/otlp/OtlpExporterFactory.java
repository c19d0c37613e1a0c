package dev.signalbox.exporter.otlp;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code otlp} exporter (OTLP over gRPC). */
public final class OtlpExporterFactory implements ExporterFactory<OtlpExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("otlp");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<OtlpExporterConfig> configClass() {
    return OtlpExporterConfig.class;
  }

  @Override
  public OtlpExporterConfig defaultConfig() {
    return OtlpExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Sends OTLP over gRPC, with queue and retries";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.STABLE, Signal.METRICS, Stability.STABLE, Signal.LOGS, Stability.STABLE,
        Signal.PROFILES, Stability.ALPHA);
  }

  @Override
  public Exporter create(ComponentSettings settings, OtlpExporterConfig config, Set<Signal<?>> signals) {
    return new OtlpExporter(settings, config, signals);
  }
}
