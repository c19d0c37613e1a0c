package dev.signalbox.service.config;

import java.util.List;

/**
 * The configuration is not valid. Carries every problem found, each rendered as
 * {@code file:line:col key.path: message} and sorted by source and line; the message is those lines
 * joined by newlines. Never contains a {@link dev.signalbox.config.Secret}'s value.
 */
public final class ConfigException extends Exception {
  private final List<String> problems;
  private final List<String> warnings;

  public ConfigException(List<String> problems, List<String> warnings) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  /** Every error, rendered, in order: source, line, column. Never empty. */
  public List<String> problems() {
    return problems;
  }

  /** The warnings found before loading stopped, rendered like {@link #problems()}. */
  public List<String> warnings() {
    return warnings;
  }
}
