package dev.signalbox.sdk.storage;

import java.util.Map;
import java.util.TreeMap;

/**
 * The contiguous acknowledged prefix of the log: {@link #acked()} is the position before which
 * every record is acknowledged. Acknowledgements beyond it (out of order, from several consumers)
 * wait in a map until the gap before them closes. Thread-safe.
 */
final class AckTracker {
  private long acked;
  private final TreeMap<Long, Long> ahead = new TreeMap<>();

  AckTracker(long start) {
    this.acked = start;
  }

  /** Acknowledges {@code [start, end)}; false if it already was (a duplicate). */
  synchronized boolean ack(long start, long end) {
    if (end <= acked) {
      return false;
    }
    if (start > acked) {
      return ahead.putIfAbsent(start, end) == null;
    }
    acked = end;
    Map.Entry<Long, Long> e;
    while ((e = ahead.firstEntry()) != null && e.getKey() <= acked) {
      acked = Math.max(acked, e.getValue());
      ahead.pollFirstEntry();
    }
    return true;
  }

  synchronized long acked() {
    return acked;
  }

  /** Acknowledgements waiting for a gap to close. */
  synchronized int pendingOutOfOrder() {
    return ahead.size();
  }
}
