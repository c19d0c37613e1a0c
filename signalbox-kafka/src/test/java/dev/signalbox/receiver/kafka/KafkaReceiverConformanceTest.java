package dev.signalbox.receiver.kafka;

import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.conformance.ReceiverConformance;

class KafkaReceiverConformanceTest extends ReceiverConformance<KafkaReceiverConfig> {
  @Override
  protected ReceiverFactory<KafkaReceiverConfig> factory() {
    return new KafkaReceiverFactory();
  }

  /** A closed loopback port: the consumer starts and stops without a broker. */
  @Override
  protected String configYaml() {
    return "brokers: [127.0.0.1:" + Ports.free() + "]\n";
  }
}
