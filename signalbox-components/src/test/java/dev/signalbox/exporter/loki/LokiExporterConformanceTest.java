package dev.signalbox.exporter.loki;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class LokiExporterConformanceTest extends ExporterConformance<LokiExporterConfig> {
  @Override
  protected ExporterFactory<LokiExporterConfig> factory() {
    return new LokiExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: http://127.0.0.1:9/loki/api/v1/push\n";
  }
}
