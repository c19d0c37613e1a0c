package dev.signalbox.pdata;

/** A 16-byte trace id held as two longs (big-endian halves). All zero is the invalid/empty id. */
public record TraceId(long high, long low) {
  public static final TraceId INVALID = new TraceId(0, 0);

  public boolean isValid() {
    return high != 0 || low != 0;
  }

  /** 32 lowercase hex digits, as OTLP/JSON writes it. */
  public String toHex() {
    return Ids.hex16(high) + Ids.hex16(low);
  }

  /** Parses 32 hex digits; throws IllegalArgumentException otherwise. */
  public static TraceId fromHex(CharSequence hex) {
    if (hex.length() != 32) {
      throw new IllegalArgumentException("trace id must be 32 hex digits, got " + hex.length() + " characters");
    }
    return new TraceId(Ids.parseHex16(hex, 0), Ids.parseHex16(hex, 16));
  }

  public byte[] toBytes() {
    byte[] b = new byte[16];
    Ids.putLong(b, 0, high);
    Ids.putLong(b, 8, low);
    return b;
  }

  public static TraceId fromBytes(byte[] b) {
    if (b.length != 16) {
      throw new IllegalArgumentException("trace id must be 16 bytes, got " + b.length);
    }
    return new TraceId(Ids.getLong(b, 0), Ids.getLong(b, 8));
  }

  @Override
  public String toString() {
    return toHex();
  }
}
