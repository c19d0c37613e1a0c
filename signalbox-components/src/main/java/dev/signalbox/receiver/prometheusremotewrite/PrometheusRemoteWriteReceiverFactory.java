package dev.signalbox.receiver.prometheusremotewrite;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.time.Clock;
import java.util.Map;

/** Factory of the {@code prometheusremotewrite} receiver. */
public final class PrometheusRemoteWriteReceiverFactory implements ReceiverFactory<PrometheusRemoteWriteReceiverConfig> {
  public static final ComponentType TYPE = ComponentType.of("prometheusremotewrite");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<PrometheusRemoteWriteReceiverConfig> configClass() {
    return PrometheusRemoteWriteReceiverConfig.class;
  }

  @Override
  public PrometheusRemoteWriteReceiverConfig defaultConfig() {
    return PrometheusRemoteWriteReceiverConfig.defaults();
  }

  @Override
  public String description() {
    return "Prometheus remote write 1.0 (POST /api/v1/write, snappy protobuf, default localhost:9090)";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.METRICS, Stability.ALPHA);
  }

  @Override
  public Receiver create(ComponentSettings settings, PrometheusRemoteWriteReceiverConfig config, Consumers next) {
    return new PrometheusRemoteWriteReceiver(settings, config, next, Clock.systemUTC());
  }
}
