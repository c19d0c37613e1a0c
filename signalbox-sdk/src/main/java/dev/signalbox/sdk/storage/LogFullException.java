package dev.signalbox.sdk.storage;

import java.io.IOException;

/**
 * An append would take the log past its {@link LogOptions#maxSize()}. Retry once records are
 * acknowledged and their segments deleted ({@link LogListener#spaceFreed()}). Thrown often under
 * back-pressure, so it carries no stack trace.
 */
public final class LogFullException extends IOException {
  public LogFullException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
