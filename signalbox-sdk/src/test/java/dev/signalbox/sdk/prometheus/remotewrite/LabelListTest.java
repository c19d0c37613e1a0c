package dev.signalbox.sdk.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelListTest {
  private static Label[] labels(String... kv) {
    Label[] out = new Label[kv.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Label(new String(kv[2 * i]), new String(kv[2 * i + 1])); // distinct String objects
    }
    return out;
  }

  @Test
  void equalsAndHashesLikeAnyListOfTheSameLabels() {
    LabelList a = new LabelList(labels("__name__", "up", "job", "node"));
    List<Label> plain = List.of(new Label("__name__", "up"), new Label("job", "node"));
    assertThat(a).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(plain).isEqualTo(a);
    assertThat(new ArrayList<>(plain)).isEqualTo(a);
    assertThat(a).isEqualTo(new LabelList(labels("__name__", "up", "job", "node")));
    assertThat(a).isNotEqualTo(new LabelList(labels("__name__", "up", "job", "other")));
    assertThat(a).isNotEqualTo(new LabelList(labels("__name__", "up")));
    assertThat(new Label("a", "b")).isEqualTo(new Label("a", "b")).hasSameHashCodeAs(new Label("a", "b"))
        .isNotEqualTo(new Label("a", "c")).isNotEqualTo(new Label("b", "b"));
  }

  @Test
  void isAMapKeyInterchangeableWithOtherLists() {
    Map<List<Label>, Integer> m = new HashMap<>();
    m.put(new LabelList(labels("__name__", "x", "i", "1")), 1);
    assertThat(m.get(List.of(new Label("__name__", "x"), new Label("i", "1")))).isEqualTo(1);
    assertThat(m.get(new LabelList(labels("__name__", "x", "i", "1")))).isEqualTo(1);
    assertThat(m.get(new LabelList(labels("__name__", "x", "i", "2")))).isNull();
  }

  @Test
  void isUnmodifiableAndRefusesNulls() {
    LabelList a = new LabelList(labels("a", "1"));
    assertThatThrownBy(() -> a.add(new Label("b", "2"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> a.set(0, new Label("b", "2"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new LabelList(new Label[] {null})).isInstanceOf(NullPointerException.class);
    assertThat(new LabelList(new Label[0])).isEmpty();
    assertThat(new LabelList(new Label[0])).isEqualTo(List.of());
  }
}
