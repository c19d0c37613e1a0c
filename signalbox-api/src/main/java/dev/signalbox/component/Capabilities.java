package dev.signalbox.component;

/**
 * What a consumer does with the data it receives. A consumer that modifies data must say so: the
 * fan-out then gives it a private copy instead of the shared read-only batch.
 */
public record Capabilities(boolean mutatesData) {
  public static final Capabilities NON_MUTATING = new Capabilities(false);
  public static final Capabilities MUTATES_DATA = new Capabilities(true);
}
