package dev.signalbox.pdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The shared machinery of {@link Traces}, {@link Metrics} and {@link Logs}: a list of resource
 * entries that may still be held as wire chunks.
 *
 * <p>Lazy decoding is thread-safe: a read-only batch fanned out to several exporters may be read
 * by their threads at once, so the first reader decodes under a lock and publishes the result
 * through the volatile {@code wire} field.
 */
abstract sealed class ResourceBatch<R extends Element, T extends ResourceBatch<R, T>> extends Element
    implements Telemetry permits Traces, Metrics, Logs {

  private final ElementList<R> resources;
  /** Undecoded content, in order: {@link WireChunk}s (decoded by {@link #decoder}) and {@link NativeChunk}s. */
  private volatile List<Object> wire;
  private WireDecoder<T> decoder;

  ResourceBatch(Supplier<R> factory) {
    this.guard = new Guard();
    this.resources = new ElementList<>(this, factory);
  }

  abstract T self();

  abstract T newEmpty();

  /** Items in one decoded resource entry. */
  abstract int countItems(R resource);

  abstract R copyResource(R resource);

  /**
   * Moves the first {@code n} items of {@code resource} (0 < n < its item count) into a new entry
   * with a copy of its resource and scopes, and returns it.
   */
  abstract R splitOff(R resource, int n);

  final void initWire(WireChunk chunk, WireDecoder<T> decoder) {
    List<Object> l = new ArrayList<>(1);
    l.add(chunk);
    this.wire = l;
    this.decoder = decoder;
  }

  final void initNative(NativeChunk<T> chunk) {
    List<Object> l = new ArrayList<>(1);
    l.add(Objects.requireNonNull(chunk, "chunk"));
    this.wire = l;
  }

  /** The decoded resource entries; decodes wire chunks on first use. */
  final ElementList<R> resources() {
    if (wire != null) {
      decode();
    }
    return resources;
  }

  @SuppressWarnings("unchecked")
  private synchronized void decode() {
    List<Object> chunks = wire;
    if (chunks == null) {
      return;
    }
    T tmp = newEmpty();
    for (Object c : chunks) {
      if (c instanceof WireChunk w) {
        decoder.decodeInto(w, tmp);
      } else {
        ((NativeChunk<T>) c).decodeInto(tmp);
      }
    }
    ResourceBatch<R, T> t = tmp;
    // The decoded tree points at tmp's guard; hand that guard to this root (nothing else of ours
    // pointed at the old one while we held only bytes).
    t.guard.readOnly = guard.readOnly;
    guard = t.guard;
    resources.takeItemsOf(t.resources);
    decoder = null;
    wire = null;
  }

  private static int items(Object chunk) {
    return chunk instanceof WireChunk w ? w.itemCount() : ((NativeChunk<?>) chunk).itemCount();
  }

  @Override
  public final boolean isWireBacked() {
    return wire != null;
  }

  /**
   * The undecoded OTLP chunks, or null once decoded (or when the batch also holds
   * {@link NativeChunk}s). For codecs: lets them re-send the bytes as they are.
   */
  public final List<WireChunk> wireChunks() {
    List<Object> w = wire;
    if (w == null) {
      return null;
    }
    for (Object c : w) {
      if (!(c instanceof WireChunk)) {
        return null;
      }
    }
    @SuppressWarnings("unchecked") // every element was just checked to be a WireChunk
    List<WireChunk> chunks = (List<WireChunk>) (List<?>) w;
    return Collections.unmodifiableList(chunks); // a view, as before native chunks: no copy per export
  }

  /**
   * The undecoded native chunks when the batch holds nothing else and all are of {@code format};
   * otherwise null. For consumers that handle that form directly (see {@link NativeChunk}).
   */
  @SuppressWarnings("unchecked")
  public final List<NativeChunk<T>> nativeChunks(String format) {
    List<Object> w = wire;
    if (w == null) {
      return null;
    }
    for (Object c : w) {
      if (!(c instanceof NativeChunk<?> n) || !n.format().equals(format)) {
        return null;
      }
    }
    List<NativeChunk<T>> chunks = (List<NativeChunk<T>>) (List<?>) w; // every element was just checked
    return Collections.unmodifiableList(chunks);
  }


  @Override
  public final int itemCount() {
    List<Object> w = wire;
    if (w != null) {
      int n = 0;
      for (Object c : w) {
        n += items(c);
      }
      return n;
    }
    int n = 0;
    for (R r : resources) {
      n += countItems(r);
    }
    return n;
  }

  @Override
  public final void markReadOnly() {
    guard.readOnly = true;
  }

  @Override
  public final long sizeHint() {
    List<Object> w = wire;
    if (w != null) {
      long n = 0;
      for (Object c : w) {
        n += c instanceof WireChunk wc ? wc.length() : ((NativeChunk<?>) c).sizeHint();
      }
      return n;
    }
    return 256L * itemCount();
  }

  /**
   * Moves all of {@code other}'s content to the end of this batch, leaving {@code other} empty.
   * Two undecoded batches merge by joining their chunk lists, without decoding.
   */
  public final void append(T other) {
    checkMutable();
    ResourceBatch<R, T> o = other;
    o.checkMutable();
    synchronized (this) {
      List<Object> ow = o.wire;
      if (ow != null && (wire != null || resources.isEmpty())) {
        if (wire == null) {
          wire = new ArrayList<>(ow);
        } else {
          wire.addAll(ow);
        }
        if (decoder == null) {
          decoder = o.decoder;
        }
        o.wire = null;
        o.decoder = null;
        return;
      }
    }
    o.resources().moveAllTo(resources());
  }

  /**
   * Removes up to {@code maxItems} items from the front of this batch and returns them as a new
   * batch; this batch keeps the rest. Whole chunks move without decoding, and a native chunk that
   * can be cut is cut; an OTLP chunk or resource entry larger than what is left to take is decoded
   * and split, its resource and scope copied into both parts.
   */
  @SuppressWarnings("unchecked")
  public final T takeFirst(int maxItems) {
    if (maxItems <= 0) {
      throw new IllegalArgumentException("maxItems must be positive: " + maxItems);
    }
    checkMutable();
    T out = newEmpty();
    ResourceBatch<R, T> o = out;
    synchronized (this) {
      List<Object> w = wire;
      if (w != null) {
        int taken = 0;
        int i = 0;
        while (i < w.size() && taken + items(w.get(i)) <= maxItems) {
          taken += items(w.get(i));
          i++;
        }
        if (i == w.size()) {
          o.wire = new ArrayList<>(w);
          o.decoder = decoder;
          wire = new ArrayList<>();
          return out;
        }
        List<NativeChunk<T>> cut = taken < maxItems && w.get(i) instanceof NativeChunk<?> n
            ? ((NativeChunk<T>) n).splitAt(maxItems - taken) : null;
        if (cut != null) {
          o.wire = new ArrayList<>(w.subList(0, i));
          o.wire.add(cut.get(0));
          o.decoder = decoder;
          w.subList(0, i).clear();
          w.set(0, cut.get(1));
          return out;
        }
        if (i > 0 || taken == maxItems) {
          o.wire = new ArrayList<>(w.subList(0, i));
          o.decoder = decoder;
          w.subList(0, i).clear();
          return out;
        }
      }
    }
    int left = maxItems;
    ElementList<R> src = resources();
    while (left > 0 && !src.isEmpty()) {
      R r = src.get(0);
      int n = countItems(r);
      if (n <= left) {
        src.remove(0);
        o.resources.add(r);
        left -= n;
      } else {
        o.resources.add(splitOff(r, left));
        left = 0;
      }
    }
    return out;
  }

  @Override
  public final T copy() {
    T c = newEmpty();
    ResourceBatch<R, T> cc = c;
    List<Object> w = wire;
    if (w != null) {
      cc.wire = new ArrayList<>(w);
      cc.decoder = decoder;
      return c;
    }
    ElementList<R> dest = cc.resources;
    dest.ensureCapacity(resources.size());
    for (R r : resources) {
      dest.add(copyResource(r));
    }
    return c;
  }


  @Override
  void adopt(Guard g) {
    throw new UnsupportedOperationException("a batch is a root and cannot be added to another element");
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && resources().equals(((ResourceBatch<?, ?>) o).resources());
  }

  @Override
  public final int hashCode() {
    return resources().hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + (wire != null ? "{wire, " + itemCount() + " items}" : resources.toString());
  }
}
