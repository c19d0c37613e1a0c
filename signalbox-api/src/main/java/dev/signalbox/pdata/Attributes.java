package dev.signalbox.pdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * An ordered attribute list owned by one element. {@code put} replaces the value of an existing key
 * (the first one) or appends; {@link #add} appends without looking, which codecs use to keep a
 * client's list exactly as sent (OTLP does not forbid duplicate keys on the wire).
 *
 * <p>Stored as parallel arrays: attribute lists are short, so lookups scan linearly.
 */
public final class Attributes {
  private static final String[] NO_KEYS = new String[0];
  private static final AnyValue[] NO_VALUES = new AnyValue[0];

  private final Element owner;
  private String[] keys = NO_KEYS;
  private AnyValue[] values = NO_VALUES;
  private int size;

  Attributes(Element owner) {
    this.owner = owner;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public String key(int index) {
    checkIndex(index);
    return keys[index];
  }

  public AnyValue value(int index) {
    checkIndex(index);
    return values[index];
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
  }

  public int indexOf(String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** The value of {@code key}, or null. */
  public AnyValue get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  /** The value of {@code key} as a string (see {@link AnyValue#asString()}), or null. */
  public String getString(String key) {
    AnyValue v = get(key);
    return v == null ? null : v.asString();
  }

  public boolean containsKey(String key) {
    return indexOf(key) >= 0;
  }

  public Attributes put(String key, AnyValue value) {
    owner.checkMutable();
    int i = indexOf(key);
    if (i >= 0) {
      values[i] = value;
    } else {
      append(key, value);
    }
    return this;
  }

  public Attributes put(String key, String value) {
    return put(key, AnyValue.of(value));
  }

  public Attributes put(String key, long value) {
    return put(key, AnyValue.of(value));
  }

  public Attributes put(String key, double value) {
    return put(key, AnyValue.of(value));
  }

  public Attributes put(String key, boolean value) {
    return put(key, AnyValue.of(value));
  }

  /** Appends without checking for an existing key. */
  public Attributes add(String key, AnyValue value) {
    owner.checkMutable();
    append(key, value);
    return this;
  }

  /**
   * Appends {@code keys[i]}, {@code values[i]} for every {@code i}, without checking for existing
   * keys: {@link #add} for many at once (the arrays are copied, not kept).
   */
  public Attributes addAll(String[] keys, AnyValue[] values) {
    owner.checkMutable();
    int n = keys.length;
    if (values.length != n) {
      throw new IllegalArgumentException(n + " keys but " + values.length + " values");
    }
    for (int i = 0; i < n; i++) {
      java.util.Objects.requireNonNull(keys[i], "key");
      java.util.Objects.requireNonNull(values[i], "value");
    }
    if (size + n > this.keys.length) {
      int cap = Math.max(size + n, size == 0 ? n : Math.max(4, size * 2));
      this.keys = Arrays.copyOf(this.keys, cap);
      this.values = Arrays.copyOf(this.values, cap);
    }
    System.arraycopy(keys, 0, this.keys, size, n);
    System.arraycopy(values, 0, this.values, size, n);
    size += n;
    return this;
  }

  private void append(String key, AnyValue value) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(value, "value");
    if (size == keys.length) {
      int n = Math.max(4, size * 2);
      keys = Arrays.copyOf(keys, n);
      values = Arrays.copyOf(values, n);
    }
    keys[size] = key;
    values[size] = value;
    size++;
  }

  /** Removes every entry with {@code key}; returns whether one was present. */
  public boolean remove(String key) {
    return removeIf((k, v) -> k.equals(key));
  }

  public boolean removeIf(BiPredicate<String, AnyValue> filter) {
    owner.checkMutable();
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (!filter.test(keys[r], values[r])) {
        keys[w] = keys[r];
        values[w] = values[r];
        w++;
      }
    }
    boolean removed = w != size;
    Arrays.fill(keys, w, size, null);
    Arrays.fill(values, w, size, null);
    size = w;
    return removed;
  }

  public void clear() {
    owner.checkMutable();
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  public void ensureCapacity(int capacity) {
    if (capacity > keys.length) {
      keys = Arrays.copyOf(keys, capacity);
      values = Arrays.copyOf(values, capacity);
    }
  }

  public void forEach(BiConsumer<String, AnyValue> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  /** Replaces this list's content with a copy of {@code other}'s. */
  public void copyFrom(Attributes other) {
    owner.checkMutable();
    keys = other.size == 0 ? NO_KEYS : Arrays.copyOf(other.keys, other.size);
    values = other.size == 0 ? NO_VALUES : Arrays.copyOf(other.values, other.size);
    size = other.size;
  }

  public List<KeyValue> asList() {
    List<KeyValue> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new KeyValue(keys[i], values[i]));
    }
    return out;
  }

  /** A map view (a copy); with duplicate keys the first wins. */
  public Map<String, AnyValue> asMap() {
    Map<String, AnyValue> out = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      out.putIfAbsent(keys[i], values[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Attributes other) || other.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!keys[i].equals(other.keys[i]) || !values[i].equals(other.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < size; i++) {
      h = 31 * h + keys[i].hashCode();
      h = 31 * h + values[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return asList().toString();
  }
}
