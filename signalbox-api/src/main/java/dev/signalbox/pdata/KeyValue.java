package dev.signalbox.pdata;

import java.util.Objects;

/** One attribute: a key and an {@link AnyValue}. Immutable. */
public record KeyValue(String key, AnyValue value) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  public static KeyValue of(String key, String value) {
    return new KeyValue(key, AnyValue.of(value));
  }

  public static KeyValue of(String key, long value) {
    return new KeyValue(key, AnyValue.of(value));
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
