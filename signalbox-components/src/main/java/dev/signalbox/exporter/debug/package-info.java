/**
 * The {@code debug} exporter: writes what reaches it to the log. {@code verbosity: basic} logs one
 * summary line per batch (and never decodes a wire-backed batch), {@code normal} one line per item,
 * {@code detailed} every field in the Collector's text layout. Sampling as the Collector's
 * ({@code sampling_initial} per second, then one in {@code sampling_thereafter}).
 */
package dev.signalbox.exporter.debug;
