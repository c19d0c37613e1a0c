package dev.signalbox.sdk.exporterhelper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TimeSource whose clock moves only when told: {@link #sleep} records the wait and advances the
 * clock at once (or, in blocking mode, waits until interrupted), {@link #advance} fires timers.
 */
final class FakeTime implements TimeSource {
  private static final class Task {
    final long due;
    final Runnable run;
    boolean cancelled;

    Task(long due, Runnable run) {
      this.due = due;
      this.run = run;
    }
  }

  private final Object lock = new Object();
  private long now = 1_000_000_000_000L;
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<Task> tasks = new ArrayList<>();
  private volatile boolean blockSleeps;

  /** From now on, sleep() records its wait and then blocks until the thread is interrupted. */
  void blockSleeps() {
    blockSleeps = true;
  }

  @Override
  public long nanoTime() {
    synchronized (lock) {
      return now;
    }
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    synchronized (lock) {
      sleeps.add(d);
      if (blockSleeps) {
        while (true) {
          lock.wait();
        }
      }
    }
    advance(d);
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    Task t;
    synchronized (lock) {
      t = new Task(now + delay.toNanos(), task);
      tasks.add(t);
    }
    return () -> {
      synchronized (lock) {
        t.cancelled = true;
      }
    };
  }

  /** Moves the clock and runs, in this thread, the timers that came due. */
  void advance(Duration d) {
    List<Task> due = new ArrayList<>();
    synchronized (lock) {
      now += d.toNanos();
      for (var it = tasks.iterator(); it.hasNext(); ) {
        Task t = it.next();
        if (t.cancelled) {
          it.remove();
        } else if (t.due - now <= 0) {
          it.remove();
          due.add(t);
        }
      }
    }
    due.forEach(t -> t.run.run());
  }

  /** The waits asked for so far, in order. */
  List<Duration> sleeps() {
    synchronized (lock) {
      return List.copyOf(sleeps);
    }
  }

  /** Timers scheduled and neither run nor cancelled. */
  int pendingTimers() {
    synchronized (lock) {
      return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
  }
}
