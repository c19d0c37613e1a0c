package dev.signalbox.pdata;

/** OTLP {@code Status.StatusCode}; the number is the wire value. */
public enum StatusCode {
  UNSET, OK, ERROR;

  private static final StatusCode[] VALUES = values();

  public int number() {
    return ordinal();
  }

  public static StatusCode forNumber(int n) {
    return n >= 0 && n < VALUES.length ? VALUES[n] : UNSET;
  }
}
