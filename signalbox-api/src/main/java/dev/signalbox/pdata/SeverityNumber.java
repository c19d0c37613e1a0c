package dev.signalbox.pdata;

/** OTLP {@code SeverityNumber}; the number is the wire value (0..24). */
public enum SeverityNumber {
  UNSPECIFIED,
  TRACE, TRACE2, TRACE3, TRACE4,
  DEBUG, DEBUG2, DEBUG3, DEBUG4,
  INFO, INFO2, INFO3, INFO4,
  WARN, WARN2, WARN3, WARN4,
  ERROR, ERROR2, ERROR3, ERROR4,
  FATAL, FATAL2, FATAL3, FATAL4;

  private static final SeverityNumber[] VALUES = values();

  public int number() {
    return ordinal();
  }

  public static SeverityNumber forNumber(int n) {
    return n >= 0 && n < VALUES.length ? VALUES[n] : UNSPECIFIED;
  }
}
