package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class PrometheusRemoteWriteExporterConformanceTest extends ExporterConformance<PrometheusRemoteWriteExporterConfig> {
  @Override
  protected ExporterFactory<PrometheusRemoteWriteExporterConfig> factory() {
    return new PrometheusRemoteWriteExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: http://127.0.0.1:1/api/v1/write\n";
  }
}
