package dev.signalbox.sdk.prometheus.scrape;

import java.util.List;
import java.util.Map;

/**
 * A parsed scrape body: its samples in the order written, and the metadata of its families by
 * family name.
 */
public record Exposition(ExpositionFormat format, List<Sample> samples, Map<String, FamilyMetadata> metadata) {
  public Exposition {
    samples = List.copyOf(samples);
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }
}
