package dev.signalbox.distribution.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Sent against received, item by item by {@code seq}: for every number in
 * {@code [first, last]} how many times the sink got it. Gaps (never received) and duplicates
 * (received more than once) are both visible.
 *
 * @param first the first seq sent
 * @param last the last seq sent
 * @param received items received in the range, duplicates included
 * @param unique distinct seqs received in the range
 * @param duplicates extra copies received (received - unique)
 * @param gaps seqs in the range never received, in order
 * @param outside items received whose seq is outside the range
 */
record SeqTally(long first, long last, long received, long unique, long duplicates, List<Long> gaps, long outside) {

  static SeqTally of(List<Long> seqs, long first, long last) {
    int n = (int) (last - first + 1);
    int[] counts = new int[Math.max(n, 0)];
    long outside = 0;
    long received = 0;
    for (long s : seqs) {
      if (s < first || s > last) {
        outside++;
        continue;
      }
      counts[(int) (s - first)]++;
      received++;
    }
    long unique = 0;
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (counts[i] > 0) {
        unique++;
      } else {
        gaps.add(first + i);
      }
    }
    return new SeqTally(first, last, received, unique, received - unique, gaps, outside);
  }

  long sent() {
    return last - first + 1;
  }

  /** One line for the test's output: the numbers the report quotes. */
  String line() {
    return "seq " + first + ".." + last + ": sent " + sent() + ", received " + received + ", unique " + unique
        + ", duplicates " + duplicates + ", gaps " + gaps.size()
        + (gaps.isEmpty() ? "" : " (first " + gaps.subList(0, Math.min(10, gaps.size())) + ")")
        + (outside == 0 ? "" : ", outside the range " + outside);
  }
}
