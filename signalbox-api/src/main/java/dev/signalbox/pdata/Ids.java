package dev.signalbox.pdata;

/** Hex and byte conversions of trace and span ids. */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** 16 lowercase hex digits of {@code v}. */
  public static String hex16(long v) {
    char[] c = new char[16];
    for (int i = 15; i >= 0; i--) {
      c[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
    return new String(c);
  }

  /** Parses 16 hex digits (either case) at {@code offset}. */
  public static long parseHex16(CharSequence s, int offset) {
    long v = 0;
    for (int i = 0; i < 16; i++) {
      int d = Character.digit(s.charAt(offset + i), 16);
      if (d < 0) {
        throw new IllegalArgumentException("not a hex digit: '" + s.charAt(offset + i) + "'");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  public static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  public static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
