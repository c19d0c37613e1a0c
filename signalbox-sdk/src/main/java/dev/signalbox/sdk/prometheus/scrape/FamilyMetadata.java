package dev.signalbox.sdk.prometheus.scrape;

import java.util.Objects;

/**
 * What an exposition says about a metric family: {@code # TYPE}, {@code # HELP} and (OpenMetrics
 * only) {@code # UNIT}. Help and unit are "" when not given.
 *
 * @param family the family name as written in the metadata lines (OpenMetrics counters omit
 *     {@code _total}; the text format usually includes it)
 */
public record FamilyMetadata(String family, PromType type, String help, String unit) {
  public FamilyMetadata {
    Objects.requireNonNull(family, "family");
    type = type == null ? PromType.UNKNOWN : type;
    help = help == null ? "" : help;
    unit = unit == null ? "" : unit;
  }

  public static FamilyMetadata unknown(String family) {
    return new FamilyMetadata(family, PromType.UNKNOWN, "", "");
  }

  FamilyMetadata withType(PromType t) {
    return new FamilyMetadata(family, t, help, unit);
  }

  FamilyMetadata withHelp(String h) {
    return new FamilyMetadata(family, type, h, unit);
  }

  FamilyMetadata withUnit(String u) {
    return new FamilyMetadata(family, type, help, u);
  }
}
