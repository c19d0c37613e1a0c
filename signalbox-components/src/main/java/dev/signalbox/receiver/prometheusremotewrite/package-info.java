/**
 * The {@code prometheusremotewrite} receiver: Prometheus remote write 1.0 ({@code POST
 * /api/v1/write}, snappy-compressed {@code prometheus.WriteRequest}) into metrics pipelines.
 *
 * <h2>Keys</h2>
 * The HTTP server keys squashed at the top level ({@code endpoint}, default
 * {@code localhost:9090} as the Collector's, {@code tls}, {@code max_request_body_size}, ...), and
 * {@code time_threshold} (hours, default 24): older samples are dropped and counted in
 * {@code otelcol_receiver_prometheusremotewrite_dropped_samples}; 0 keeps all.
 *
 * <h2>Translation</h2>
 * See {@link dev.signalbox.receiver.prometheusremotewrite.RemoteWriteTranslator}. One resource per
 * job/instance ({@code service.name} — or {@code service.namespace}/{@code service.name} for a
 * job {@code ns/name} — and {@code service.instance.id}, plus {@code target_info}'s labels);
 * {@code otel_scope_name}/{@code otel_scope_version} choose the scope (else
 * {@code dev.signalbox/receiver/prometheusremotewrite}). Types come from metadata (cached across
 * requests, since Prometheus sends it in requests of its own), else from names and labels:
 * {@code _total} → monotonic cumulative sum, {@code _bucket}+{@code le} → histogram,
 * {@code quantile} → summary, anything else → gauge. Classic histograms and summaries are
 * reassembled from the series of one request when their {@code _count} is there; parts split
 * across requests arrive as gauges named as their series. Every sample of a series is a point;
 * staleness markers become points flagged no-recorded-value; exemplars go to the series' last
 * point. Remote write 1.0 carries no start times: points have none.
 *
 * <h2>Answers</h2>
 * 204 on success (also for metadata-only requests); 400 with what and where for a bad snappy
 * body, malformed protobuf, a series without {@code __name__} or with a repeated label name (the
 * whole request is refused, as the Collector does); 415 for another Content-Type or remote write
 * 2.0; 413 for a body over {@code max_request_body_size}; 429 with Retry-After while the memory
 * limiter refuses or the request's bytes (compressed, then inflated) do not fit the in-flight budget
 * (checked before decoding); a pipeline's retryable refusal → 503 (429 when it is
 * about our own limits) with Retry-After; a permanent one → 400. Requests refused before the
 * pipeline are counted in {@code otelcol_receiver_refused_requests{transport, reason}}; decoded
 * samples in {@code otelcol_receiver_prometheusremotewrite_samples}.
 *
 * <h2>Differs from the Collector</h2>
 * The Collector's receiver (in development) accepts only remote write 2.0 and answers before
 * handing data on; this one accepts 1.0 (what Prometheus 2.x and vmagent send), answers after the
 * pipeline took the data (so refusals reach the sender as retryable statuses), reassembles classic
 * histograms instead of dropping them, and keeps summaries.
 */
package dev.signalbox.receiver.prometheusremotewrite;
