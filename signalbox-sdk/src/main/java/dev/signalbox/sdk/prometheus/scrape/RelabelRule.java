package dev.signalbox.sdk.prometheus.scrape;

import java.util.List;
import java.util.Objects;

/**
 * One compiled {@code relabel_config}. Defaults are Prometheus': separator {@code ;}, regex
 * {@code (.*)}, replacement {@code $1}, action {@code replace}.
 *
 * @param sourceLabels labels whose values are joined with {@code separator}
 * @param targetLabel the label written by replace, hashmod, lowercase, uppercase (a template for
 *     replace); compared by keepequal and dropequal
 * @param modulus hashmod's modulus
 */
public record RelabelRule(List<String> sourceLabels, String separator, PromRegex regex, long modulus,
    String targetLabel, String replacement, RelabelAction action) {

  public RelabelRule {
    sourceLabels = List.copyOf(sourceLabels);
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(targetLabel, "targetLabel");
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(action, "action");
  }

  /** A rule with Prometheus' defaults for everything but what is given. */
  public static RelabelRule of(RelabelAction action, List<String> sourceLabels, String regex, String targetLabel,
      String replacement) {
    return new RelabelRule(sourceLabels, ";", regex == null ? PromRegex.DEFAULT : PromRegex.compile(regex), 0,
        targetLabel == null ? "" : targetLabel, replacement == null ? "$1" : replacement, action);
  }
}
