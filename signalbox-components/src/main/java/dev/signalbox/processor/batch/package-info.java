/**
 * The {@code batch} processor: groups incoming data into larger batches by size
 * ({@code send_batch_size}, {@code send_batch_max_size}) and time ({@code timeout}), separately per
 * combination of client metadata values ({@code metadata_keys}). Untouched OTLP batches merge as
 * bytes, without decoding.
 *
 * <p>Unlike the Collector's, this batcher never drops data it accepted when the next stage
 * refuses: a retryably refused batch is kept and retried, and new data is refused with a
 * retryable error (back-pressure) once the kept data exceeds four times the batch size.
 */
package dev.signalbox.processor.batch;
