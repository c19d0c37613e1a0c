package dev.signalbox.component;

/** Stability levels, as the OpenTelemetry Collector defines them. */
public enum Stability {
  UNDEVELOPED, DEVELOPMENT, ALPHA, BETA, STABLE, DEPRECATED, UNMAINTAINED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
