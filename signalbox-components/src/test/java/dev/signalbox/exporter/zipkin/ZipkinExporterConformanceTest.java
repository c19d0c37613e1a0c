package dev.signalbox.exporter.zipkin;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class ZipkinExporterConformanceTest extends ExporterConformance<ZipkinExporterConfig> {
  @Override
  protected ExporterFactory<ZipkinExporterConfig> factory() {
    return new ZipkinExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: http://127.0.0.1:9/api/v2/spans\n";
  }
}
