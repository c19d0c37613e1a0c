package dev.signalbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory of a process from /proc (Linux), for benchmarks and memory-bound tests:
 * CPU-seconds used so far (user + system, whole process), current and peak resident set size.
 */
public record ProcessStats(double cpuSeconds, long rssBytes, long peakRssBytes) {
  private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

  /** A reading of {@code pid} now. */
  public static ProcessStats of(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // fields after the command name, which is in parentheses and may contain spaces
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    long rss = 0;
    long hwm = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kib(line);
      }
    }
    return new ProcessStats((utime + stime) / CLOCK_TICKS, rss, hwm);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
  }

  /** CPU-seconds spent between {@code before} and this reading. */
  public double cpuSince(ProcessStats before) {
    return cpuSeconds - before.cpuSeconds;
  }
}
