/**
 * {@code signalbox telemetrygen}: a load generator in the spirit of the Collector's telemetrygen,
 * used as a separate process by the end-to-end benchmark harness and the reliability tests.
 *
 * <ul>
 *   <li>{@link dev.signalbox.distribution.telemetrygen.TelemetrygenCommand}: the command line;
 *   <li>{@link dev.signalbox.distribution.telemetrygen.TelemetrygenOptions}: a run's settings,
 *       checked;
 *   <li>{@link dev.signalbox.distribution.telemetrygen.Telemetrygen}: workers, pacing, sequence
 *       numbers, retries, progress and the {@link dev.signalbox.distribution.telemetrygen.Summary};
 *   <li>{@code SpanBatches}, {@code MetricBatches}, {@code LogBatches}: the content, built as pdata
 *       once per worker, rewritten in place for each request and encoded with our codec;
 *   <li>{@code Transport}: the sdk's gRPC client or HTTP sender.
 * </ul>
 *
 * <h2>Design notes</h2>
 * <ul>
 *   <li>The generator must not be the bottleneck: per request it rewrites ids, times and
 *       {@code seq} in a kept batch and encodes it (strings are the same instances every time, so
 *       the encoder's string cache hits), with no decode and no copy. A worker has one request in
 *       flight; more workers, more concurrency.
 *   <li>Items are numbered before they are sent and a retry re-sends the same bytes, so a sink can
 *       check exactly-once delivery by the {@code seq} attribute alone.
 *   <li>{@code --rate} is for all workers together: one shared pacer hands out time slots.
 * </ul>
 */
package dev.signalbox.distribution.telemetrygen;
