package dev.signalbox.pdata;

import java.util.Arrays;

/** The positive or negative buckets of an exponential histogram point. Immutable. */
public final class Buckets {
  public static final Buckets EMPTY = new Buckets(0, new long[0]);

  private final int offset;
  private final long[] bucketCounts;

  private Buckets(int offset, long[] bucketCounts) {
    this.offset = offset;
    this.bucketCounts = bucketCounts;
  }

  public static Buckets of(int offset, long... bucketCounts) {
    return new Buckets(offset, bucketCounts.clone());
  }

  public int offset() {
    return offset;
  }

  public int size() {
    return bucketCounts.length;
  }

  public long bucketCount(int i) {
    return bucketCounts[i];
  }

  public long[] bucketCounts() {
    return bucketCounts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Buckets b && offset == b.offset && Arrays.equals(bucketCounts, b.bucketCounts);
  }

  @Override
  public int hashCode() {
    return offset * 31 + Arrays.hashCode(bucketCounts);
  }

  @Override
  public String toString() {
    return "Buckets{offset=" + offset + " " + Arrays.toString(bucketCounts) + "}";
  }
}
