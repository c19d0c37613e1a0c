package dev.signalbox.pdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A repeated field of pdata elements, owned by one parent element. Mutations check the owner's
 * read-only guard; elements added from elsewhere are re-pointed at the owner's guard.
 */
public final class ElementList<E extends Element> implements Iterable<E> {
  private final Element owner;
  private final Supplier<E> factory;
  private final ArrayList<E> items;

  ElementList(Element owner, Supplier<E> factory) {
    this.owner = owner;
    this.factory = factory;
    this.items = new ArrayList<>(2);
  }

  public int size() {
    return items.size();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public E get(int index) {
    return items.get(index);
  }

  /** Appends a new empty element and returns it. */
  public E addNew() {
    owner.checkMutable();
    E e = factory.get();
    e.adopt(owner.guard);
    items.add(e);
    return e;
  }

  /**
   * Appends {@code e}, which now belongs to this list's batch. The caller must not keep using it
   * through another parent.
   */
  public void add(E e) {
    owner.checkMutable();
    if (e.guard != owner.guard) {
      e.adopt(owner.guard);
    }
    items.add(e);
  }

  public E remove(int index) {
    owner.checkMutable();
    return items.remove(index);
  }

  public boolean removeIf(Predicate<? super E> filter) {
    owner.checkMutable();
    return items.removeIf(filter);
  }

  public void clear() {
    owner.checkMutable();
    items.clear();
  }

  public void ensureCapacity(int capacity) {
    items.ensureCapacity(capacity);
  }

  public void sort(Comparator<? super E> comparator) {
    owner.checkMutable();
    items.sort(comparator);
  }

  /** Moves every element of this list to the end of {@code dest}, leaving this list empty. */
  public void moveAllTo(ElementList<E> dest) {
    owner.checkMutable();
    dest.owner.checkMutable();
    dest.items.ensureCapacity(dest.items.size() + items.size());
    for (E e : items) {
      dest.add(e);
    }
    items.clear();
  }

  /** Moves the first {@code n} elements of this list to the end of {@code dest}, in order. */
  public void moveFirstTo(int n, ElementList<E> dest) {
    owner.checkMutable();
    dest.owner.checkMutable();
    List<E> head = items.subList(0, n);
    dest.items.ensureCapacity(dest.items.size() + n);
    for (E e : head) {
      dest.add(e);
    }
    head.clear();
  }

  /** Read-only view; iteration does not allow removal (use {@link #removeIf}). */
  public List<E> asList() {
    return Collections.unmodifiableList(items);
  }

  @Override
  public Iterator<E> iterator() {
    return asList().iterator();
  }

  public Stream<E> stream() {
    return items.stream();
  }

  /** Replaces this list's items with {@code other}'s, leaving {@code other} empty; no guard checks. */
  void takeItemsOf(ElementList<E> other) {
    items.clear();
    items.addAll(other.items);
    other.items.clear();
  }

  void adoptAll(Guard g) {
    for (E e : items) {
      e.adopt(g);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElementList<?> other && items.equals(other.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return items.toString();
  }
}
