package dev.signalbox.receiver.prometheus;

import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.testing.conformance.ReceiverConformance;

class PrometheusReceiverConformanceTest extends ReceiverConformance<PrometheusReceiverConfig> {
  @Override
  protected ReceiverFactory<PrometheusReceiverConfig> factory() {
    return new PrometheusReceiverFactory();
  }

  @Override
  protected String configYaml() {
    return """
        config:
          scrape_configs:
            - job_name: nowhere
              static_configs: [{targets: ["127.0.0.1:1"]}]
        """;
  }
}
