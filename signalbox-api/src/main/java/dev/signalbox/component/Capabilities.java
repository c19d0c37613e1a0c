package dev.signalbox.component;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a consumer does with the data it receives.
 *
 * @param mutatesData whether it modifies data: the fan-out then gives it a private copy instead of
 *     the shared read-only batch
 * @param nativeFormats the {@link dev.signalbox.pdata.NativeChunk} formats that this consumer, and
 *     everything after it, handles without decoding them into OTLP. A consumer that only passes
 *     batches on (the batch processor) declares what its next consumer declares; a fan-out, what all
 *     of its consumers share. A receiver creates native chunks only in the formats its consumer
 *     declares.
 */
public record Capabilities(boolean mutatesData, Set<String> nativeFormats) {
  public static final Capabilities NON_MUTATING = new Capabilities(false);
  public static final Capabilities MUTATES_DATA = new Capabilities(true);

  public Capabilities {
    nativeFormats = Set.copyOf(Objects.requireNonNull(nativeFormats, "nativeFormats"));
  }

  /** Without native formats. */
  public Capabilities(boolean mutatesData) {
    this(mutatesData, Set.of());
  }

  /** Whether batches holding native chunks of {@code format} may be given to this consumer. */
  public boolean handles(String format) {
    return nativeFormats.contains(format);
  }

  /** These capabilities with {@code formats} as the native formats. */
  public Capabilities withNativeFormats(Set<String> formats) {
    return new Capabilities(mutatesData, formats);
  }

  /** The native formats that all of {@code all} handle. */
  public static Set<String> commonNativeFormats(Iterable<Capabilities> all) {
    Set<String> common = null;
    for (Capabilities c : all) {
      if (common == null) {
        common = new HashSet<>(c.nativeFormats());
      } else {
        common.retainAll(c.nativeFormats());
      }
    }
    return common == null ? Set.of() : Set.copyOf(common);
  }
}
