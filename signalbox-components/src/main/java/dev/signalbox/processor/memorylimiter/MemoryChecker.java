package dev.signalbox.processor.memorylimiter;

import dev.signalbox.sdk.admission.MemoryPressure;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures heap use every {@code check_interval} and decides whether data must be refused. Above the
 * soft limit ({@code limit - spike}) it forces a GC (at most every min_gc_interval) and, if the
 * heap is still above, refuses; above the hard limit it forces a GC more eagerly. One checker per
 * memory_limiter id, shared by the pipelines that use it.
 */
final class MemoryChecker {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryChecker.class);

  final long hardLimit;
  final long softLimit;
  private final MemoryLimiterProcessorConfig config;
  private final LongSupplier usedHeap;
  private final Runnable gc;
  private final LongSupplier clockNanos;
  private ScheduledExecutorService scheduler;
  private volatile boolean refusing;
  private long lastGcNanos;
  private int users;

  MemoryChecker(MemoryLimiterProcessorConfig config, long maxHeap, LongSupplier usedHeap, Runnable gc,
      LongSupplier clockNanos) {
    this.config = config;
    this.usedHeap = usedHeap;
    this.gc = gc;
    this.clockNanos = clockNanos;
    long mib = 1L << 20;
    long hard;
    long spike;
    if (config.limitMib() > 0) {
      hard = config.limitMib() * mib;
      spike = config.spikeLimitMib() > 0 ? config.spikeLimitMib() * mib : hard / 5;
    } else {
      hard = maxHeap / 100 * config.limitPercentage();
      spike = config.spikeLimitPercentage() > 0 ? maxHeap / 100 * config.spikeLimitPercentage() : hard / 5;
    }
    if (hard > maxHeap) {
      LOG.warn("memory_limiter limit of {} MiB exceeds the JVM's maximum heap of {} MiB; limiting at 90% of the "
          + "maximum heap instead (raise -Xmx or SIGNALBOX_HEAP to use the configured limit)", hard / mib, maxHeap / mib);
      spike = spike * (maxHeap / 10 * 9) / hard;
      hard = maxHeap / 10 * 9;
    }
    this.hardLimit = hard;
    this.softLimit = hard - spike;
    this.lastGcNanos = clockNanos.getAsLong() - Duration.ofDays(1).toNanos();
  }

  static MemoryChecker forRuntime(MemoryLimiterProcessorConfig config) {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    return new MemoryChecker(config, Runtime.getRuntime().maxMemory(), () -> mem.getHeapMemoryUsage().getUsed(),
        System::gc, System::nanoTime);
  }

  synchronized void acquire() {
    if (users++ == 0) {
      scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("memory-limiter").factory());
      long period = config.checkInterval().toNanos();
      scheduler.scheduleAtFixedRate(this::check, 0, period, TimeUnit.NANOSECONDS);
      // Requests being read and decoded may use the spike headroom, no more.
      MemoryPressure.setBudget(hardLimit - softLimit);
      LOG.info("memory limiter: soft limit {} MiB, hard limit {} MiB", softLimit >> 20, hardLimit >> 20);
    }
  }

  synchronized boolean release() {
    if (--users == 0) {
      scheduler.shutdownNow();
      refusing = false;
      MemoryPressure.set(false, config.checkInterval());
      MemoryPressure.setBudget(Long.MAX_VALUE);
      return true;
    }
    return false;
  }

  boolean refusing() {
    return refusing;
  }

  /** One measurement: may force a GC, then sets the refusing state. */
  synchronized void check() {
    try {
      long used = usedHeap.getAsLong();
      long now = clockNanos.getAsLong();
      if (used > softLimit) {
        Duration minInterval = used > hardLimit ? config.minGcIntervalWhenHardLimited()
            : config.minGcIntervalWhenSoftLimited();
        if (now - lastGcNanos >= minInterval.toNanos()) {
          gc.run();
          lastGcNanos = now;
          used = usedHeap.getAsLong();
        }
      }
      boolean refuse = used > softLimit;
      if (refuse != refusing) {
        if (refuse) {
          LOG.warn("memory usage is above the soft limit ({} MiB used, soft limit {} MiB): refusing data until it "
              + "drops; raise processors.memory_limiter.limit_mib or the heap if this persists", used >> 20, softLimit >> 20);
        } else {
          LOG.info("memory usage back below the soft limit ({} MiB used): accepting data again", used >> 20);
        }
      }
      refusing = refuse;
      MemoryPressure.set(refuse, config.checkInterval());
    } catch (RuntimeException e) {
      LOG.warn("memory check failed: {}", e.toString());
    }
  }
}
