package dev.signalbox.exporter.influxdb;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class InfluxDbExporterConformanceTest extends ExporterConformance<InfluxDbExporterConfig> {
  @Override
  protected ExporterFactory<InfluxDbExporterConfig> factory() {
    return new InfluxDbExporterFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: http://127.0.0.1:1\norg: o\nbucket: b\n";
  }
}
