package dev.signalbox.pdata;

/** An 8-byte span id held as a long (big-endian). Zero is the invalid/empty id. */
public record SpanId(long value) {
  public static final SpanId INVALID = new SpanId(0);

  public boolean isValid() {
    return value != 0;
  }

  public String toHex() {
    return Ids.hex16(value);
  }

  public static SpanId fromHex(CharSequence hex) {
    if (hex.length() != 16) {
      throw new IllegalArgumentException("span id must be 16 hex digits, got " + hex.length() + " characters");
    }
    return new SpanId(Ids.parseHex16(hex, 0));
  }

  public byte[] toBytes() {
    byte[] b = new byte[8];
    Ids.putLong(b, 0, value);
    return b;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
