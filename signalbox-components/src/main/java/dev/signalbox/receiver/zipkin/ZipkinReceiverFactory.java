package dev.signalbox.receiver.zipkin;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.util.Map;

/** Factory of the {@code zipkin} receiver. */
public final class ZipkinReceiverFactory implements ReceiverFactory<ZipkinReceiverConfig> {
  public static final ComponentType TYPE = ComponentType.of("zipkin");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<ZipkinReceiverConfig> configClass() {
    return ZipkinReceiverConfig.class;
  }

  @Override
  public ZipkinReceiverConfig defaultConfig() {
    return ZipkinReceiverConfig.defaults();
  }

  @Override
  public String description() {
    return "Zipkin spans over HTTP (9411): v2 JSON and proto3, v1 JSON and Thrift";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA);
  }

  @Override
  public Receiver create(ComponentSettings settings, ZipkinReceiverConfig config, Consumers next) {
    return new ZipkinReceiver(settings, config, next);
  }
}
