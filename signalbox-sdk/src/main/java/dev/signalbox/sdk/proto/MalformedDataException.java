package dev.signalbox.sdk.proto;

/**
 * Encoded input (protobuf or JSON) that cannot be decoded. Checked on purpose: every receiver must
 * decide what a client sees, normally HTTP 400 or gRPC {@code INVALID_ARGUMENT} with
 * {@link #getMessage()} as the text. The message says what is wrong and where, for example
 * {@code trace_id must be 0 or 16 bytes, got 3 at byte 57 (resource_spans[0].scope_spans[0].spans[0])}
 * or {@code traceId must be 32 hex digits, got 5 at line 1, column 88
 * (resourceSpans[0].scopeSpans[0].spans[0].traceId)}; it never contains the payload itself
 * beyond a short quoted token.
 */
public final class MalformedDataException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String location;
  private final String path;

  /**
   * @param problem what is wrong, e.g. {@code truncated varint}
   * @param location where in the input, e.g. {@code byte 1234} or {@code line 3, column 7}; may be empty
   * @param path the field path, e.g. {@code resource_spans[0].scope_spans[1]}; may be empty
   */
  public MalformedDataException(String problem, String location, String path) {
    super(format(problem, location, path));
    this.problem = problem;
    this.location = location;
    this.path = path;
  }

  private static String format(String problem, String location, String path) {
    StringBuilder sb = new StringBuilder(problem);
    if (!location.isEmpty()) {
      sb.append(" at ").append(location);
    }
    if (!path.isEmpty()) {
      sb.append(" (").append(path).append(')');
    }
    return sb.toString();
  }

  /** What is wrong, without location and path. */
  public String problem() {
    return problem;
  }

  /** Where in the input ({@code byte N} or {@code line L, column C}), or empty. */
  public String location() {
    return location;
  }

  /** The field path of the element being read, or empty at the top level. */
  public String path() {
    return path;
  }
}
