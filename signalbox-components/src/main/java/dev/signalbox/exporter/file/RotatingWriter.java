package dev.signalbox.exporter.file;

import com.github.luben.zstd.ZstdOutputStream;
import dev.signalbox.exporter.file.FileExporterConfig.Compression;
import dev.signalbox.exporter.file.FileExporterConfig.Rotation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes records to a file, rotating it by size like the Collector's (lumberjack): the full file
 * is renamed to {@code name-<timestamp>.ext} and a new one started; old files beyond
 * {@code max_backups} or {@code max_days} are deleted. Not thread-safe; the exporter synchronizes.
 */
final class RotatingWriter implements AutoCloseable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS");

  private final Path path;
  private final Compression compression;
  private final Rotation rotation;
  private final Clock clock;
  private OutputStream out;
  private long written;
  private java.time.Instant lastStamp = java.time.Instant.EPOCH;

  RotatingWriter(Path path, Compression compression, Rotation rotation, boolean append, Clock clock) throws IOException {
    this.path = path.toAbsolutePath();
    this.compression = compression;
    this.rotation = rotation;
    this.clock = clock;
    Path dir = this.path.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    open(append);
  }

  private void open(boolean append) throws IOException {
    OutputStream raw = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    written = append ? Files.size(path) : 0;
    out = switch (compression) {
      case NONE -> new BufferedOutputStream(raw, 64 * 1024);
      case GZIP -> new GZIPOutputStream(new BufferedOutputStream(raw, 64 * 1024), 64 * 1024) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      };
      case ZSTD -> new ZstdOutputStream(new BufferedOutputStream(raw, 64 * 1024), 3);
    };
  }

  /** Writes one record (already framed); rotates first if the file would grow past the limit. */
  void write(byte[] b, int off, int len) throws IOException {
    if (rotation != null && written > 0 && written + len > rotation.maxMegabytes() * (1L << 20)) {
      rotate();
    }
    out.write(b, off, len);
    written += len;
  }

  void flush() throws IOException {
    out.flush();
  }

  private void rotate() throws IOException {
    out.close();
    ZoneId zone = rotation.localtime() ? ZoneId.systemDefault() : ZoneOffset.UTC;
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    // Names must sort in rotation order (pruning keeps the newest by name): never reuse a stamp.
    java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
    String stamp = LocalDateTime.ofInstant(lastStamp, zone).format(STAMP);
    Path backup = path.resolveSibling(base + "-" + stamp + ext);
    Files.move(path, backup);
    prune(base, ext);
    open(false);
  }

  /** Deletes rotated files beyond max_backups and older than max_days. */
  private void prune(String base, String ext) throws IOException {
    List<Path> backups = new ArrayList<>();
    try (var s = Files.list(path.getParent())) {
      s.filter(p -> {
        String n = p.getFileName().toString();
        return !p.equals(path) && n.startsWith(base + "-") && n.endsWith(ext);
      }).forEach(backups::add);
    }
    backups.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    for (int i = 0; i < backups.size(); i++) {
      Path p = backups.get(i);
      boolean tooMany = rotation.maxBackups() > 0 && i >= rotation.maxBackups();
      boolean tooOld = rotation.maxDays() > 0 && Files.getLastModifiedTime(p).toInstant()
          .isBefore(clock.instant().minus(Duration.ofDays(rotation.maxDays())));
      if (tooMany || tooOld) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
