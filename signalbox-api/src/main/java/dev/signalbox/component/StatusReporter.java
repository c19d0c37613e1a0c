package dev.signalbox.component;

/** Lets a component report its own status; only changes are recorded. Thread-safe. */
public interface StatusReporter {
  StatusReporter NOOP = (status, error) -> {};

  void report(ComponentStatus status, String error);

  default void ok() {
    report(ComponentStatus.OK, null);
  }

  default void recoverableError(String error) {
    report(ComponentStatus.RECOVERABLE_ERROR, error);
  }
}
