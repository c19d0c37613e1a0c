package dev.signalbox.pdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttributesTest {
  @Test
  void addAllAppendsLikeAddOneByOneAndCopiesTheArrays() {
    NumberDataPoint a = new NumberDataPoint();
    NumberDataPoint b = new NumberDataPoint();
    String[] keys = {"k1", "k2", "k1"};
    AnyValue[] values = {AnyValue.of("v1"), AnyValue.of(2L), AnyValue.of("v3")};
    a.attributes().put("first", "x");
    b.attributes().put("first", "x");
    a.attributes().addAll(keys, values);
    for (int i = 0; i < keys.length; i++) {
      b.attributes().add(keys[i], values[i]);
    }
    assertThat(a.attributes()).isEqualTo(b.attributes());
    assertThat(a.attributes().size()).isEqualTo(4);
    keys[0] = "changed";
    assertThat(a.attributes().key(1)).isEqualTo("k1");
    a.attributes().addAll(new String[0], new AnyValue[0]);
    assertThat(a.attributes().size()).isEqualTo(4);
    NumberDataPoint c = new NumberDataPoint();
    c.attributes().addAll(new String[] {"only"}, new AnyValue[] {AnyValue.of(true)});
    assertThat(c.attributes().asList()).containsExactly(new KeyValue("only", AnyValue.of(true)));
  }

  @Test
  void addAllRefusesNullsAndMismatchedArraysAndReadOnlyData() {
    NumberDataPoint p = new NumberDataPoint();
    assertThatThrownBy(() -> p.attributes().addAll(new String[] {"k"}, new AnyValue[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.attributes().addAll(new String[] {null}, new AnyValue[] {AnyValue.of(1L)}))
        .isInstanceOf(NullPointerException.class);
    assertThat(p.attributes().size()).isZero();
    Metrics m = new Metrics();
    NumberDataPoint q = m.resourceMetrics().addNew().scopeMetrics().addNew().metrics().addNew().setEmptyGauge()
        .dataPoints().addNew();
    m.markReadOnly();
    assertThatThrownBy(() -> q.attributes().addAll(new String[] {"k"}, new AnyValue[] {AnyValue.of(1L)}))
        .isInstanceOf(ReadOnlyDataException.class);
  }
}
