package dev.signalbox.service.graph;

/** Building or starting the pipelines failed; the message says which component and why. */
public final class GraphException extends Exception {
  public GraphException(String message) {
    super(message);
  }

  public GraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
