package dev.signalbox.receiver.zipkin;

import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.testing.conformance.ReceiverConformance;

class ZipkinReceiverConformanceTest extends ReceiverConformance<ZipkinReceiverConfig> {
  @Override
  protected ReceiverFactory<ZipkinReceiverConfig> factory() {
    return new ZipkinReceiverFactory();
  }

  @Override
  protected String configYaml() {
    return "endpoint: 127.0.0.1:0\n";
  }
}
