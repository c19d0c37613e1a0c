/**
 * The {@code kafka} exporter: traces, metrics and logs to Kafka topics through one kafka-clients
 * producer per exporter, each signal behind the exporter helper ({@code sending_queue},
 * {@code retry_on_failure}, {@code timeout}).
 *
 * <h2>Keys (the Collector's; defaults in parentheses)</h2>
 * <ul>
 *   <li>{@code brokers} ([localhost:9092]), {@code client_id} (otel-collector), {@code protocol_version},
 *       {@code auth} {{@code sasl} {{@code mechanism} PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512,
 *       {@code username}, {@code password}}, {@code tls} {the usual client TLS keys}},
 *       {@code metadata} {{@code full}, {@code refresh_interval} (10m), {@code retry} {{@code max}, {@code backoff} (250ms)}};
 *   <li>{@code traces} / {@code metrics} / {@code logs}: {{@code topic} (otlp_spans / otlp_metrics /
 *       otlp_logs), {@code encoding} (otlp_proto)}; the older top-level {@code topic} and
 *       {@code encoding} apply to every signal whose own block does not set them;
 *   <li>{@code encoding}: {@code otlp_proto}, {@code otlp_json}, {@code raw} (logs: one message per
 *       record, its body: bytes as they are, strings as UTF-8, other values as JSON);
 *   <li>{@code partition_traces_by_id} (false): one message per trace id, keyed by the trace id in
 *       lower-case hex; {@code partition_metrics_by_resource_attributes},
 *       {@code partition_logs_by_resource_attributes} (false): one message per distinct set of
 *       resource attributes, keyed by a 16-byte hash of them (independent of their order). Either way
 *       the batch is split into several messages; with raw logs every record carries its resource's key;
 *   <li>{@code producer} {{@code max_message_bytes} (1000000), {@code required_acks} (1; -1 = all),
 *       {@code compression} (none; gzip, snappy, lz4, zstd), {@code flush_max_messages} (0),
 *       {@code linger} (10ms), {@code idempotent} (false, ours; needs required_acks -1)};
 *   <li>{@code timeout} (5s), {@code sending_queue}, {@code retry_on_failure}: the exporter helper's.
 * </ul>
 *
 * <h2>Behaviour</h2>
 * An attempt sends the batch's messages and waits until the broker acknowledged every one (as
 * {@code required_acks} says) or the attempt's {@code timeout} passes; the producer's own request
 * and delivery timeouts are set to about the same, so a given-up attempt does not keep sending.
 * Errors are classified as kafka-clients classifies them: its {@code RetriableException}s (no
 * leader, not enough replicas, timeouts, disconnects) are retried by the helper; other broker
 * errors are permanent: a message larger than {@code max_message_bytes} (or the topic's
 * {@code max.message.bytes}) with a message naming the key, an unknown or unauthorized topic, an
 * authentication failure. When some messages of a split batch failed permanently and none
 * retryably, only their items count as dropped. A retry sends every message again, so a partly
 * acknowledged batch may be duplicated (at least once).
 *
 * <p>An unpartitioned batch still in its received wire form is sent as its bytes, never decoded.
 * Partitioning reads the batch and encodes copies of its parts.
 *
 * <h2>Differences from the Collector</h2>
 * <ul>
 *   <li>Not available (refused at startup with a message): the Jaeger and Zipkin encodings and
 *       encoding extensions (the zipkin2 library is not a dependency of this module),
 *       {@code auth.sasl} mechanisms AWS_MSK_IAM / OAUTHBEARER and {@code auth.kerberos},
 *       {@code topic_from_attribute}, {@code include_metadata_keys}, {@code producer.compression_params}.
 *       Profiles are not exported.
 *   <li>{@code protocol_version} and {@code metadata.full} / {@code metadata.retry.max} are accepted
 *       and have no effect: kafka-clients negotiates API versions and fetches only the metadata of
 *       the topics it uses. {@code flush_max_messages} has no effect: kafka-clients batches by bytes
 *       ({@code batch.size}) and {@code linger}, not by count.
 *   <li>{@code producer.idempotent} is ours ({@code enable.idempotence}).
 *   <li>{@code auth.tls} goes through Signalbox's TLS code (a kafka-clients SSL engine factory), so
 *       {@code insecure_skip_verify} and {@code server_name_override} work as for our other
 *       clients; {@code tls: {insecure: true}} means plaintext.
 * </ul>
 */
package dev.signalbox.exporter.kafka;
