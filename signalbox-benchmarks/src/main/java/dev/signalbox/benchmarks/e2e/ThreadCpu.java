package dev.signalbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU-seconds per thread group of a process, from {@code /proc/<pid>/task/<tid>/stat}: threads are
 * grouped by their kernel name (the JVM sets it from the Java name, cut to 15 characters) with
 * digits dropped, e.g. {@code ForkJoinPool-N-} (virtual-thread carriers), {@code signalbox-io-N-}
 * (Netty event loops), {@code VM Thread} (Serial GC runs there), {@code CN CompilerThre} (JIT).
 * Threads that ended between two readings are lost, so take both readings of a window while the
 * load runs.
 */
public final class ThreadCpu {
  private static final double CLOCK_TICKS = 100.0;

  private ThreadCpu() {}

  /** CPU-seconds so far per thread group of {@code pid}. */
  public static Map<String, Double> of(long pid) {
    Map<String, Double> out = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
        String[] f = stat.substring(close + 2).split(" ");
        double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS;
        out.merge(name, cpu, Double::sum);
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** {@code after - before} per group, groups that used at least 0.005 s. */
  public static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> d = new TreeMap<>();
    after.forEach((k, v) -> {
      double x = v - before.getOrDefault(k, 0.0);
      if (x >= 0.005) {
        d.put(k, x);
      }
    });
    return d;
  }

  /** "ForkJoinPool-N- 55% 10.1s, signalbox-io-N- 30% ...", largest first. */
  public static String format(Map<String, Double> d) {
    double total = d.values().stream().mapToDouble(Double::doubleValue).sum();
    return d.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .map(e -> String.format(Locale.ROOT, "%s %.0f%% (%.1fs)", e.getKey().strip(), 100 * e.getValue() / total,
            e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
