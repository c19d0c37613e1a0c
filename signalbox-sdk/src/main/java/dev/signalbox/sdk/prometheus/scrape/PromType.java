package dev.signalbox.sdk.prometheus.scrape;

import java.util.Locale;

/**
 * A metric family's type as exposition formats declare it ({@code # TYPE}). The text format's
 * {@code untyped} is {@link #UNKNOWN}.
 */
public enum PromType {
  COUNTER, GAUGE, HISTOGRAM, GAUGEHISTOGRAM, SUMMARY, INFO, STATESET, UNKNOWN;

  private final String text = name().toLowerCase(Locale.ROOT);

  /** The type's name as written in OpenMetrics ({@code counter}, ..., {@code unknown}). */
  public String text() {
    return text;
  }

  /** The type written in a {@code # TYPE} line, or null when the word is not a type of {@code format}. */
  public static PromType parse(String word, ExpositionFormat format) {
    return switch (word) {
      case "counter" -> COUNTER;
      case "gauge" -> GAUGE;
      case "histogram" -> HISTOGRAM;
      case "summary" -> SUMMARY;
      case "untyped" -> format == ExpositionFormat.TEXT ? UNKNOWN : null;
      case "unknown" -> format == ExpositionFormat.OPENMETRICS ? UNKNOWN : null;
      case "gaugehistogram" -> format == ExpositionFormat.OPENMETRICS ? GAUGEHISTOGRAM : null;
      case "info" -> format == ExpositionFormat.OPENMETRICS ? INFO : null;
      case "stateset" -> format == ExpositionFormat.OPENMETRICS ? STATESET : null;
      default -> null;
    };
  }
}
