package dev.signalbox.exporter.splunkhec;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class SplunkHecExporterConformanceTest extends ExporterConformance<SplunkHecExporterConfig> {
  @Override
  protected ExporterFactory<SplunkHecExporterConfig> factory() {
    return new SplunkHecExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: http://127.0.0.1:9/services/collector\ntoken: abc\n";
  }
}
