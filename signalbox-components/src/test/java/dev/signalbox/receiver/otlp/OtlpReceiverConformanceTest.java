package dev.signalbox.receiver.otlp;

import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.testing.conformance.ReceiverConformance;

class OtlpReceiverConformanceTest extends ReceiverConformance<OtlpReceiverConfig> {
  @Override
  protected ReceiverFactory<OtlpReceiverConfig> factory() {
    return new OtlpReceiverFactory();
  }

  @Override
  protected String configYaml() {
    return """
        protocols:
          grpc: {endpoint: "127.0.0.1:0"}
          http: {endpoint: "127.0.0.1:0"}
        """;
  }
}
