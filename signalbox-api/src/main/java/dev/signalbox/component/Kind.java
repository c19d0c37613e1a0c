package dev.signalbox.component;

/** The kinds of components, named as in config sections. */
public enum Kind {
  RECEIVER("receivers"),
  PROCESSOR("processors"),
  EXPORTER("exporters"),
  EXTENSION("extensions"),
  CONNECTOR("connectors");

  private final String section;

  Kind(String section) {
    this.section = section;
  }

  /** The top-level config section listing components of this kind. */
  public String section() {
    return section;
  }

  /** "receiver", "processor", ... as used in self-metric label names. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
