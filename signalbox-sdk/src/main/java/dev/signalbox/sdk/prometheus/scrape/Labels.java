package dev.signalbox.sdk.prometheus.scrape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A Prometheus label set: names unique, sorted by name (Java's {@code String} order, which is
 * Go's byte order for the ASCII names Prometheus allows), values never empty (an empty value means
 * "no such label", as in Prometheus). The metric name is the label {@value #METRIC_NAME}.
 * Immutable; equal sets are {@code equals} with the same hash.
 */
public final class Labels {
  public static final String METRIC_NAME = "__name__";
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private int hash;
  /** {@link #derived} values: key, value, key, value, ... (copy on write). */
  private volatile Object[] derived;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /** Labels from name/value pairs; empty values are left out; a repeated name keeps the last value. */
  public static Labels of(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs");
    }
    Builder b = new Builder(EMPTY);
    for (int i = 0; i < pairs.length; i += 2) {
      b.set(pairs[i], pairs[i + 1]);
    }
    return b.build();
  }

  /** Labels from a map; empty values are left out. */
  public static Labels of(Map<String, String> map) {
    Builder b = new Builder(EMPTY);
    map.forEach(b::set);
    return b.build();
  }

  /**
   * Labels from parallel arrays already known to be unique; sorts them. Empty values are dropped.
   * The arrays are not kept.
   *
   * @throws IllegalArgumentException naming the first repeated name
   */
  public static Labels ofUnique(List<String> names, List<String> values) {
    int n = names.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
    List<String> ns = new ArrayList<>(n);
    List<String> vs = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      String name = names.get(i);
      if (k > 0 && names.get(order[k - 1]).equals(name)) {
        throw new IllegalArgumentException("label name \"" + name + "\" is not unique");
      }
      if (!values.get(i).isEmpty()) {
        ns.add(name);
        vs.add(values.get(i));
      }
    }
    return new Labels(ns.toArray(String[]::new), vs.toArray(String[]::new));
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** The value of {@code name}, or "" when absent (Prometheus' convention). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? "" : values[i];
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The metric name ({@code __name__}), or "". */
  public String metricName() {
    return get(METRIC_NAME);
  }

  private int indexOf(String name) {
    int lo = 0;
    int hi = names.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = names[mid].compareTo(name);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /**
   * A value computed from these labels by {@code compute}, remembered under {@code key} (compared
   * by identity: use a constant) so that code seeing the same label set again and again (a series
   * of every scrape or remote-write request) computes it once. {@code compute} must depend on the
   * labels only. At most {@value #MAX_DERIVED} keys are remembered. Thread-safe: racing callers
   * may both compute.
   */
  @SuppressWarnings("unchecked")
  public <V> V derived(Object key, java.util.function.Function<Labels, V> compute) {
    Object[] d = derived;
    if (d != null) {
      for (int i = 0; i < d.length; i += 2) {
        if (d[i] == key) {
          return (V) d[i + 1];
        }
      }
    }
    V v = compute.apply(this);
    int n = d == null ? 0 : d.length;
    if (n < 2 * MAX_DERIVED) {
      Object[] more = d == null ? new Object[2] : Arrays.copyOf(d, n + 2);
      more[n] = key;
      more[n + 1] = v;
      derived = more;
    }
    return v;
  }

  private static final int MAX_DERIVED = 8;

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /** These labels without {@code drop} (names), or this when none is present. */
  public Labels without(String... drop) {
    boolean any = false;
    for (String d : drop) {
      any |= has(d);
    }
    if (!any) {
      return this;
    }
    Builder b = toBuilder();
    for (String d : drop) {
      b.del(d);
    }
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(EMPTY);
  }

  /** The labels as an ordered map (a copy). */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    forEach(m::put);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && Arrays.equals(names, l.names) && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(names) * 31 + Arrays.hashCode(values);
      hash = h == 0 ? 1 : h;
    }
    return h;
  }

  /** Prometheus' rendering: {@code name{a="1", b="2"}} with the metric name outside the braces. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(metricName()).append('{');
    boolean first = true;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(names[i]).append("=\"");
      String v = values[i];
      for (int k = 0; k < v.length(); k++) {
        char c = v.charAt(k);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '"' -> b.append("\\\"");
          case '\n' -> b.append("\\n");
          default -> b.append(c);
        }
      }
      b.append('"');
    }
    return b.append('}').toString();
  }

  /** A mutable copy for relabeling: set, delete, then {@link #build}. Not thread-safe. */
  public static final class Builder {
    private final TreeMap<String, String> map = new TreeMap<>();

    private Builder(Labels base) {
      base.forEach(map::put);
    }

    /** Sets {@code name}; an empty value deletes it. */
    public Builder set(String name, String value) {
      Objects.requireNonNull(name, "name");
      if (value == null || value.isEmpty()) {
        map.remove(name);
      } else {
        map.put(name, value);
      }
      return this;
    }

    public Builder del(String name) {
      map.remove(name);
      return this;
    }

    /** The current value of {@code name}, or "". */
    public String get(String name) {
      String v = map.get(name);
      return v == null ? "" : v;
    }

    public boolean has(String name) {
      return map.containsKey(name);
    }

    /** Removes the names {@code filter} accepts. */
    public Builder removeIf(java.util.function.Predicate<String> filter) {
      map.keySet().removeIf(filter);
      return this;
    }

    /** The names currently set, in order (a copy). */
    public List<String> names() {
      return new ArrayList<>(map.keySet());
    }

    public Labels build() {
      String[] n = map.keySet().toArray(String[]::new);
      String[] v = map.values().toArray(String[]::new);
      return new Labels(n, v);
    }
  }
}
