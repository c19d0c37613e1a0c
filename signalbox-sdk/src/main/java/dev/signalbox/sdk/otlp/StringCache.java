package dev.signalbox.sdk.otlp;

import dev.signalbox.pdata.AnyValue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares repeated strings during one decode: a request of 1,000 spans carries the same ten
 * attribute keys a thousand times, the same few span names, and many repeated short values
 * ("GET", "200", a host name). One object per distinct value instead of one per occurrence saves
 * allocation and the heap of every queued batch. Two direct-mapped tables, keyed by a cheap hash of
 * all the bytes: one for strings (keys, names), one for whole {@code StringValue}s
 * (immutable, so shared safely). A collision only costs a miss; a hit is checked against the bytes
 * where the entry was first seen in the same input array (one vectorized compare).
 *
 * <p>One per decode; not thread-safe.
 */
final class StringCache {
  private static final int STRINGS = 256;
  private static final int VALUES = 512;
  private static final int MAX_STRING_LEN = 64;
  private static final int MAX_VALUE_LEN = 48;

  private final byte[] buf;
  private String[] strings;
  private int[] stringOffsets;
  private int[] stringLengths;
  private AnyValue.StringValue[] values;
  private int[] valueOffsets;
  private int[] valueLengths;

  StringCache(byte[] buf) {
    this.buf = buf;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** A hash of all the bytes, eight at a time (strings here are at most 64 bytes). */
  private static int hash(byte[] b, int off, int len) {
    long h = len;
    int p = off;
    int end = off + len;
    for (; p + 8 <= end; p += 8) {
      h = (h ^ (long) LONGS.get(b, p)) * 0x9E3779B97F4A7C15L;
    }
    long tail = 0;
    for (; p < end; p++) {
      tail = (tail << 8) | (b[p] & 0xFF);
    }
    h = (h ^ tail) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29) ^ (h >>> 47));
  }

  /** The string of the UTF-8 bytes {@code buf[off .. off+len)} (malformed bytes become U+FFFD). */
  String string(int off, int len) {
    if (len == 0) {
      return "";
    }
    byte[] b = buf;
    if (len > MAX_STRING_LEN) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }
    if (strings == null) {
      strings = new String[STRINGS];
      stringOffsets = new int[STRINGS];
      stringLengths = new int[STRINGS];
    }
    int h = hash(b, off, len) & (STRINGS - 1);
    String s = strings[h];
    if (s != null && stringLengths[h] == len) {
      int o = stringOffsets[h];
      if (Arrays.equals(b, o, o + len, b, off, off + len)) {
        return s;
      }
    }
    s = new String(b, off, len, StandardCharsets.UTF_8);
    strings[h] = s;
    stringOffsets[h] = off;
    stringLengths[h] = len;
    return s;
  }

  /** A {@code StringValue} of the UTF-8 bytes {@code buf[off .. off+len)}, shared when repeated. */
  AnyValue.StringValue stringValue(int off, int len) {
    byte[] b = buf;
    if (len > MAX_VALUE_LEN || len == 0) {
      return new AnyValue.StringValue(len == 0 ? "" : new String(b, off, len, StandardCharsets.UTF_8));
    }
    if (values == null) {
      values = new AnyValue.StringValue[VALUES];
      valueOffsets = new int[VALUES];
      valueLengths = new int[VALUES];
    }
    int h = hash(b, off, len) & (VALUES - 1);
    AnyValue.StringValue v = values[h];
    if (v != null && valueLengths[h] == len) {
      int o = valueOffsets[h];
      if (Arrays.equals(b, o, o + len, b, off, off + len)) {
        return v;
      }
    }
    v = new AnyValue.StringValue(new String(b, off, len, StandardCharsets.UTF_8));
    values[h] = v;
    valueOffsets[h] = off;
    valueLengths[h] = len;
    return v;
  }
}
