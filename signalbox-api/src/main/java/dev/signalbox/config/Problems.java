package dev.signalbox.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects config problems, each at a key path such as {@code exporters.otlp.sending_queue.queue_size}.
 * {@link #at} gives a view whose paths are relative to a key, so a config record reports problems
 * about its own keys without knowing where it sits in the file. Validation reports all problems
 * rather than stopping at the first.
 */
public final class Problems {
  /** One problem: the full key path and what is wrong with it. */
  public record Problem(String path, String message) {
    @Override
    public String toString() {
      return path.isEmpty() ? message : path + ": " + message;
    }
  }

  private final String prefix;
  private final List<Problem> sink;

  public Problems() {
    this("", new ArrayList<>());
  }

  private Problems(String prefix, List<Problem> sink) {
    this.prefix = prefix;
    this.sink = sink;
  }

  /** A view whose problems are reported under {@code key} (one key, or a dotted path). */
  public Problems at(String key) {
    return new Problems(join(prefix, key), sink);
  }

  /** A view for element {@code index} of the list at this path. */
  public Problems at(int index) {
    return new Problems(prefix + "[" + index + "]", sink);
  }

  /** Reports a problem with the key this view is at. */
  public void error(String message) {
    sink.add(new Problem(prefix, message));
  }

  /** Reports a problem with {@code key} below this view. */
  public void error(String key, String message) {
    sink.add(new Problem(join(prefix, key), message));
  }

  /** The path this view reports at. */
  public String path() {
    return prefix;
  }

  public boolean isEmpty() {
    return sink.isEmpty();
  }

  public List<Problem> all() {
    return Collections.unmodifiableList(sink);
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a + "." + b;
  }
}
