package dev.signalbox.exporter.debug;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.conformance.ExporterConformance;

class DebugExporterConformanceTest extends ExporterConformance<DebugExporterConfig> {
  @Override
  protected ExporterFactory<DebugExporterConfig> factory() {
    return new DebugExporterFactory();
  }
}
