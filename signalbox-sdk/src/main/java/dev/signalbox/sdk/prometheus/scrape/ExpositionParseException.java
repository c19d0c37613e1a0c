package dev.signalbox.sdk.prometheus.scrape;

/** A scrape body that is not valid in its format; the message names the line and what is wrong. */
public final class ExpositionParseException extends Exception {
  private final int line;

  public ExpositionParseException(int line, String message) {
    super(line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /** 1-based line number, or 0 when the problem is about the whole body. */
  public int line() {
    return line;
  }
}
