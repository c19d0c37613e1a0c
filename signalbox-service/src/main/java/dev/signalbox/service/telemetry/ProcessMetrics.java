package dev.signalbox.service.telemetry;

import dev.signalbox.telemetry.Meter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process self-metrics under the Collector's names: uptime, CPU seconds, RSS and heap. The
 * Collector reports Go heap figures; we report the JVM heap in their place.
 */
public final class ProcessMetrics {
  private ProcessMetrics() {}

  public static void register(Meter meter) {
    long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    meter.gauge("otelcol_process_uptime", "Uptime of the process in seconds",
        () -> (System.currentTimeMillis() - startMillis) / 1000.0);
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      meter.gauge("otelcol_process_cpu_seconds", "Total CPU user and system time in seconds",
          () -> sun.getProcessCpuTime() / 1e9);
    }
    meter.gauge("otelcol_process_memory_rss", "Total physical memory (resident set size) in bytes",
        ProcessMetrics::rssBytes);
    var mem = ManagementFactory.getMemoryMXBean();
    meter.gauge("otelcol_process_runtime_heap_alloc_bytes", "Bytes of allocated heap objects (JVM heap used)",
        () -> mem.getHeapMemoryUsage().getUsed());
    meter.gauge("otelcol_process_runtime_total_sys_memory_bytes",
        "Total bytes of memory obtained from the OS (JVM heap committed plus non-heap committed)",
        () -> mem.getHeapMemoryUsage().getCommitted() + mem.getNonHeapMemoryUsage().getCommitted());
  }

  /** Resident set size from /proc/self/status (Linux), or NaN elsewhere. */
  public static double rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
