package dev.signalbox.service.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors and warnings of one load, each with the location it was written at and its
 * key path, and renders them as {@code file:line:col key.path: message}, sorted by source, line
 * and column (problems at one location keep the order they were found in).
 */
final class Diagnostics {
  enum Severity { ERROR, WARNING }

  /** One problem. {@code location} is never null; {@code path} may be empty. */
  record Diagnostic(Severity severity, Location location, String path, String message) {
    String render() {
      return path.isEmpty() ? location + ": " + message : location + " " + path + ": " + message;
    }
  }

  private final List<Diagnostic> all = new ArrayList<>();

  void error(Location location, String path, String message) {
    all.add(new Diagnostic(Severity.ERROR, location, path, message));
  }

  void warn(Location location, String path, String message) {
    all.add(new Diagnostic(Severity.WARNING, location, path, message));
  }

  boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /**
   * True when an error was reported at {@code path} or at one of its ancestors. Validation problems
   * below a value that failed to bind are noise (the block holds its default there) and are dropped.
   */
  boolean hasErrorAtOrAbove(String path) {
    for (Diagnostic d : all) {
      if (d.severity() == Severity.ERROR && KeyPaths.isAtOrBelow(path, d.path())) {
        return true;
      }
    }
    return false;
  }

  List<String> errors() {
    return rendered(Severity.ERROR);
  }

  List<String> warnings() {
    return rendered(Severity.WARNING);
  }

  private List<String> rendered(Severity severity) {
    return all.stream()
        .filter(d -> d.severity() == severity)
        .sorted(Comparator.comparing(Diagnostic::location))
        .map(Diagnostic::render)
        .toList();
  }

  /** Throws the collected errors, with the warnings, when there are any. */
  void throwIfErrors() throws ConfigException {
    if (hasErrors()) {
      throw new ConfigException(errors(), warnings());
    }
  }
}
