package dev.signalbox.benchmarks.e2e;

import dev.signalbox.testing.ProcessStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures one process over a steady-state window: waits {@code warmup}, then reads its CPU-seconds
 * (from /proc: user + system, all threads) and an item counter at both ends of {@code window},
 * sampling its RSS twice a second in between. Other processes' CPU over the same window (the load
 * generator, the harness with its sink) is recorded too, to show how the two cores were shared.
 */
public final class Window {
  private static final long SAMPLE_NANOS = 500_000_000L;

  private Window() {}

  /**
   * The outcome.
   *
   * @param items items counted over the window
   * @param wallSeconds the window's length
   * @param cpuSeconds CPU-seconds of the measured process over the window
   * @param rssMaxBytes largest RSS sampled in the window
   * @param rssEndBytes RSS at the end of the window
   * @param peakRssBytes VmHWM at the end of the window (the process's peak since it started)
   * @param load1Start 1-minute load average at the start of the window
   * @param load1End 1-minute load average at the end
   * @param loadCpuSeconds CPU-seconds of the load generator over the window (0 if none)
   * @param harnessCpuSeconds CPU-seconds of this JVM (sink included) over the window
   * @param threadCpu the measured process's CPU-seconds over the window per thread group ({@link ThreadCpu})
   * @param warmupSeconds how long the warm-up before the window took
   */
  public record Result(long items, double wallSeconds, double cpuSeconds, long rssMaxBytes, long rssEndBytes,
      long peakRssBytes, double load1Start, double load1End, double loadCpuSeconds, double harnessCpuSeconds,
      Map<String, Double> threadCpu, double warmupSeconds) {

    public Result withWarmup(double seconds) {
      return new Result(items, wallSeconds, cpuSeconds, rssMaxBytes, rssEndBytes, peakRssBytes, load1Start, load1End,
          loadCpuSeconds, harnessCpuSeconds, threadCpu, seconds);
    }

    public double itemsPerCpuSecond() {
      return cpuSeconds <= 0 ? 0 : items / cpuSeconds;
    }

    public double cpuSecondsPerMillion() {
      return items <= 0 ? 0 : cpuSeconds * 1e6 / items;
    }

    public double itemsPerSecond() {
      return items / wallSeconds;
    }

    /** Cores the measured process used on average (1.0 = one core busy all the time). */
    public double cores() {
      return cpuSeconds / wallSeconds;
    }
  }

  /**
   * Waits {@code warmup}, then measures {@code pid} over {@code window}.
   *
   * @param items a counter of items delivered (e.g. the sink's), read at both ends
   * @param loadPid the load generator's pid, or -1
   */
  public static Result measure(long pid, LongSupplier items, Duration warmup, Duration window, long loadPid)
      throws IOException, InterruptedException {
    sleepNanos(warmup.toNanos());
    return measureNow(pid, items, window, loadPid).withWarmup(warmup.toNanos() / 1e9);
  }

  /**
   * Waits at least {@code minWarmup} and until the JIT compiler threads of {@code pid} used less
   * than {@code jitShare} of its CPU over the last {@value #JIT_PERIOD_SECONDS} seconds (the JIT is
   * done with the hot code), at most {@code maxWarmup}; returns the seconds it waited. On two busy
   * cores the JIT can take a minute to settle, and a window that includes it reads 10-20% more CPU
   * per item. Then call {@link #measure} with no warm-up.
   */
  public static double awaitJitQuiet(long pid, Duration minWarmup, Duration maxWarmup, double jitShare)
      throws InterruptedException {
    long start = System.nanoTime();
    sleepNanos(minWarmup.toNanos() - JIT_PERIOD_SECONDS * 1_000_000_000L);
    while (true) {
      var t0 = ThreadCpu.of(pid);
      sleepNanos(JIT_PERIOD_SECONDS * 1_000_000_000L);
      var d = ThreadCpu.since(t0, ThreadCpu.of(pid));
      double total = d.values().stream().mapToDouble(Double::doubleValue).sum();
      double jit = d.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
          .mapToDouble(Map.Entry::getValue).sum();
      if (total > 0 && jit / total < jitShare || System.nanoTime() - start >= maxWarmup.toNanos()) {
        return (System.nanoTime() - start) / 1e9;
      }
    }
  }

  /** Seconds over which the JIT's share is judged. */
  static final int JIT_PERIOD_SECONDS = 5;

  private static Result measureNow(long pid, LongSupplier items, Duration window, long loadPid)
      throws IOException, InterruptedException {
    long self = ProcessHandle.current().pid();
    double load0 = load1();
    ProcessStats harness0 = ProcessStats.of(self);
    ProcessStats gen0 = loadPid > 0 ? statsOrNull(loadPid) : null;
    long items0 = items.getAsLong();
    var threads0 = ThreadCpu.of(pid);
    ProcessStats s0 = ProcessStats.of(pid);
    long t0 = System.nanoTime();
    long end = t0 + window.toNanos();
    long rssMax = s0.rssBytes();
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      sleepNanos(Math.min(left, SAMPLE_NANOS));
      rssMax = Math.max(rssMax, ProcessStats.of(pid).rssBytes());
    }
    ProcessStats s1 = ProcessStats.of(pid);
    var threads1 = ThreadCpu.of(pid);
    long t1 = System.nanoTime();
    long items1 = items.getAsLong();
    ProcessStats gen1 = gen0 != null ? statsOrNull(loadPid) : null;
    ProcessStats harness1 = ProcessStats.of(self);
    double load1 = load1();
    rssMax = Math.max(rssMax, s1.rssBytes());
    return new Result(items1 - items0, (t1 - t0) / 1e9, s1.cpuSince(s0), rssMax, s1.rssBytes(), s1.peakRssBytes(),
        load0, load1, gen0 != null && gen1 != null ? gen1.cpuSince(gen0) : 0, harness1.cpuSince(harness0),
        ThreadCpu.since(threads0, threads1), 0);
  }

  /** A process's stats, or null when it has exited (the caller finds out why). */
  private static ProcessStats statsOrNull(long pid) {
    try {
      return ProcessStats.of(pid);
    } catch (IOException e) {
      return null;
    }
  }

  /** The 1-minute load average from /proc/loadavg, or -1. */
  public static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static void sleepNanos(long nanos) throws InterruptedException {
    if (nanos > 0) {
      Thread.sleep(Duration.ofNanos(nanos));
    }
  }
}
