package dev.signalbox.pdata;

/** OTLP {@code Span.SpanKind}; the number is the wire value. */
public enum SpanKind {
  UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

  private static final SpanKind[] VALUES = values();

  public int number() {
    return ordinal();
  }

  /** The kind for a wire value; unknown values map to UNSPECIFIED. */
  public static SpanKind forNumber(int n) {
    return n >= 0 && n < VALUES.length ? VALUES[n] : UNSPECIFIED;
  }
}
