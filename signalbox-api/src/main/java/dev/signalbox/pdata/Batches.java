package dev.signalbox.pdata;

/** Signal-generic batch operations, for components written once for every signal. */
public final class Batches {
  private Batches() {}

  /** Moves all of {@code from} to the end of {@code into}; see {@link Traces#append}. */
  public static <T extends Telemetry> void append(T into, T from) {
    switch (into) {
      case Traces t -> t.append((Traces) from);
      case Metrics m -> m.append((Metrics) from);
      case Logs l -> l.append((Logs) from);
      case Profiles p -> p.append((Profiles) from);
    }
  }

  /** Removes up to {@code maxItems} items from the front of {@code t}; see {@link Traces#takeFirst}. */
  @SuppressWarnings("unchecked")
  public static <T extends Telemetry> T takeFirst(T t, int maxItems) {
    return (T) switch (t) {
      case Traces x -> x.takeFirst(maxItems);
      case Metrics x -> x.takeFirst(maxItems);
      case Logs x -> x.takeFirst(maxItems);
      case Profiles x -> x.takeFirst(maxItems);
    };
  }

  /** A deep copy of {@code t}, typed. */
  @SuppressWarnings("unchecked")
  public static <T extends Telemetry> T copy(T t) {
    return (T) t.copy();
  }
}
