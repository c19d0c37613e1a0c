package dev.signalbox.service.config;

import java.util.Collection;

/** "Did you mean" for misspelt keys, types and ids: edit distance at most 2, or a prefix match. */
final class Suggestions {
  private static final int MAX_DISTANCE = 2;
  private static final int MIN_PREFIX = 3;

  private Suggestions() {}

  /** The candidate closest to {@code word}, or null when none is close. */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d <= MAX_DISTANCE && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null) {
      return best;
    }
    if (word.length() >= MIN_PREFIX) {
      for (String c : candidates) {
        if (c.length() >= MIN_PREFIX && (c.startsWith(word) || word.startsWith(c))) {
          return c;
        }
      }
    }
    return null;
  }

  /** {@code "; did you mean 'x'?"} or the empty string. */
  static String didYouMean(String word, Collection<String> candidates) {
    String s = closest(word, candidates);
    return s == null ? "" : "; did you mean '" + s + "'?";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
