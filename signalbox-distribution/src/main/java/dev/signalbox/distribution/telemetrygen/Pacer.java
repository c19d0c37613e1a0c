package dev.signalbox.distribution.telemetrygen;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spreads items over time at a rate shared by all workers: each request reserves the next slot
 * of {@code n / rate} seconds and waits for its start. A worker that fell behind (a slow server,
 * retries) may catch up by at most {@link #MAX_BURST_NANOS} worth of items, so a stall does not
 * turn into a flood. Thread-safe.
 */
final class Pacer {
  static final long MAX_BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final double nanosPerItem;
  private final AtomicLong next;

  /** @param rate items per second; 0 for no pacing */
  Pacer(double rate, long startNanos) {
    this.nanosPerItem = rate > 0 ? 1e9 / rate : 0;
    this.next = new AtomicLong(startNanos);
  }

  boolean paced() {
    return nanosPerItem > 0;
  }

  /**
   * Waits until {@code n} items may be sent; false if {@code stop} came first (or the thread was
   * interrupted; the flag is kept).
   */
  boolean acquire(int n, CountDownLatch stop) {
    if (nanosPerItem == 0) {
      return true;
    }
    long cost = (long) (n * nanosPerItem);
    long now = System.nanoTime();
    long slot;
    long prev;
    do {
      prev = next.get();
      slot = Math.max(prev, now - MAX_BURST_NANOS);
    } while (!next.compareAndSet(prev, slot + cost));
    while (true) {
      long wait = slot - System.nanoTime();
      if (wait <= 0) {
        return true;
      }
      try {
        if (stop.await(wait, TimeUnit.NANOSECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
