package dev.signalbox.distribution;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses command-line durations the way config does: 10s, 500ms, 1m30s, 2h. */
final class DurationConverter {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private DurationConverter() {}

  static Duration parse(String s) {
    String t = s.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    long nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos += Math.round(n * unit);
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw new IllegalArgumentException("expected a duration such as 10s, 500ms or 1m30s, got '" + s + "'");
    }
    return Duration.ofNanos(nanos);
  }
}
