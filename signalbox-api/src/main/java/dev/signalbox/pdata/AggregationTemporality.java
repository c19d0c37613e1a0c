package dev.signalbox.pdata;

/** OTLP {@code AggregationTemporality}; the number is the wire value. */
public enum AggregationTemporality {
  UNSPECIFIED, DELTA, CUMULATIVE;

  private static final AggregationTemporality[] VALUES = values();

  public int number() {
    return ordinal();
  }

  public static AggregationTemporality forNumber(int n) {
    return n >= 0 && n < VALUES.length ? VALUES[n] : UNSPECIFIED;
  }
}
