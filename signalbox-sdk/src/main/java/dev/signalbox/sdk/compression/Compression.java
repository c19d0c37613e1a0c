package dev.signalbox.sdk.compression;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The body encodings the SDK reads and writes, by their HTTP {@code Content-Encoding} names as the
 * Collector's {@code confighttp} and {@code configcompression} spell them. {@code deflate} is read as
 * zlib (as the Collector does) and also accepted as raw deflate; {@code snappy} is the block format
 * and, when the body starts with the framing header, the framed format (as the Collector does).
 * Not supported: {@code lz4}.
 */
public enum Compression {
  /** No compression: the empty {@code Content-Encoding}, also written {@code none} or {@code identity}. */
  NONE(""),
  GZIP("gzip"),
  ZLIB("zlib"),
  DEFLATE("deflate"),
  ZSTD("zstd"),
  SNAPPY("snappy"),
  SNAPPY_FRAMED("x-snappy-framed");

  private final String encoding;

  Compression(String encoding) {
    this.encoding = encoding;
  }

  /** The {@code Content-Encoding} token; empty for {@link #NONE}. */
  public String encoding() {
    return encoding;
  }

  /**
   * The compression for a {@code Content-Encoding} value or config string (case-insensitive;
   * empty, {@code none} and {@code identity} are {@link #NONE}), or null if unsupported.
   */
  public static Compression fromName(String name) {
    if (name == null) {
      return NONE;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.isEmpty() || n.equals("none") || n.equals("identity")) {
      return NONE;
    }
    for (Compression c : values()) {
      if (c.encoding.equals(n)) {
        return c;
      }
    }
    return null;
  }

  /** Every supported encoding name (the empty one first), as in the Collector's defaults. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Compression::encoding).toList();
  }

  /** The supported names for error messages: {@code "", gzip, zlib, ...}. */
  static String describeSupported() {
    return Arrays.stream(values()).filter(c -> c != NONE).map(Compression::encoding)
        .collect(Collectors.joining(", "));
  }
}
