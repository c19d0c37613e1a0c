package dev.signalbox.component;

/**
 * A refusal that sending the same data again cannot fix: malformed data, a 400 from the backend,
 * an authentication failure. The data is dropped, counted and logged with this message.
 */
public final class PermanentException extends ConsumeException {
  public PermanentException(String message) {
    this(message, null, -1);
  }

  public PermanentException(String message, Throwable cause) {
    this(message, cause, -1);
  }

  /** A partial refusal: {@code rejectedItems} of the batch were refused, the rest accepted. */
  public PermanentException(String message, Throwable cause, int rejectedItems) {
    super(message, cause, rejectedItems);
  }
}
