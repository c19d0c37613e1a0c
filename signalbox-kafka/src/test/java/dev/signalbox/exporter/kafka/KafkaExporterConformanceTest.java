package dev.signalbox.exporter.kafka;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.conformance.ExporterConformance;

class KafkaExporterConformanceTest extends ExporterConformance<KafkaExporterConfig> {
  @Override
  protected ExporterFactory<KafkaExporterConfig> factory() {
    return new KafkaExporterFactory();
  }

  /** A closed loopback port: the producer starts and stops without a broker. */
  @Override
  protected String configYaml() {
    return "brokers: [127.0.0.1:" + Ports.free() + "]\n";
  }
}
