package dev.signalbox.sdk.prometheus.scrape;

import java.util.Map;

/**
 * Prometheus unit words to UCUM, as the Collector's {@code UnitWordToUCUM}: {@code seconds} →
 * {@code s}, {@code bytes} → {@code By}, {@code ratio} → {@code 1}, {@code bytes_per_second} →
 * {@code By/s}; words it does not know are kept as written.
 */
public final class UnitWords {
  private static final Map<String, String> MAIN = Map.ofEntries(
      Map.entry("days", "d"), Map.entry("hours", "h"), Map.entry("minutes", "min"), Map.entry("seconds", "s"),
      Map.entry("milliseconds", "ms"), Map.entry("microseconds", "us"), Map.entry("nanoseconds", "ns"),
      Map.entry("bytes", "By"), Map.entry("kibibytes", "KiBy"), Map.entry("mebibytes", "MiBy"),
      Map.entry("gibibytes", "GiBy"), Map.entry("tibibytes", "TiBy"), Map.entry("kilobytes", "KBy"),
      Map.entry("megabytes", "MBy"), Map.entry("gigabytes", "GBy"), Map.entry("terabytes", "TBy"),
      Map.entry("meters", "m"), Map.entry("volts", "V"), Map.entry("amperes", "A"), Map.entry("joules", "J"),
      Map.entry("watts", "W"), Map.entry("grams", "g"), Map.entry("celsius", "Cel"), Map.entry("hertz", "Hz"),
      Map.entry("ratio", "1"), Map.entry("percent", "%"));
  private static final Map<String, String> PER = Map.of(
      "second", "s", "minute", "m", "hour", "h", "day", "d", "week", "w", "month", "mo", "year", "y");

  private UnitWords() {}

  /** The UCUM form of a Prometheus unit; "" stays "". */
  public static String toUcum(String unit) {
    if (unit.isEmpty()) {
      return unit;
    }
    int per = unit.indexOf("_per_");
    if (per < 0) {
      return MAIN.getOrDefault(unit, unit);
    }
    String main = unit.substring(0, per);
    String perWord = unit.substring(per + "_per_".length());
    return MAIN.getOrDefault(main, main) + "/" + PER.getOrDefault(perWord, perWord);
  }
}
