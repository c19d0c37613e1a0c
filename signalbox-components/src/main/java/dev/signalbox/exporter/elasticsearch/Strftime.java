package dev.signalbox.exporter.elasticsearch;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * C {@code strftime} patterns as the Collector's {@code logstash_format.date_format} uses them
 * (lestrrat-go/strftime): {@code %Y %y %C %m %d %e %j %H %I %k %l %M %S %p %b %h %B %a %A %u %w
 * %V %G %F %D %T %R %r %Z %z %n %t %%}. An unknown specifier is written as it is.
 */
final class Strftime {
  private Strftime() {}

  static String format(String pattern, ZonedDateTime t) {
    StringBuilder sb = new StringBuilder(pattern.length() + 16);
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i == pattern.length() - 1) {
        sb.append(c);
        continue;
      }
      char f = pattern.charAt(++i);
      switch (f) {
        case 'Y' -> sb.append(t.getYear());
        case 'y' -> pad(sb, t.getYear() % 100, 2);
        case 'C' -> pad(sb, t.getYear() / 100, 2);
        case 'm' -> pad(sb, t.getMonthValue(), 2);
        case 'd' -> pad(sb, t.getDayOfMonth(), 2);
        case 'e' -> space(sb, t.getDayOfMonth());
        case 'j' -> pad(sb, t.getDayOfYear(), 3);
        case 'H' -> pad(sb, t.getHour(), 2);
        case 'k' -> space(sb, t.getHour());
        case 'I' -> pad(sb, hour12(t), 2);
        case 'l' -> space(sb, hour12(t));
        case 'M' -> pad(sb, t.getMinute(), 2);
        case 'S' -> pad(sb, t.getSecond(), 2);
        case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
        case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'u' -> sb.append(t.getDayOfWeek().getValue());
        case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
        case 'V' -> pad(sb, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
        case 'G' -> sb.append(t.get(IsoFields.WEEK_BASED_YEAR));
        case 'F' -> sb.append(format("%Y-%m-%d", t));
        case 'D' -> sb.append(format("%m/%d/%y", t));
        case 'T' -> sb.append(format("%H:%M:%S", t));
        case 'R' -> sb.append(format("%H:%M", t));
        case 'r' -> sb.append(format("%I:%M:%S %p", t));
        case 'Z' -> sb.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'z' -> {
          int off = t.get(ChronoField.OFFSET_SECONDS) / 60;
          sb.append(off < 0 ? '-' : '+');
          pad(sb, Math.abs(off) / 60, 2);
          pad(sb, Math.abs(off) % 60, 2);
        }
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case '%' -> sb.append('%');
        default -> sb.append('%').append(f);
      }
    }
    return sb.toString();
  }

  private static int hour12(ZonedDateTime t) {
    int h = t.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }

  private static void space(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append(' ');
    }
    sb.append(v);
  }
}
