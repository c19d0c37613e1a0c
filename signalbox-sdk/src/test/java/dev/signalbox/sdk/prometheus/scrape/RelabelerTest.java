package dev.signalbox.sdk.prometheus.scrape;

import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.DROP;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.DROPEQUAL;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.HASHMOD;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.KEEP;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.KEEPEQUAL;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.LABELDROP;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.LABELKEEP;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.LABELMAP;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.LOWERCASE;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.REPLACE;
import static dev.signalbox.sdk.prometheus.scrape.RelabelAction.UPPERCASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases from Prometheus' relabel_test.go, with their expected outputs. */
class RelabelerTest {
  static final Labels ABC = Labels.of("a", "foo", "b", "bar", "c", "baz");

  static Labels run(Labels in, RelabelRule... rules) {
    return Relabeler.process(in, List.of(rules));
  }

  @Test
  void replaceWithGroupsAndSeparator() {
    RelabelRule r = new RelabelRule(List.of("a", "b"), ";", PromRegex.compile("f(.*);(.*)r"), 0, "d", "ch${1}-ch${2}",
        REPLACE);
    assertThat(run(ABC, r)).isEqualTo(Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "choo-chba"));
  }

  @Test
  void replaceDoesNothingWithoutAMatchAndDeletesOnEmptyResult() {
    assertThat(run(Labels.of("a", "foo"), RelabelRule.of(REPLACE, List.of("a"), "f", "b", "bar")))
        .as("anchored: 'f' does not match 'foo'").isEqualTo(Labels.of("a", "foo"));
    assertThat(run(Labels.of("a", "foo", "b", "x"), RelabelRule.of(REPLACE, List.of("a"), "foo", "b", "")))
        .isEqualTo(Labels.of("a", "foo"));
  }

  @Test
  void replaceWithTemplatedTargetAndInvalidTarget() {
    assertThat(run(Labels.of("a", "some-name-value"),
        RelabelRule.of(REPLACE, List.of("a"), "some-([^-]+)-([^,]+)", "${1}", "${2}")))
        .isEqualTo(Labels.of("a", "some-name-value", "name", "value"));
    assertThat(run(Labels.of("a", "some-0-value"),
        RelabelRule.of(REPLACE, List.of("a"), "some-([^-]+)-([^,]+)", "${1}", "${2}")))
        .as("'0' is not a valid label name: nothing happens").isEqualTo(Labels.of("a", "some-0-value"));
  }

  @Test
  void goTemplateNamesTakeTheLongestWord() {
    assertThat(run(Labels.of("a", "foo"), RelabelRule.of(REPLACE, List.of("a"), "(f)(o+)", "b", "$1_x")))
        .as("$1_x names the group '1_x', which is empty: the label is deleted").isEqualTo(Labels.of("a", "foo"));
    assertThat(run(Labels.of("a", "foo"), RelabelRule.of(REPLACE, List.of("a"), "(f)(o+)", "b", "${1}_x$$")))
        .isEqualTo(Labels.of("a", "foo", "b", "f_x$"));
    assertThat(run(Labels.of("a", "foo"), RelabelRule.of(REPLACE, List.of("a"), "(?P<first>f)o+", "b", "$first")))
        .isEqualTo(Labels.of("a", "foo", "b", "f"));
  }

  @Test
  void keepAndDrop() {
    assertThat(run(ABC, RelabelRule.of(DROP, List.of("a"), "f.*", null, null))).isNull();
    assertThat(run(ABC, RelabelRule.of(DROP, List.of("a"), "f", null, null))).isEqualTo(ABC);
    assertThat(run(ABC, RelabelRule.of(KEEP, List.of("a"), "f", null, null))).isNull();
    assertThat(run(ABC, RelabelRule.of(KEEP, List.of("a"), "f.*", null, null))).isEqualTo(ABC);
    assertThat(run(Labels.of("a", "abc"), RelabelRule.of(KEEP, List.of("missing"), "", null, null)))
        .as("a missing label is the empty string").isEqualTo(Labels.of("a", "abc"));
  }

  @Test
  void hashmodAsPrometheus() {
    RelabelRule r = new RelabelRule(List.of("c"), ";", PromRegex.DEFAULT, 1000, "d", "$1", HASHMOD);
    assertThat(run(ABC, r)).isEqualTo(Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "976"));
  }

  @Test
  void labelmapLabeldropLabelkeep() {
    Labels in = Labels.of("a", "foo", "b1", "bar", "b2", "baz");
    assertThat(run(in, RelabelRule.of(LABELMAP, List.of(), "(b.*)", null, "bar_${1}")))
        .isEqualTo(Labels.of("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"));
    assertThat(run(Labels.of("__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc"),
        RelabelRule.of(LABELMAP, List.of(), "__meta_(my.*)", null, "${1}")))
        .isEqualTo(Labels.of("__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc", "my_bar", "aaa",
            "my_baz", "bbb"));
    assertThat(run(in, RelabelRule.of(LABELDROP, List.of(), "b.*", null, null))).isEqualTo(Labels.of("a", "foo"));
    assertThat(run(in, RelabelRule.of(LABELKEEP, List.of(), "b.*", null, null)))
        .isEqualTo(Labels.of("b1", "bar", "b2", "baz"));
  }

  @Test
  void caseAndEqualityActions() {
    Labels in = Labels.of("foo", "bAr123Foo", "x", "bAr123Foo");
    assertThat(run(in, RelabelRule.of(LOWERCASE, List.of("foo"), null, "low", null)).get("low")).isEqualTo("bar123foo");
    assertThat(run(in, RelabelRule.of(UPPERCASE, List.of("foo"), null, "up", null)).get("up")).isEqualTo("BAR123FOO");
    assertThat(run(in, RelabelRule.of(KEEPEQUAL, List.of("foo"), null, "x", null))).isEqualTo(in);
    assertThat(run(in, RelabelRule.of(DROPEQUAL, List.of("foo"), null, "x", null))).isNull();
  }

  @Test
  void rulesApplyInOrderAndStopAtADrop() {
    assertThat(run(ABC, RelabelRule.of(REPLACE, List.of("a"), "(.*)", "z", "zzz"),
        RelabelRule.of(KEEP, List.of("z"), "zzz", null, null),
        RelabelRule.of(LABELDROP, List.of(), "[ab]", null, null)))
        .isEqualTo(Labels.of("c", "baz", "z", "zzz"));
  }

  @Test
  void invalidRegexSaysWhy() {
    assertThatThrownBy(() -> PromRegex.compile("a(b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid regular expression \"a(b\": ");
  }
}
