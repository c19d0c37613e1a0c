/**
 * The {@code otlp} receiver: OTLP/gRPC (the four Export services) and OTLP/HTTP (POST of protobuf
 * or JSON to {@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs},
 * {@code /v1development/profiles}), gzip/zstd/deflate/snappy request bodies.
 *
 * <p>A protobuf request is checked structurally and handed on <em>wire-backed</em>: it is decoded
 * only if a later stage reads it. Answers follow the OTLP spec: success with an empty partial
 * success; malformed data → 400 / INVALID_ARGUMENT with the decoder's message (where and what);
 * a pipeline that refuses retryably (full queue, memory limit) → 503 or 429 with Retry-After /
 * UNAVAILABLE or RESOURCE_EXHAUSTED with RetryInfo; a permanent refusal → 400 / INVALID_ARGUMENT.
 * HTTP error bodies are {@code google.rpc.Status} in the request's encoding. While the memory
 * limiter refuses data, requests are refused before decoding.
 *
 * <p>Self-metrics: the service counts accepted and refused items
 * ({@code otelcol_receiver_accepted_spans}, ...); this receiver adds
 * {@code otelcol_receiver_refused_requests{transport, reason}} for requests refused before they
 * reached the pipeline (malformed, unsupported media type, too large, memory limit, ...).
 */
package dev.signalbox.receiver.otlp;
