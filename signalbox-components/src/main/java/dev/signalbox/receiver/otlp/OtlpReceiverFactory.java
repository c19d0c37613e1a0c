package dev.signalbox.receiver.otlp;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;

/** Factory of the {@code otlp} receiver. */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverConfig> {
  public static final ComponentType TYPE = ComponentType.of("otlp");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<OtlpReceiverConfig> configClass() {
    return OtlpReceiverConfig.class;
  }

  @Override
  public OtlpReceiverConfig defaultConfig() {
    return OtlpReceiverConfig.defaults();
  }

  @Override
  public String description() {
    return "OTLP over gRPC (4317) and HTTP (4318), protobuf and JSON";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.STABLE, Signal.METRICS, Stability.STABLE, Signal.LOGS, Stability.STABLE,
        Signal.PROFILES, Stability.DEVELOPMENT);
  }

  @Override
  public Receiver create(ComponentSettings settings, OtlpReceiverConfig config, Consumers next) {
    return new OtlpReceiver(settings, config, next);
  }
}
