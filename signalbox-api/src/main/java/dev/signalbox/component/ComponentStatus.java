package dev.signalbox.component;

/** Status a component reports about itself, as in the Collector's component status model. */
public enum ComponentStatus {
  STARTING, OK, RECOVERABLE_ERROR, PERMANENT_ERROR, FATAL_ERROR, STOPPING, STOPPED;

  /** True for the states in which the component is failing. */
  public boolean isError() {
    return this == RECOVERABLE_ERROR || this == PERMANENT_ERROR || this == FATAL_ERROR;
  }
}
