package dev.signalbox.receiver.prometheusremotewrite;

import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.testing.conformance.ReceiverConformance;

class PrometheusRemoteWriteReceiverConformanceTest extends ReceiverConformance<PrometheusRemoteWriteReceiverConfig> {
  @Override
  protected ReceiverFactory<PrometheusRemoteWriteReceiverConfig> factory() {
    return new PrometheusRemoteWriteReceiverFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: 127.0.0.1:0\n";
  }
}
