package dev.signalbox.exporter.file;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import java.time.Duration;

/**
 * Config of the {@code file} exporter; keys as the Collector's.
 *
 * @param path the file to write (required)
 * @param format json (OTLP/JSON, one request per line) or proto (4-byte big-endian length, then
 *     the OTLP protobuf request)
 * @param compression none, gzip or zstd: the whole file is one compressed stream (a rotated file is
 *     a complete stream). The Collector supports zstd only and frames each message; we compress the
 *     stream so that {@code zcat}/{@code zstdcat} read it directly.
 * @param rotation rotate by size and keep a bounded number of old files; absent means no rotation
 * @param flushInterval how often buffered data is written to the file (1s)
 * @param append append to an existing file instead of truncating it at start (false)
 */
public record FileExporterConfig(
    String path,
    Format format,
    Compression compression,
    @Presence Rotation rotation,
    Duration flushInterval,
    boolean append) implements ComponentConfig {

  public enum Format {
    JSON, PROTO
  }

  public enum Compression {
    NONE, GZIP, ZSTD
  }

  /**
   * @param maxMegabytes size in MiB at which the file is rotated (100)
   * @param maxDays days to keep rotated files, 0 for no age limit (0)
   * @param maxBackups rotated files to keep, 0 for all (100)
   * @param localtime name rotated files after local time instead of UTC (false)
   */
  public record Rotation(int maxMegabytes, int maxDays, int maxBackups, boolean localtime)
      implements dev.signalbox.config.ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (maxMegabytes <= 0) {
        problems.error("max_megabytes", "must be greater than 0");
      }
      if (maxDays < 0) {
        problems.error("max_days", "must not be negative");
      }
      if (maxBackups < 0) {
        problems.error("max_backups", "must not be negative");
      }
    }
  }

  public static FileExporterConfig defaults() {
    return new FileExporterConfig("", Format.JSON, Compression.NONE, new Rotation(100, 0, 100, false),
        Duration.ofSeconds(1), false);
  }

  @Override
  public void validate(Problems problems) {
    if (path == null || path.isBlank()) {
      problems.error("path", "must be set to the file to write");
    }
    if (flushInterval.isNegative()) {
      problems.error("flush_interval", "must not be negative");
    }
    if (append && compression != Compression.NONE) {
      problems.error("append", "cannot be combined with compression");
    }
  }
}
