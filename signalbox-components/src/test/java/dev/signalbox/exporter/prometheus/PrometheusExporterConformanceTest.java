package dev.signalbox.exporter.prometheus;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class PrometheusExporterConformanceTest extends ExporterConformance<PrometheusExporterConfig> {
  @Override
  protected ExporterFactory<PrometheusExporterConfig> factory() {
    return new PrometheusExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: 127.0.0.1:0\n";
  }
}
