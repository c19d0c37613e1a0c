package dev.signalbox.receiver.prometheus;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.time.Clock;
import java.util.Map;

/** Factory of the {@code prometheus} receiver. */
public final class PrometheusReceiverFactory implements ReceiverFactory<PrometheusReceiverConfig> {
  public static final ComponentType TYPE = ComponentType.of("prometheus");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<PrometheusReceiverConfig> configClass() {
    return PrometheusReceiverConfig.class;
  }

  @Override
  public PrometheusReceiverConfig defaultConfig() {
    return PrometheusReceiverConfig.defaults();
  }

  @Override
  public String description() {
    return "Scrapes Prometheus targets (text 0.0.4 and OpenMetrics) configured with Prometheus' scrape_configs";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.METRICS, Stability.BETA);
  }

  @Override
  public Receiver create(ComponentSettings settings, PrometheusReceiverConfig config, Consumers next) {
    return new PrometheusReceiver(settings, config, next, Clock.systemUTC());
  }
}
