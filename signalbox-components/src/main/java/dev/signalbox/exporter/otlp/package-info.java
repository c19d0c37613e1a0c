/**
 * The {@code otlp} exporter: sends traces, metrics, logs and profiles over OTLP/gRPC, with the
 * OpenTelemetry Collector's otlpexporter keys and defaults ({@link
 * dev.signalbox.exporter.otlp.OtlpExporterConfig}): the gRPC client keys at the top level
 * ({@code endpoint}, {@code compression} default gzip, {@code tls}, {@code headers},
 * {@code keepalive}, {@code balancer_name}, {@code authority}, {@code wait_for_ready},
 * {@code write_buffer_size} default 512KiB), {@code timeout} (default 5s), {@code sending_queue}
 * and {@code retry_on_failure}.
 *
 * <p>What is sent: one {@code Export} call of {@code opentelemetry.proto.collector.{trace,metrics,
 * logs}.v1} or {@code profiles.v1development} per batch. A batch still in the form a receiver got
 * it in is sent as its original bytes, never decoded; others are encoded with our codec. A
 * profiles batch of several requests is sent request by request.
 *
 * <p>How answers count (by the exporter helper, which also retries): a failed call is retryable
 * or permanent as the OTLP specification says ({@link dev.signalbox.sdk.grpc.GrpcErrors}), with
 * the server's {@code RetryInfo} delay honoured; a {@code partial_success} with rejected items
 * drops and counts only those, logged with the server's message; a warning without rejected items
 * is logged and the batch counts as sent.
 *
 * <p>Lifecycle: the channel is created at start (it connects in the background, so a backend that
 * is down does not fail the start); shutdown drains every signal's queue in parallel, then closes
 * the channel. Header values are secrets: never logged, never in messages.
 *
 * <p>Unlike the current Collector, whose type is now {@code otlp_grpc} with {@code otlp} as a
 * deprecated alias, the type here is {@code otlp}.
 */
package dev.signalbox.exporter.otlp;
