package dev.signalbox.pdata;

/**
 * Base of every mutable pdata element. Not thread-safe: a batch is owned by one thread at a time,
 * and ownership passes with {@code Consumer.consume}.
 */
public abstract class Element {
  Guard guard = Guard.FREE;

  Element() {}

  /** Throws {@link ReadOnlyDataException} if this element belongs to a read-only batch. */
  protected final void checkMutable() {
    if (guard.readOnly) {
      throw new ReadOnlyDataException();
    }
  }

  /** True when this element belongs to a batch shared read-only between consumers. */
  public final boolean isReadOnly() {
    return guard.readOnly;
  }

  /** Points this element and all its children at {@code g}. Subclasses recurse into children. */
  void adopt(Guard g) {
    guard = g;
  }

  static boolean eq(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }
}
