package dev.signalbox.exporter.kafka;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code kafka} exporter. */
public final class KafkaExporterFactory implements ExporterFactory<KafkaExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("kafka");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<KafkaExporterConfig> configClass() {
    return KafkaExporterConfig.class;
  }

  @Override
  public KafkaExporterConfig defaultConfig() {
    return KafkaExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Writes OTLP (protobuf or JSON) or raw log bodies to Kafka topics, one message per batch or per key";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA, Signal.METRICS, Stability.BETA, Signal.LOGS, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, KafkaExporterConfig config, Set<Signal<?>> signals) {
    return new KafkaExporter(settings, config, signals);
  }
}
