package dev.signalbox.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in config as a plain number of bytes or with a unit: {@code 512MiB},
 * {@code 4 MB}, {@code 64KiB}, {@code 1GiB}. Decimal units (kB, MB, GB) are powers of 1000 and
 * binary units (KiB, MiB, GiB) powers of 1024.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]i?[bB]|[bB])?");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative: " + bytes);
    }
  }

  public static ByteSize ofBytes(long bytes) {
    return new ByteSize(bytes);
  }

  public static ByteSize ofMiB(long mib) {
    return new ByteSize(mib * 1024 * 1024);
  }

  /** Parses "512MiB" and the like; throws IllegalArgumentException with the expected format. */
  public static ByteSize parse(String s) {
    Matcher m = FORMAT.matcher(s.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size '" + s
          + "': expected a number of bytes or a number with a unit (B, kB, KiB, MB, MiB, GB, GiB), e.g. 512MiB");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long mult = switch (unit) {
      case "b" -> 1L;
      case "kb" -> 1000L;
      case "kib" -> 1L << 10;
      case "mb" -> 1000L * 1000;
      case "mib" -> 1L << 20;
      case "gb" -> 1000L * 1000 * 1000;
      case "gib" -> 1L << 30;
      case "tb" -> 1000L * 1000 * 1000 * 1000;
      case "tib" -> 1L << 40;
      default -> throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + s + "'");
    };
    return new ByteSize(Math.round(n * mult));
  }

  public long toMiB() {
    return bytes >> 20;
  }

  @Override
  public int compareTo(ByteSize o) {
    return Long.compare(bytes, o.bytes);
  }

  @Override
  public String toString() {
    if (bytes != 0 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "GiB";
    }
    if (bytes != 0 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes != 0 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + "KiB";
    }
    return bytes + "B";
  }
}
