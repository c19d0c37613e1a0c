package dev.signalbox.pdata;

/**
 * Thrown when code modifies data it shares with other consumers. A consumer that modifies data must
 * declare {@code Capabilities.MUTATES_DATA}; the fan-out then hands it a private copy.
 */
public final class ReadOnlyDataException extends IllegalStateException {
  ReadOnlyDataException() {
    super("this data is shared read-only between several consumers; a consumer that modifies data "
        + "must declare Capabilities.MUTATES_DATA to receive its own copy");
  }
}
