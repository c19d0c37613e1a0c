package dev.signalbox.exporter.otlphttp;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code otlphttp} exporter (OTLP over HTTP, protobuf or JSON). */
public final class OtlpHttpExporterFactory implements ExporterFactory<OtlpHttpExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("otlphttp");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<OtlpHttpExporterConfig> configClass() {
    return OtlpHttpExporterConfig.class;
  }

  @Override
  public OtlpHttpExporterConfig defaultConfig() {
    return OtlpHttpExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Sends OTLP over HTTP (protobuf or JSON), with queue and retries";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.STABLE, Signal.METRICS, Stability.STABLE, Signal.LOGS, Stability.STABLE,
        Signal.PROFILES, Stability.ALPHA);
  }

  /**
   * @throws IllegalArgumentException when one of {@code signals} has no URL, or profiles would be
   *     sent as JSON
   */
  @Override
  public Exporter create(ComponentSettings settings, OtlpHttpExporterConfig config, Set<Signal<?>> signals) {
    return new OtlpHttpExporter(settings, config, signals);
  }
}
