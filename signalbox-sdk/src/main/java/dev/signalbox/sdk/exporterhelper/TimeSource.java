package dev.signalbox.sdk.exporterhelper;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The helper's view of time: a clock, a way to wait, and a timer. Production uses {@link #SYSTEM};
 * tests inject a fake one so that backoff waits and attempt timeouts take no real time.
 *
 * <p>{@link #nanoTime()} is the scale of the attempt {@link dev.signalbox.component.Deadline}s the
 * helper hands to push functions; with {@link #SYSTEM} that is {@link System#nanoTime()}, the
 * scale of {@code Deadline} itself. Implementations are thread-safe.
 */
public interface TimeSource {

  /** Monotonic nanoseconds. */
  long nanoTime();

  /**
   * Waits for {@code d}. Interruptible: the helper interrupts a waiting worker when the shutdown
   * deadline arrives.
   */
  void sleep(Duration d) throws InterruptedException;

  /** Runs {@code task} once after {@code delay} on another thread, unless cancelled first. */
  Timer schedule(Duration delay, Runnable task);

  /** A scheduled task. */
  @FunctionalInterface
  interface Timer {
    /** Cancels the task if it has not run; harmless after it ran. */
    void cancel();
  }

  /**
   * Real time. Timers run on one shared daemon thread ("signalbox-exporter-timer") whose only work
   * is to interrupt attempts that overran their timeout.
   */
  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      if (d.isPositive()) {
        Thread.sleep(d);
      }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      ScheduledFuture<?> f = SharedTimer.EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }
  };
}

/** The lazily created thread behind {@link TimeSource#SYSTEM}'s timers. */
final class SharedTimer {
  static final ScheduledThreadPoolExecutor EXECUTOR = create();

  private SharedTimer() {}

  private static ScheduledThreadPoolExecutor create() {
    var e = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "signalbox-exporter-timer");
      t.setDaemon(true);
      return t;
    });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
