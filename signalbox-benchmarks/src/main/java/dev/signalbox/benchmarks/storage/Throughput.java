package dev.signalbox.benchmarks.storage;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary results of a storage benchmark, reported by JMH as rates next to the primary score:
 * {@code records} (records/s) and {@code megabytes} (MB/s of payload, 10^6 bytes) that went through
 * enqueue, dequeue and acknowledgement.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Throughput {
  public long records;
  private long bytes;

  @Setup(Level.Iteration)
  public void reset() {
    records = 0;
    bytes = 0;
  }

  public double megabytes() {
    return bytes / 1e6;
  }

  void add(long n, long size) {
    records += n;
    bytes += n * size;
  }
}
