package dev.signalbox.sdk.exporterhelper;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs at most one line per key per interval. Lines in between are counted, with their items, and
 * the count is appended to the next line written for that key (or written by {@link #flush()}), so
 * a storm of drops costs one line per interval and still says how much was lost. Thread-safe.
 */
final class RateLimitedLog {
  /** Where lines go: SLF4J in production, a list in tests. */
  @FunctionalInterface
  interface Sink {
    void log(Level level, String line);
  }

  private static final class Slot {
    long lastNanos;
    boolean used;
    long suppressedLines;
    long suppressedItems;
    Level level;
  }

  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final Sink sink;
  private final String prefix;
  private final String itemName;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /**
   * @param prefix starts every line, e.g. "exporter otlp (traces)"
   * @param itemName the items counted, e.g. "spans"
   */
  RateLimitedLog(LongSupplier nanoClock, Duration interval, String prefix, String itemName, Sink sink) {
    this.nanoClock = nanoClock;
    this.intervalNanos = interval.toNanos();
    this.prefix = prefix;
    this.itemName = itemName;
    this.sink = sink;
  }

  static Sink slf4j(Logger logger) {
    return (level, line) -> logger.atLevel(level).log(line);
  }

  /**
   * Writes {@code message} unless a line with {@code key} was written less than an interval ago;
   * then only counts it. The message is built only when written.
   */
  void log(String key, Level level, long items, Supplier<String> message) {
    Slot s = slots.computeIfAbsent(key, k -> new Slot());
    String line;
    synchronized (s) {
      long now = nanoClock.getAsLong();
      if (s.used && now - s.lastNanos < intervalNanos) {
        s.suppressedLines++;
        s.suppressedItems += items;
        s.level = level;
        return;
      }
      line = prefix + ": " + message.get() + suffix(s);
      s.used = true;
      s.lastNanos = now;
      s.suppressedLines = 0;
      s.suppressedItems = 0;
    }
    sink.log(level, line);
  }

  /** Writes the counts of lines suppressed since each key's last line (at shutdown). */
  void flush() {
    slots.forEach((key, s) -> {
      String line;
      Level level;
      synchronized (s) {
        if (s.suppressedLines == 0) {
          return;
        }
        line = prefix + ": " + s.suppressedLines + " more '" + key + "' line" + (s.suppressedLines == 1 ? "" : "s")
            + " with " + s.suppressedItems + " " + itemName + " suppressed since the last one";
        level = s.level;
        s.suppressedLines = 0;
        s.suppressedItems = 0;
      }
      sink.log(level, line);
    });
  }

  private String suffix(Slot s) {
    if (s.suppressedLines == 0) {
      return "";
    }
    return " (" + s.suppressedLines + " similar line" + (s.suppressedLines == 1 ? "" : "s") + " with "
        + s.suppressedItems + " " + itemName + " suppressed since the last one)";
  }
}
