package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Signal;
import java.util.SplittableRandom;

/**
 * Builds and encodes the requests of one worker. Each keeps one pdata batch of the current size
 * and rewrites its items in place for every request (ids, times, {@code seq}), so a request costs
 * one pass over the items and one encode, with strings shared between requests. Not thread-safe:
 * one per worker.
 */
abstract sealed class BatchFactory permits SpanBatches, MetricBatches, LogBatches {
  /** The attribute carrying each item's sequence number. */
  static final String SEQ = "seq";
  static final String SCOPE_NAME = "signalbox/telemetrygen";

  final TelemetrygenOptions options;
  final SplittableRandom random;
  /** Keys and values of the {@code --attributes} extra attributes. */
  final String[] extraKeys;
  final AnyValue[] extraValues;

  BatchFactory(TelemetrygenOptions options, long seed) {
    this.options = options;
    this.random = new SplittableRandom(seed);
    this.extraKeys = new String[options.attributes()];
    this.extraValues = new AnyValue[options.attributes()];
    for (int i = 0; i < extraKeys.length; i++) {
      extraKeys[i] = "attr." + i;
      extraValues[i] = AnyValue.of(randomText(options.attributeSize()));
    }
  }

  /** A factory for {@code options.signal()}. */
  static BatchFactory create(TelemetrygenOptions options, long seed) {
    Signal<?> s = options.signal();
    if (s == Signal.TRACES) {
      return new SpanBatches(options, seed);
    } else if (s == Signal.METRICS) {
      return new MetricBatches(options, seed);
    } else if (s == Signal.LOGS) {
      return new LogBatches(options, seed);
    }
    throw new IllegalArgumentException("telemetrygen does not generate " + s);
  }

  /**
   * The {@code Export*ServiceRequest} bytes of {@code n} items numbered {@code firstSeq ..
   * firstSeq + n - 1}, stamped around {@code nowNanos} (Unix epoch nanoseconds).
   */
  abstract byte[] encode(long firstSeq, int n, long nowNanos);

  /** A non-zero random long, for ids. */
  final long nextId() {
    long v;
    do {
      v = random.nextLong();
    } while (v == 0);
    return v;
  }

  private String randomText(int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  /** Unix epoch time in nanoseconds. */
  static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
