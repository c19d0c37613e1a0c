package dev.signalbox.sdk.prometheus.remotewrite;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Remembers the label sets of the series a remote-write receiver decodes, keyed by their exact
 * protobuf bytes, so that a series sent again (every scrape interval, for as long as it exists)
 * decodes to the very same immutable {@code List<Label>} without decoding a string: senders
 * resend the same series over and over, and building a dozen strings per sample was most of the
 * decoding. Strings decoded on a miss are shared the same way (a label name or value met before
 * is the same {@code String}), so equal label sets are mostly identical objects, which makes
 * their comparisons cheap downstream.
 *
 * <p>Bounded: {@value #SERIES_SLOTS} label sets and {@value #STRING_SLOTS} strings in
 * direct-mapped tables (a newcomer replaces what was in its slot), each at most
 * {@value #MAX_SERIES_BYTES} / {@value #MAX_STRING_BYTES} bytes. Decoding through it gives
 * exactly what decoding without it gives (see {@link RemoteWriteCodec#decode(byte[], int, int,
 * LabelInterner)}). Thread-safe without locks: slots hold immutable entries, and a reader sees
 * either an old or a new one.
 */
public final class LabelInterner {
  static final int SERIES_SLOTS = 1 << 14;
  static final int STRING_SLOTS = 1 << 13;
  static final int MAX_SERIES_BYTES = 2048;
  static final int MAX_STRING_BYTES = 256;
  private static final int PROBES = 4;
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private record SeriesEntry(byte[] key, int hash, Interned labels) {}

  /**
   * A label set the interner handed out: an immutable list, and one slot for what its consumer
   * (the receiver that owns the interner) derives from these labels, so that a series decoded
   * again finds it without a lookup. The slot lives as long as the interner remembers the set.
   */
  public static final class Interned extends java.util.AbstractList<Label> implements java.util.RandomAccess {
    private final Label[] labels;
    private volatile Object attachment;
    private volatile Object memo;

    Interned(List<Label> labels) {
      this.labels = labels.toArray(Label[]::new);
      for (Label l : this.labels) {
        java.util.Objects.requireNonNull(l);
      }
    }

    @Override
    public Label get(int index) {
      return labels[index];
    }

    @Override
    public int size() {
      return labels.length;
    }

    /** What was attached with {@link #attach}, or null. */
    public Object attachment() {
      return attachment;
    }

    /** Remembers {@code value} with these labels; it must depend on the labels only. */
    public void attach(Object value) {
      attachment = value;
    }

    /**
     * What a consumer further down the pipeline remembered with these labels ({@link #memo(Object)}),
     * or null: a second slot, beside the receiver's {@link #attachment()}. The remote-write
     * exporter keeps what it writes for a series it forwards here; a consumer must check that what
     * it finds is its own (several may share a label set).
     */
    public Object memo() {
      return memo;
    }

    /** Remembers {@code value} in the second slot, replacing what was there. */
    public void memo(Object value) {
      memo = value;
    }
  }

  private record StringEntry(byte[] key, int hash, String value) {}

  private final SeriesEntry[] series = new SeriesEntry[SERIES_SLOTS];
  private final StringEntry[] strings = new StringEntry[STRING_SLOTS];

  /** The label set last decoded from these bytes, or null. */
  Interned labels(byte[] buf, int off, int len) {
    if (len > MAX_SERIES_BYTES) {
      return null;
    }
    int h = hash(buf, off, len);
    int mask = SERIES_SLOTS - 1;
    for (int i = 0; i < PROBES; i++) {
      SeriesEntry e = series[(h + i) & mask];
      if (e == null) {
        return null;
      }
      if (e.hash == h && Arrays.equals(e.key, 0, e.key.length, buf, off, off + len)) {
        return e.labels;
      }
    }
    return null;
  }

  /** Remembers that these bytes decode to {@code labels}; returns the list to use (interned, or as given). */
  List<Label> putLabels(byte[] buf, int off, int len, List<Label> decoded) {
    if (len > MAX_SERIES_BYTES) {
      return List.copyOf(decoded);
    }
    Interned labels = new Interned(decoded);
    int h = hash(buf, off, len);
    int mask = SERIES_SLOTS - 1;
    int slot = h & mask;
    for (int i = 0; i < PROBES; i++) {
      if (series[(h + i) & mask] == null) {
        slot = (h + i) & mask;
        break;
      }
    }
    series[slot] = new SeriesEntry(Arrays.copyOfRange(buf, off, off + len), h, labels);
    return labels;
  }

  /** The string these UTF-8 bytes decode to (leniently, as {@code new String(..., UTF_8)}), shared. */
  String string(byte[] buf, int off, int len) {
    if (len == 0) {
      return "";
    }
    if (len > MAX_STRING_BYTES) {
      return new String(buf, off, len, StandardCharsets.UTF_8);
    }
    int h = hash(buf, off, len);
    int slot = h & (STRING_SLOTS - 1);
    StringEntry e = strings[slot];
    if (e != null && e.hash == h && Arrays.equals(e.key, 0, e.key.length, buf, off, off + len)) {
      return e.value;
    }
    String s = new String(buf, off, len, StandardCharsets.UTF_8);
    strings[slot] = new StringEntry(Arrays.copyOfRange(buf, off, off + len), h, s);
    return s;
  }

  private static int hash(byte[] b, int off, int len) {
    long h = 0x9E3779B97F4A7C15L ^ len;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LE_LONG.get(b, i)) * 0xff51afd7ed558ccdL;
      h ^= h >>> 29;
    }
    long tail = 0;
    for (int s = 0; i < end; i++, s += 8) {
      tail |= (b[i] & 0xFFL) << s;
    }
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 32;
    return (int) h;
  }
}
