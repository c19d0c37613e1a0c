/**
 * The {@code prometheusremotewrite} exporter: metrics as Prometheus remote write 1.0, for
 * Prometheus ({@code --web.enable-remote-write-receiver}), Mimir, Cortex, Thanos, VictoriaMetrics.
 *
 * <h2>What is sent</h2>
 * Each batch is translated by {@link dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus} (names
 * with unit and type suffixes, label sanitization, {@code job}/{@code instance}, scope labels,
 * {@code target_info}, exemplars, staleness markers for points flagged {@code NoRecordedValue}: see
 * that class), its samples grouped by series and sorted by time (of two samples of one series at
 * one time, the later one is kept), and the series cut into requests of at most
 * {@code max_batch_size_bytes} of protobuf (a single larger series goes alone). Each request is a
 * {@code WriteRequest} compressed with snappy's block format and POSTed with
 * {@code Content-Encoding: snappy}, {@code Content-Type: application/x-protobuf},
 * {@code X-Prometheus-Remote-Write-Version: 0.1.0}, {@code User-Agent: signalbox/<version>} and
 * the configured {@code headers} (such as {@code X-Scope-OrgID}).
 *
 * <h2>Keys</h2>
 * See {@link dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterConfig}:
 * the HTTP client keys ({@code endpoint}, {@code timeout} 5s, {@code headers}, {@code tls},
 * {@code proxy_url}, ...), {@code retry_on_failure} (initial interval 50ms), {@code namespace},
 * {@code external_labels}, {@code remote_write_queue} {@code {enabled: true, queue_size: 10000,
 * num_consumers: 5}}, {@code max_batch_size_bytes} (3000000), {@code max_batch_request_parallelism},
 * {@code resource_to_telemetry_conversion} {@code {enabled, exclude_service_attributes}},
 * {@code target_info.enabled} (true), {@code disable_scope_info} (false),
 * {@code add_metric_suffixes} (true), {@code send_metadata} (false).
 *
 * <h2>Order, retries, drops</h2>
 * <ul>
 *   <li>{@code remote_write_queue} is the exporter helper's queue with a single consumer, as the
 *       Collector configures it: batches are sent one after the other in the order they came, so
 *       each series' samples reach the receiver in time order. {@code num_consumers} is, as in the
 *       Collector (without its multiple-workers gate), how many requests of one split batch go out
 *       at once ({@code max_batch_request_parallelism} overrides it); requests of one batch never
 *       share a series, so this keeps the order too.
 *   <li>Answers: 2xx is success; 5xx and 429 are retried by the exporter helper per
 *       {@code retry_on_failure}, after the server's {@code Retry-After} when it gives a longer
 *       one; any other status (400 "out of order sample", 401, 404, ...) is permanent: the batch
 *       is dropped, counted and logged.
 *   <li>When a batch was split and some of its requests were accepted before one failed, the
 *       retry sends only the requests not yet accepted.
 *   <li>A receiver refuses a whole request that has one sample older than its series' latest
 *       ("out of order sample"). {@code target_info} is the series every batch of a resource
 *       repeats, so it is sent only when its time moves forward: a late batch of a resource
 *       (older points) goes without it instead of being refused.
 *   <li>Points Prometheus cannot represent are dropped, counted in
 *       {@code otelcol_exporter_send_failed_metric_points{reason="permanent"}} and logged (at most
 *       every 10s) with the reason and the first metric: delta sums and histograms (convert them
 *       to cumulative upstream, or use the {@code prometheus} exporter, which accumulates them),
 *       exponential histograms, metrics without a valid name. The rest of the batch is sent.
 * </ul>
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>Retries go through the exporter helper (the Collector's exporter retries inside its push
 *       with its own backoff and then reports a permanent error); 429 is always retryable (the
 *       Collector needs a feature gate) and {@code Retry-After} is honoured.
 *   <li>Only the failed requests of a split batch are resent; a series larger than
 *       {@code max_batch_size_bytes} is sent alone instead of failing the batch.
 *   <li>{@code endpoint} has no default (the Collector's is a placeholder URL); the reserved headers
 *       ({@code Content-Encoding}, {@code Content-Type}, {@code X-Prometheus-Remote-Write-Version},
 *       {@code User-Agent}) are refused in {@code headers} instead of silently replaced;
 *       {@code compression} must be empty or {@code snappy}.
 *   <li>The queue is also bounded by 64 MiB of batches (every Signalbox queue is; see
 *       {@code QueueConfig}).
 *   <li>Not supported: {@code wal} (refused with a message), remote write 2.0
 *       ({@code protobuf_message}), {@code translation_strategy}, {@code resource_constant_labels},
 *       {@code include_metadata_keys}, native histograms (exponential histograms are dropped;
 *       the Collector sends them as native histograms) and the deprecated
 *       {@code export_created_metric}.
 *   <li>Translation differences are listed in {@code dev.signalbox.sdk.prometheus.translate}
 *       ({@code target_info} never namespaced, label underscores collapsed, scope labels on,
 *       exemplars only on counters and histogram buckets).
 * </ul>
 */
package dev.signalbox.exporter.prometheusremotewrite;
