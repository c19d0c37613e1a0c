package dev.signalbox.pdata;

import java.util.List;
import java.util.function.Supplier;

/**
 * A kind of telemetry. Every contract is generic in the signal, so nothing is written once per
 * signal. The four instances are the only ones.
 *
 * @param <T> the batch type of this signal
 */
public final class Signal<T extends Telemetry> {
  public static final Signal<Traces> TRACES = new Signal<>("traces", "spans", Traces.class, Traces::new);
  public static final Signal<Metrics> METRICS =
      new Signal<>("metrics", "metric_points", Metrics.class, Metrics::new);
  public static final Signal<Logs> LOGS = new Signal<>("logs", "log_records", Logs.class, Logs::new);
  public static final Signal<Profiles> PROFILES =
      new Signal<>("profiles", "profiles", Profiles.class, Profiles::new);

  private static final List<Signal<?>> ALL = List.of(TRACES, METRICS, LOGS, PROFILES);

  private final String name;
  private final String itemName;
  private final Class<T> type;
  private final Supplier<T> empty;

  private Signal(String name, String itemName, Class<T> type, Supplier<T> empty) {
    this.name = name;
    this.itemName = itemName;
    this.type = type;
    this.empty = empty;
  }

  /** "traces", "metrics", "logs" or "profiles": the pipeline type in config. */
  public String name() {
    return name;
  }

  /** The item word in self-metric names: "spans", "metric_points", "log_records", "profiles". */
  public String itemName() {
    return itemName;
  }

  public Class<T> type() {
    return type;
  }

  public T empty() {
    return empty.get();
  }

  public T cast(Telemetry t) {
    return type.cast(t);
  }

  public static List<Signal<?>> all() {
    return ALL;
  }

  /** The signal called {@code name}, or null. */
  public static Signal<?> byName(String name) {
    for (Signal<?> s : ALL) {
      if (s.name.equals(name)) {
        return s;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
