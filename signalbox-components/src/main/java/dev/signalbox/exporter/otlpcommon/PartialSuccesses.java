package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.component.PermanentException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.otlp.PartialSuccess;

/**
 * Turns the {@code partial_success} of an OTLP export response into what the exporter helper
 * counts: nothing for a plain success; a {@link PermanentException} whose {@code rejectedItems}
 * says how many items the server rejected, so that only those are counted as dropped
 * ({@code otelcol_exporter_send_failed_<items>{reason="permanent"}}) and logged with the server's
 * message; {@code rejectedItems = 0} for a warning on a full success, which the helper logs and
 * counts as sent.
 */
public final class PartialSuccesses {
  private PartialSuccesses() {}

  /**
   * The exception for {@code ps}, or null when it is a plain success.
   *
   * @param items items in the request
   * @param what the call, e.g. {@code "gRPC TraceService/Export to otel:4317"}, for the message
   */
  public static PermanentException toException(Signal<?> signal, PartialSuccess ps, int items, String what) {
    if (ps.isNone()) {
      return null;
    }
    String message = ps.message().isEmpty() ? "(no message)" : ps.message();
    if (ps.rejected() <= 0) {
      return new PermanentException(what + " answered with a warning: " + message, null, 0);
    }
    int rejected = (int) Math.min(ps.rejected(), items);
    return new PermanentException(what + " rejected " + ps.rejected() + " of " + items + " " + signal.itemName()
        + ": " + message, null, rejected);
  }

  /**
   * The exception for a response that could not be read although the call succeeded: the server
   * accepted the data, so nothing is dropped; the helper logs the warning.
   */
  public static PermanentException unreadable(String what, String problem) {
    return new PermanentException("could not read the export response of " + what + " (" + problem
        + "); the data was accepted", null, 0);
  }
}
