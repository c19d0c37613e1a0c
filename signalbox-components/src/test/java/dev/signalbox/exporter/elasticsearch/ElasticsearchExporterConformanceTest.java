package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class ElasticsearchExporterConformanceTest extends ExporterConformance<ElasticsearchExporterConfig> {
  @Override
  protected ExporterFactory<ElasticsearchExporterConfig> factory() {
    return new ElasticsearchExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoints: [http://127.0.0.1:9]\n";
  }
}
