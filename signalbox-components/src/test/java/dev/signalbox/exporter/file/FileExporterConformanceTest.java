package dev.signalbox.exporter.file;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileExporterConformanceTest extends ExporterConformance<FileExporterConfig> {
  @TempDir
  Path dir;

  @Override
  protected ExporterFactory<FileExporterConfig> factory() {
    return new FileExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "path: \"" + dir.resolve("out.json") + "\"\nrotation: {max_megabytes: 10}\n";
  }
}
