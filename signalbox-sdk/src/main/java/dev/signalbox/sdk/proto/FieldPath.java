package dev.signalbox.sdk.proto;

/**
 * The chain of fields a decoder is inside, kept as two parallel arrays so that entering and leaving
 * a field costs two stores; rendered as text ({@code resource_spans[0].scope_spans[1].spans[5]})
 * only when an error is reported. Bounded: {@link #push} refuses to go deeper than the capacity,
 * which is how decoders bound recursion on hostile input. Not thread-safe; one per decode.
 */
public final class FieldPath {
  private final String[] names;
  private final int[] indices;
  private int depth;

  /** @param maxDepth the deepest nesting {@link #push} accepts */
  public FieldPath(int maxDepth) {
    this.names = new String[maxDepth];
    this.indices = new int[maxDepth];
  }

  /**
   * Enters field {@code name}; {@code index} is the element's index in a repeated field, or -1.
   *
   * @return false (and nothing pushed) when the maximum depth is reached
   */
  public boolean push(String name, int index) {
    int d = depth;
    if (d == names.length) {
      return false;
    }
    names[d] = name;
    indices[d] = index;
    depth = d + 1;
    return true;
  }

  public void pop() {
    depth--;
  }

  public int depth() {
    return depth;
  }

  public int maxDepth() {
    return names.length;
  }

  /** Replaces the index of the innermost element (for parsers that learn the index late). */
  public void setIndex(int index) {
    indices[depth - 1] = index;
  }

  @Override
  public String toString() {
    return render(".");
  }

  /** The path with {@code separator} between names, e.g. "." for both OTLP forms. */
  public String render(String separator) {
    StringBuilder sb = new StringBuilder(16 * depth);
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        sb.append(separator);
      }
      sb.append(names[i]);
      if (indices[i] >= 0) {
        sb.append('[').append(indices[i]).append(']');
      }
    }
    return sb.toString();
  }
}
