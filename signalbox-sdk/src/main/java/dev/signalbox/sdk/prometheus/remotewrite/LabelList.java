package dev.signalbox.sdk.prometheus.remotewrite;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An unmodifiable list of labels over an array it takes over, with its hash computed once: the key
 * of the series maps that gather a batch's samples by label set (one lookup per sample). Equal to
 * any {@link List} with the same labels, as the {@code List} contract requires; comparing two
 * {@code LabelList}s checks the hashes first and walks the arrays without iterators.
 */
public final class LabelList extends AbstractList<Label> implements RandomAccess {
  private final Label[] labels;
  private int hash; // 0: not computed yet (a computed 0 is recomputed, which is harmless)

  /** Takes {@code labels} over: the caller must not change the array afterwards. */
  public LabelList(Label[] labels) {
    for (Label l : labels) {
      if (l == null) {
        throw new NullPointerException("label");
      }
    }
    this.labels = labels;
  }

  @Override
  public Label get(int index) {
    return labels[index];
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 1;
      for (Label l : labels) {
        h = 31 * h + l.hashCode();
      }
      hash = h;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o instanceof LabelList other) {
      return hashCode() == other.hashCode() && Arrays.equals(labels, other.labels);
    }
    return super.equals(o);
  }
}
