package dev.signalbox.component;

/**
 * Lifecycle of every component. {@code start} is called once, exporters first and receivers last;
 * {@code shutdown} is called in reverse order, is idempotent, is safe without {@code start}, and
 * must stop intake, flush what it holds and release threads and ports before the deadline.
 */
public interface Component {
  default void start(Host host) throws Exception {}

  default void shutdown(Deadline deadline) throws Exception {}
}
