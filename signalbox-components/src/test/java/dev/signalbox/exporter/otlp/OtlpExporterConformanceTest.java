package dev.signalbox.exporter.otlp;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class OtlpExporterConformanceTest extends ExporterConformance<OtlpExporterConfig> {
  @Override
  protected ExporterFactory<OtlpExporterConfig> factory() {
    return new OtlpExporterFactory();
  }

  /** The channel connects lazily, so nothing needs to listen there. */
  @Override
  protected String configYaml() {
    return "endpoint: 127.0.0.1:4317\ntls: {insecure: true}\n";
  }
}
