package dev.signalbox.component;

/**
 * A refusal by a consumer. The subclass says whether trying again can help; only the exporter
 * helper retries, everything else passes the exception back towards the client.
 */
public abstract sealed class ConsumeException extends Exception
    permits PermanentException, RetryableException {

  private final int rejectedItems;

  protected ConsumeException(String message, Throwable cause, int rejectedItems) {
    super(message, cause);
    this.rejectedItems = rejectedItems;
  }

  /** Items refused, or -1 when the whole batch was refused. */
  public int rejectedItems() {
    return rejectedItems;
  }
}
