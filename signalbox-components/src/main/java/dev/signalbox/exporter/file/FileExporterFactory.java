package dev.signalbox.exporter.file;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code file} exporter. */
public final class FileExporterFactory implements ExporterFactory<FileExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("file");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<FileExporterConfig> configClass() {
    return FileExporterConfig.class;
  }

  @Override
  public FileExporterConfig defaultConfig() {
    return FileExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Writes OTLP JSON lines or length-prefixed protobuf to a file, with rotation and compression";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.ALPHA, Signal.METRICS, Stability.ALPHA, Signal.LOGS, Stability.ALPHA,
        Signal.PROFILES, Stability.DEVELOPMENT);
  }

  @Override
  public Exporter create(ComponentSettings settings, FileExporterConfig config, Set<Signal<?>> signals) {
    return new FileExporter(settings, config);
  }
}
