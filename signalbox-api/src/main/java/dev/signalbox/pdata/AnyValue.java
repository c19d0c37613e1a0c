package dev.signalbox.pdata;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An OTLP {@code AnyValue}: immutable, so attribute values can be shared freely between batches.
 * {@link EmptyValue} is the value with no field set, which OTLP distinguishes from an empty string.
 */
public sealed interface AnyValue {

  record StringValue(String value) implements AnyValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value;
    }
  }

  record BoolValue(boolean value) implements AnyValue {
    static final BoolValue TRUE = new BoolValue(true);
    static final BoolValue FALSE = new BoolValue(false);

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  record IntValue(long value) implements AnyValue {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  record DoubleValue(double value) implements AnyValue {
    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** Bytes; the array is never modified after construction and compared by content. */
  record BytesValue(byte[] value) implements AnyValue {
    public BytesValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BytesValue b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return HexFormat.of().formatHex(value);
    }
  }

  record ArrayValue(List<AnyValue> values) implements AnyValue {
    public ArrayValue {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  record KvListValue(List<KeyValue> values) implements AnyValue {
    public KvListValue {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  /** The AnyValue with no field set. */
  record EmptyValue() implements AnyValue {
    static final EmptyValue INSTANCE = new EmptyValue();

    @Override
    public String toString() {
      return "<empty>";
    }
  }

  static AnyValue of(String value) {
    return new StringValue(value);
  }

  static AnyValue of(boolean value) {
    return value ? BoolValue.TRUE : BoolValue.FALSE;
  }

  static AnyValue of(long value) {
    return new IntValue(value);
  }

  static AnyValue of(double value) {
    return new DoubleValue(value);
  }

  static AnyValue of(byte[] value) {
    return new BytesValue(value.clone());
  }

  static AnyValue ofArray(List<AnyValue> values) {
    return new ArrayValue(values);
  }

  static AnyValue ofKvList(List<KeyValue> values) {
    return new KvListValue(values);
  }

  static AnyValue empty() {
    return EmptyValue.INSTANCE;
  }

  /** The value as a string, the way the Collector's {@code AsString} renders it (JSON for lists). */
  default String asString() {
    return switch (this) {
      case StringValue s -> s.value();
      case BoolValue b -> Boolean.toString(b.value());
      case IntValue i -> Long.toString(i.value());
      case DoubleValue d -> Double.toString(d.value());
      case BytesValue b -> java.util.Base64.getEncoder().encodeToString(b.value());
      case EmptyValue e -> "";
      case ArrayValue a -> JsonText.of(a);
      case KvListValue kv -> JsonText.of(kv);
    };
  }
}
