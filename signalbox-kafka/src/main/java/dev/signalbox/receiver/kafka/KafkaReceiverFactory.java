package dev.signalbox.receiver.kafka;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;

/** Factory of the {@code kafka} receiver. */
public final class KafkaReceiverFactory implements ReceiverFactory<KafkaReceiverConfig> {
  public static final ComponentType TYPE = ComponentType.of("kafka");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<KafkaReceiverConfig> configClass() {
    return KafkaReceiverConfig.class;
  }

  @Override
  public KafkaReceiverConfig defaultConfig() {
    return KafkaReceiverConfig.defaults();
  }

  @Override
  public String description() {
    return "Reads OTLP (protobuf or JSON) or raw log messages from Kafka topics in a consumer group, at least once";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA, Signal.METRICS, Stability.BETA, Signal.LOGS, Stability.BETA);
  }

  @Override
  public Receiver create(ComponentSettings settings, KafkaReceiverConfig config, Consumers next) {
    return new KafkaReceiver(settings, config, next);
  }
}
