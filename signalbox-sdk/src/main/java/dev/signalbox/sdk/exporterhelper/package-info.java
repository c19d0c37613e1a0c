/**
 * The exporter helper: every exporter gets a sending queue, retries, per-attempt timeouts,
 * self-metrics and status by writing only a {@link dev.signalbox.sdk.exporterhelper.PushFunction}
 * and building an {@link dev.signalbox.sdk.exporterhelper.ExporterHelper} per signal.
 *
 * <p>Config blocks an exporter embeds, with the OpenTelemetry Collector's keys and defaults:
 * <ul>
 *   <li>{@link dev.signalbox.sdk.exporterhelper.QueueConfig} as {@code sending_queue}
 *       ({@code enabled}, {@code num_consumers}, {@code queue_size}, {@code sizer},
 *       {@code block_on_overflow}, {@code storage}, {@code wait_for_result}, {@code batch}
 *       ({@link dev.signalbox.sdk.exporterhelper.QueueBatchConfig}), and our {@code max_bytes});
 *   <li>{@link dev.signalbox.sdk.exporterhelper.RetryConfig} as {@code retry_on_failure}
 *       ({@code enabled}, {@code initial_interval}, {@code randomization_factor},
 *       {@code multiplier}, {@code max_interval}, {@code max_elapsed_time});
 *   <li>{@link dev.signalbox.sdk.exporterhelper.TimeoutConfig}, squashed: {@code timeout}.
 * </ul>
 *
 * <p>The promise kept here: every item accepted by {@code consume} is counted once, as sent or as
 * failed with a reason ({@code otelcol_exporter_send_failed_<items>{reason}}), and every item refused
 * is counted ({@code otelcol_exporter_enqueue_failed_<items>{reason}}) and handed back to the caller
 * as an exception; each drop is logged (rate-limited) with the YAML key that would avoid it.
 *
 * <p>The persistent queue plugs in through {@link dev.signalbox.sdk.exporterhelper.SendingQueue}.
 * With {@code sending_queue.batch}, one batcher per helper takes requests from the queue and merges
 * them (queue → batch → retry → timeout → push); a queued request is done with the queue only when
 * every merged batch holding part of it is, so a persistent queue deletes nothing undelivered. The
 * crash-safe configuration and the tests that prove it: {@code docs/reliability.md}.
 */
package dev.signalbox.sdk.exporterhelper;
