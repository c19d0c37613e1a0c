package dev.signalbox.sdk.storage;

import java.io.IOException;

/**
 * The log's directory is locked: another process, or another log in this process, has it open.
 * Two writers on one directory would corrupt it.
 */
public final class LogLockedException extends IOException {
  public LogLockedException(String message) {
    super(message);
  }
}
