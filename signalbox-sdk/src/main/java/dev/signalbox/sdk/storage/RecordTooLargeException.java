package dev.signalbox.sdk.storage;

import java.io.IOException;

/** A record that could never fit in the log, even empty ({@link LogOptions#maxSize()}). */
public final class RecordTooLargeException extends IOException {
  public RecordTooLargeException(String message) {
    super(message);
  }
}
