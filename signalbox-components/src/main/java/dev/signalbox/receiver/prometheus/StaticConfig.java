package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParser;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code static_configs}.
 *
 * @param targets {@code targets}: {@code host:port} addresses (no scheme, no path)
 * @param labels {@code labels}: labels of every target of this entry
 */
public record StaticConfig(List<String> targets, Map<String, String> labels) implements ConfigBlock {
  public StaticConfig {
    targets = targets == null ? List.of() : List.copyOf(targets);
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  public static StaticConfig defaults() {
    return new StaticConfig(List.of(), Map.of());
  }

  @Override
  public void validate(Problems problems) {
    for (int i = 0; i < targets.size(); i++) {
      String t = targets.get(i);
      if (t.isBlank()) {
        problems.at("targets").at(i).error("must not be empty");
      } else if (t.contains("/")) {
        problems.at("targets").at(i).error("\"" + t + "\" is not a valid hostname: write host:port without scheme"
            + " or path (use scheme and metrics_path for those)");
      }
    }
    for (String name : labels.keySet()) {
      if (!ExpositionParser.isValidLabelName(name)) {
        problems.at("labels").error("\"" + name + "\" is not a valid label name");
      }
    }
  }
}
