package dev.signalbox.service.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations in Go's syntax, as the Collector writes them: a sequence of decimal numbers, each with
 * a unit ({@code 300ms}, {@code 1.5h}, {@code 1h30m}, {@code -2s}); units {@code ns}, {@code us}
 * (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}. A bare {@code 0} is zero; any other
 * bare number is an error, because a unit cannot be guessed safely.
 */
final class Durations {
  static final String EXPECTED = "a duration such as 5s or 200ms";

  private Durations() {}

  /** Parses {@code s}; throws IllegalArgumentException with the message to show the user. */
  static Duration parse(String text) {
    String s = text.strip();
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    boolean negative = s.startsWith("-");
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    if (!body.isEmpty() && isNumber(body)) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text
          + "'; add a unit: ns, us, ms, s, m or h");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    if (body.isEmpty()) {
      throw invalid(text);
    }
    while (i < body.length()) {
      int start = i;
      while (i < body.length() && (isAsciiDigit(body.charAt(i)) || body.charAt(i) == '.')) {
        i++;
      }
      String number = body.substring(start, i);
      int unitStart = i;
      while (i < body.length() && !isAsciiDigit(body.charAt(i)) && body.charAt(i) != '.') {
        i++;
      }
      String unit = body.substring(unitStart, i);
      if (!isNumber(number) || unit.isEmpty()) {
        throw invalid(text);
      }
      long multiplier = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw invalid(text);
      };
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)));
    }
    try {
      long n = nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
      return Duration.ofNanos(negative ? -n : n);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration '" + text + "' is too long");
    }
  }

  /** Writes {@code d} so that {@link #parse} reads it back: {@code 0s}, {@code 200ms}, {@code 1m30s}, {@code 1.5s}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long nanos = d.toNanos();
    if (nanos < 1_000_000_000L) {
      if (nanos % 1_000_000L == 0) {
        return nanos / 1_000_000L + "ms";
      }
      return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
    }
    StringBuilder sb = new StringBuilder();
    long hours = nanos / 3_600_000_000_000L;
    long minutes = nanos / 60_000_000_000L % 60;
    long secondNanos = nanos % 60_000_000_000L;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (minutes > 0) {
      sb.append(minutes).append('m');
    }
    if (secondNanos > 0) {
      sb.append(BigDecimal.valueOf(secondNanos, 9).stripTrailingZeros().toPlainString()).append('s');
    }
    return sb.toString();
  }

  private static boolean isNumber(String s) {
    boolean digit = false;
    boolean dot = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (dot) {
          return false;
        }
        dot = true;
      } else if (isAsciiDigit(c)) {
        digit = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
  }
}
