package dev.signalbox.component;

import java.time.Duration;

/** A point in time by which an operation (usually shutdown) must finish. */
public record Deadline(long nanoTime) {

  public static Deadline in(Duration d) {
    return new Deadline(System.nanoTime() + d.toNanos());
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
  }

  public boolean expired() {
    return System.nanoTime() - nanoTime >= 0;
  }
}
