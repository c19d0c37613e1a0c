package dev.signalbox.exporter.zipkin;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code zipkin} exporter (Zipkin v2 JSON or proto3 over HTTP). */
public final class ZipkinExporterFactory implements ExporterFactory<ZipkinExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("zipkin");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<ZipkinExporterConfig> configClass() {
    return ZipkinExporterConfig.class;
  }

  @Override
  public ZipkinExporterConfig defaultConfig() {
    return ZipkinExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Sends spans to Zipkin (v2 JSON or proto3 over HTTP), with queue and retries";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, ZipkinExporterConfig config, Set<Signal<?>> signals) {
    return new ZipkinExporter(settings, config);
  }
}
