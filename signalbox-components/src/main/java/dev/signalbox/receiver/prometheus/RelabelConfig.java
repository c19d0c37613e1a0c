package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParser;
import dev.signalbox.sdk.prometheus.scrape.PromRegex;
import dev.signalbox.sdk.prometheus.scrape.RelabelAction;
import dev.signalbox.sdk.prometheus.scrape.RelabelRule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code relabel_configs} or {@code metric_relabel_configs} entry, Prometheus' keys and
 * defaults. A {@code $} in a value must be written {@code $$} when it is followed by {@code {}
 * (environment-variable syntax), as in the Collector: {@code replacement: $${1}_x}; {@code $1}
 * works as written.
 *
 * @param sourceLabels {@code source_labels}: labels whose values are joined
 * @param separator {@code separator}: joins the source values (default {@code ;})
 * @param regex {@code regex}: anchored regular expression (default {@code (.*)})
 * @param modulus {@code modulus}: for hashmod
 * @param targetLabel {@code target_label}: the label written (replace, hashmod, lowercase, uppercase)
 *     or compared (keepequal, dropequal)
 * @param replacement {@code replacement}: template for replace and labelmap (default {@code $1})
 * @param action {@code action}: replace (default), keep, drop, hashmod, labelmap, labeldrop,
 *     labelkeep, lowercase, uppercase, keepequal, dropequal
 */
public record RelabelConfig(List<String> sourceLabels, String separator, String regex, long modulus,
    String targetLabel, String replacement, String action) implements ConfigBlock {

  private static final Pattern RELABEL_TARGET = Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");

  public RelabelConfig {
    sourceLabels = sourceLabels == null ? List.of() : List.copyOf(sourceLabels);
    separator = separator == null ? ";" : separator;
    regex = regex == null ? "(.*)" : regex;
    targetLabel = targetLabel == null ? "" : targetLabel;
    replacement = replacement == null ? "$1" : replacement;
    action = action == null || action.isEmpty() ? "replace" : action;
  }

  public static RelabelConfig defaults() {
    return new RelabelConfig(List.of(), ";", "(.*)", 0, "", "$1", "replace");
  }

  /** The compiled rule; call after {@link #validate} found nothing. */
  public RelabelRule toRule() {
    return new RelabelRule(sourceLabels, separator, PromRegex.compile(regex), modulus, targetLabel, replacement,
        parseAction(action));
  }

  @Override
  public void validate(Problems problems) {
    RelabelAction parsed = parseAction(action);
    if (parsed == null) {
      problems.error("action", "unknown relabel action \"" + action + "\"; expected one of: " + java.util.Arrays.stream(
          RelabelAction.values()).map(x -> x.name().toLowerCase(java.util.Locale.ROOT))
          .collect(java.util.stream.Collectors.joining(", ")));
      return;
    }
    String a = parsed.name().toLowerCase(java.util.Locale.ROOT);
    try {
      PromRegex.compile(regex);
    } catch (IllegalArgumentException e) {
      problems.error("regex", e.getMessage());
    }
    for (int i = 0; i < sourceLabels.size(); i++) {
      if (!ExpositionParser.isValidLabelName(sourceLabels.get(i))) {
        problems.at("source_labels").at(i).error("\"" + sourceLabels.get(i) + "\" is not a valid label name");
      }
    }
    switch (parsed) {
      case HASHMOD -> {
        if (modulus == 0) {
          problems.error("modulus", "must be set (non-zero) for the hashmod action");
        }
        requireTarget(problems, a, true);
      }
      case REPLACE -> requireTarget(problems, a, false);
      case LOWERCASE, UPPERCASE -> requireTarget(problems, a, true);
      case KEEPEQUAL, DROPEQUAL -> {
        requireTarget(problems, a, true);
        if (!regex.equals("(.*)") || modulus != 0 || !separator.equals(";") || !replacement.equals("$1")) {
          problems.error(a + " action requires only 'source_labels' and 'target_label', and no other fields");
        }
      }
      case LABELMAP -> {
        if (!RELABEL_TARGET.matcher(replacement).matches()) {
          problems.error("replacement", "\"" + replacement + "\" is invalid for the labelmap action");
        }
      }
      case LABELDROP, LABELKEEP -> {
        if (!sourceLabels.isEmpty() || !targetLabel.isEmpty() || modulus != 0 || !separator.equals(";")
            || !replacement.equals("$1")) {
          problems.error(a + " action requires only 'regex', and no other fields");
        }
      }
      case KEEP, DROP -> {
        // source_labels and regex
      }
    }
  }

  /** The action named {@code s} (Prometheus accepts any case), or null. */
  static RelabelAction parseAction(String s) {
    for (RelabelAction a : RelabelAction.values()) {
      if (a.name().equalsIgnoreCase(s)) {
        return a;
      }
    }
    return null;
  }

  private void requireTarget(Problems problems, String a, boolean plainName) {
    if (targetLabel.isEmpty()) {
      problems.error("target_label", "must be set for the " + a + " action");
    } else if (plainName ? !ExpositionParser.isValidLabelName(targetLabel)
        : !RELABEL_TARGET.matcher(targetLabel).matches()) {
      problems.error("target_label", "\"" + targetLabel + "\" is invalid for the " + a + " action");
    }
  }
}
