package dev.signalbox.benchmarks.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Benchmark directories: under {@code -Dbench.dir} (default: java.io.tmpdir), deleted afterwards. */
final class TempDirs {
  private TempDirs() {}

  static Path create(String prefix) throws IOException {
    String base = System.getProperty("bench.dir");
    return base == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(Path.of(base), prefix);
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
