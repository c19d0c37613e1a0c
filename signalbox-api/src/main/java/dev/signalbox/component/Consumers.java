package dev.signalbox.component;

import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The next consumer of a receiver (or connector) for each signal it feeds. Immutable. */
public final class Consumers {
  private final Map<Signal<?>, Consumer<?>> bySignal;

  private Consumers(Map<Signal<?>, Consumer<?>> bySignal) {
    this.bySignal = bySignal;
  }

  public static <T extends Telemetry> Consumers of(Signal<T> signal, Consumer<T> consumer) {
    return builder().put(signal, consumer).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The consumer for {@code signal}, or null if this receiver feeds no pipeline of that signal. */
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> get(Signal<T> signal) {
    return (Consumer<T>) bySignal.get(signal);
  }

  public Set<Signal<?>> signals() {
    return bySignal.keySet();
  }

  public static final class Builder {
    private final Map<Signal<?>, Consumer<?>> map = new LinkedHashMap<>();

    public <T extends Telemetry> Builder put(Signal<T> signal, Consumer<T> consumer) {
      map.put(signal, java.util.Objects.requireNonNull(consumer, "consumer"));
      return this;
    }

    public Consumers build() {
      return new Consumers(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map)));
    }
  }
}
