package dev.signalbox.sdk.otlp;

import java.util.Objects;

/**
 * The {@code partial_success} of an OTLP {@code Export*ServiceResponse}: how many items the server
 * rejected ({@code rejected_spans}, {@code rejected_data_points}, {@code rejected_log_records} or
 * {@code rejected_profiles}) and why. {@link #NONE} (nothing rejected, no message) is what an
 * absent field means, and encodes as an empty response.
 *
 * @param rejected items rejected; 0 when all were accepted (a warning may still be in {@code message})
 * @param message the server's explanation; empty when none; never null
 */
public record PartialSuccess(long rejected, String message) {
  public static final PartialSuccess NONE = new PartialSuccess(0, "");

  public PartialSuccess {
    Objects.requireNonNull(message, "message");
  }

  /** True when nothing was rejected and there is no message: a plain success. */
  public boolean isNone() {
    return rejected == 0 && message.isEmpty();
  }
}
