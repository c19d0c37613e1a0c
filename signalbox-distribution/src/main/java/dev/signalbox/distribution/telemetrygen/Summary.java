package dev.signalbox.distribution.telemetrygen;

import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of a run.
 *
 * @param signal traces, metrics or logs
 * @param transport grpc or http
 * @param endpoint where the items went
 * @param sent items the server accepted
 * @param failed items refused permanently, rejected in a partial success, or still refused when
 *     {@code --max-retry-time} ran out
 * @param retries requests sent again after a retryable refusal
 * @param requests requests the server accepted
 * @param failedRequests requests given up on
 * @param generated items generated (sent + failed): their {@code seq} run from {@code firstSeq} to
 *     {@code firstSeq + generated - 1}
 * @param firstSeq the {@code seq} of the first item
 * @param duration from the first request to the last answer
 * @param lastError the last failure's message, or empty
 */
public record Summary(String signal, String transport, String endpoint, long sent, long failed, long retries,
    long requests, long failedRequests, long generated, long firstSeq, Duration duration, String lastError) {

  /** The {@code seq} of the last item, or {@code firstSeq - 1} when none was generated. */
  public long lastSeq() {
    return firstSeq + generated - 1;
  }

  /** Items accepted per second over the run. */
  public double itemsPerSecond() {
    double s = duration.toNanos() / 1e9;
    return s <= 0 ? 0 : sent / s;
  }

  /** The line printed at the end: {@code sent: N items in M requests, failed: F, retries: R}. */
  public String line() {
    return "sent: " + sent + " items in " + requests + " requests, failed: " + failed + ", retries: " + retries;
  }

  /** 0 when nothing failed, else 1. */
  public int exitCode() {
    return failed == 0 ? 0 : 1;
  }

  /** The report file's content. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(512);
    sb.append("{\n");
    field(sb, "signal", quote(signal));
    field(sb, "transport", quote(transport));
    field(sb, "endpoint", quote(endpoint));
    field(sb, "sent", Long.toString(sent));
    field(sb, "failed", Long.toString(failed));
    field(sb, "retries", Long.toString(retries));
    field(sb, "requests", Long.toString(requests));
    field(sb, "failed_requests", Long.toString(failedRequests));
    field(sb, "first_seq", generated > 0 ? Long.toString(firstSeq) : "null");
    field(sb, "last_seq", generated > 0 ? Long.toString(lastSeq()) : "null");
    field(sb, "duration_seconds", String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9));
    field(sb, "items_per_second", String.format(Locale.ROOT, "%.1f", itemsPerSecond()));
    sb.append("  \"last_error\": ").append(quote(lastError)).append("\n}\n");
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append("  \"").append(name).append("\": ").append(value).append(",\n");
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
