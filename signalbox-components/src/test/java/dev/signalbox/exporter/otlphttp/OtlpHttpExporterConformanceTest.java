package dev.signalbox.exporter.otlphttp;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class OtlpHttpExporterConformanceTest extends ExporterConformance<OtlpHttpExporterConfig> {
  @Override
  protected ExporterFactory<OtlpHttpExporterConfig> factory() {
    return new OtlpHttpExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: http://127.0.0.1:4318\n";
  }
}
