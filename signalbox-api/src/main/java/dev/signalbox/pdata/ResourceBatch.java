package dev.signalbox.pdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
  private volatile List<WireChunk> wire;
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

  final void initWire(WireChunk chunk, WireDecoder<T> decoder) {
    List<WireChunk> l = new ArrayList<>(1);
    l.add(chunk);
    this.wire = l;
    this.decoder = decoder;
  }

  /** The decoded resource entries; decodes wire chunks on first use. */
  final ElementList<R> resources() {
    if (wire != null) {
      decode();
    }
    return resources;
  }

  private synchronized void decode() {
    List<WireChunk> chunks = wire;
    if (chunks == null) {
      return;
    }
    T tmp = newEmpty();
    for (WireChunk c : chunks) {
      decoder.decodeInto(c, tmp);
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

  @Override
  public final boolean isWireBacked() {
    return wire != null;
  }

  /** The undecoded chunks, or null once decoded. For codecs: lets them re-send the bytes as they are. */
  public final List<WireChunk> wireChunks() {
    List<WireChunk> w = wire;
    return w == null ? null : Collections.unmodifiableList(w);
  }

  @Override
  public final int itemCount() {
    List<WireChunk> w = wire;
    if (w != null) {
      int n = 0;
      for (WireChunk c : w) {
        n += c.itemCount();
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
    List<WireChunk> w = wire;
    if (w != null) {
      long n = 0;
      for (WireChunk c : w) {
        n += c.length();
      }
      return n;
    }
    return 256L * itemCount();
  }

  /**
   * Moves all of {@code other}'s content to the end of this batch, leaving {@code other} empty.
   * Two wire-backed batches merge by joining their chunk lists, without decoding.
   */
  public final void append(T other) {
    checkMutable();
    ResourceBatch<R, T> o = other;
    o.checkMutable();
    synchronized (this) {
      List<WireChunk> ow = o.wire;
      if (ow != null && (wire != null || resources.isEmpty())) {
        if (wire == null) {
          wire = new ArrayList<>(ow);
          decoder = o.decoder;
        } else {
          wire.addAll(ow);
        }
        o.wire = null;
        o.decoder = null;
        return;
      }
    }
    o.resources().moveAllTo(resources());
  }

  @Override
  public final T copy() {
    T c = newEmpty();
    ResourceBatch<R, T> cc = c;
    List<WireChunk> w = wire;
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
