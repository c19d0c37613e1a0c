package dev.signalbox.sdk.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns short strings (attribute keys, scope names) during one decode: a request of 1,000 spans
 * carries the same ten keys a thousand times, and one String per distinct key instead of one per
 * occurrence saves allocation and the heap of every queued batch. Direct-mapped by a cheap hash of
 * the length and three bytes; a collision only costs a miss. A hit is checked against the bytes
 * where the cached string was first seen in the same input array (one vectorized compare).
 *
 * <p>One per decode; not thread-safe.
 */
final class StringCache {
  private static final int SIZE = 256;
  private static final int MAX_LEN = 64;

  private final byte[] buf;
  private String[] strings;
  private int[] offsets;
  private int[] lengths;

  StringCache(byte[] buf) {
    this.buf = buf;
  }

  /** The string of the UTF-8 bytes {@code buf[off .. off+len)} (malformed bytes become U+FFFD). */
  String get(int off, int len) {
    if (len == 0) {
      return "";
    }
    byte[] b = buf;
    if (len > MAX_LEN) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }
    if (strings == null) {
      strings = new String[SIZE];
      offsets = new int[SIZE];
      lengths = new int[SIZE];
    }
    int h = len * 31 + b[off] * 17 + b[off + len - 1] * 7 + b[off + (len >>> 1)];
    h = (h ^ (h >>> 8)) & (SIZE - 1);
    String s = strings[h];
    if (s != null && lengths[h] == len) {
      int o = offsets[h];
      if (Arrays.equals(b, o, o + len, b, off, off + len)) {
        return s;
      }
    }
    s = new String(b, off, len, StandardCharsets.UTF_8);
    strings[h] = s;
    offsets[h] = off;
    lengths[h] = len;
    return s;
  }
}
