package dev.signalbox.processor.memorylimiter;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Processor;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import java.util.HashMap;
import java.util.Map;

/** Factory of the {@code memory_limiter} processor. Pipelines using one id share one checker. */
public final class MemoryLimiterProcessorFactory implements ProcessorFactory<MemoryLimiterProcessorConfig> {
  public static final ComponentType TYPE = ComponentType.of("memory_limiter");

  private final Map<ComponentId, MemoryChecker> checkers = new HashMap<>();

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<MemoryLimiterProcessorConfig> configClass() {
    return MemoryLimiterProcessorConfig.class;
  }

  @Override
  public MemoryLimiterProcessorConfig defaultConfig() {
    return MemoryLimiterProcessorConfig.defaults();
  }

  @Override
  public String description() {
    return "Refuses data while the heap is above a limit, so an overload cannot exhaust memory";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.TRACES, Stability.BETA, Signal.METRICS, Stability.BETA, Signal.LOGS, Stability.BETA,
        Signal.PROFILES, Stability.DEVELOPMENT);
  }

  @Override
  public synchronized <T extends Telemetry> Processor<T> create(
      Signal<T> signal, ComponentSettings settings, MemoryLimiterProcessorConfig config, Consumer<T> next) {
    ComponentId id = settings.id();
    MemoryChecker checker = checkers.computeIfAbsent(id, k -> MemoryChecker.forRuntime(config));
    return new MemoryLimiterProcessor<>(signal, checker, settings.meter(), next, () -> {
      synchronized (this) {
        if (checker.release()) {
          checkers.remove(id);
        }
      }
    });
  }
}
