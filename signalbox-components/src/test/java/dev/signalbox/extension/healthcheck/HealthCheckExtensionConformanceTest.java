package dev.signalbox.extension.healthcheck;

import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.testing.conformance.ExtensionConformance;

class HealthCheckExtensionConformanceTest extends ExtensionConformance<HealthCheckExtensionConfig> {
  @Override
  protected ExtensionFactory<HealthCheckExtensionConfig> factory() {
    return new HealthCheckExtensionFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: 127.0.0.1:0\n";
  }
}
