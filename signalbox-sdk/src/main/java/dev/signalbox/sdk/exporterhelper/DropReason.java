package dev.signalbox.sdk.exporterhelper;

/**
 * Why items were refused or dropped: the {@code reason} label of
 * {@code otelcol_exporter_send_failed_*} and {@code otelcol_exporter_enqueue_failed_*}, and the key
 * of the rate-limited log lines.
 */
enum DropReason {
  /** Refused: the queue is full by its sizer or by bytes. */
  QUEUE_FULL("queue_full"),
  /** Refused: the batch alone exceeds a bound of the queue. */
  TOO_LARGE("too_large"),
  /** Refused: not started, or shutting down. */
  NOT_RUNNING("not_running"),
  /** The backend refused the batch, or some of its items, permanently. */
  PERMANENT("permanent"),
  /** Still failing when the next retry would pass {@code max_elapsed_time}. */
  RETRIES_EXHAUSTED("retries_exhausted"),
  /** Failed once and {@code retry_on_failure} is disabled. */
  RETRY_DISABLED("retry_disabled"),
  /** Still queued or being retried when the shutdown deadline came. */
  SHUTDOWN("shutdown"),
  /** The calling thread was interrupted while its batch was being sent (queue disabled). */
  INTERRUPTED("interrupted"),
  /** The push function threw an Error. */
  INTERNAL_ERROR("internal_error");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
