package dev.signalbox.sdk.prometheus.scrape;

import java.util.Locale;
import java.util.regex.Pattern;

/** Floats as Go's {@code strconv.ParseFloat(s, 64)} reads them (without underscores). */
final class GoFloat {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern HEX =
      Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");

  private GoFloat() {}

  /** Parses {@code s}; throws NumberFormatException when Go would refuse it. */
  static double parse(String s) {
    if (DECIMAL.matcher(s).matches() || HEX.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    String body = s;
    boolean negative = false;
    if (body.startsWith("+") || body.startsWith("-")) {
      negative = body.charAt(0) == '-';
      body = body.substring(1);
    }
    switch (body.toLowerCase(Locale.ROOT)) {
      case "inf", "infinity" -> {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      case "nan" -> {
        if (body.length() == s.length()) {
          return Double.NaN;
        }
      }
      default -> {
        // fall through to the error
      }
    }
    throw new NumberFormatException("not a float: " + s);
  }
}
