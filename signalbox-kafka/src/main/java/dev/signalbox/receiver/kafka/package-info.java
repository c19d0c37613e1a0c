/**
 * The {@code kafka} receiver: reads traces, metrics and logs from Kafka topics as a member of a
 * consumer group, and delivers them <b>at least once</b>.
 *
 * <h2>Keys (the Collector's; defaults in parentheses)</h2>
 * <ul>
 *   <li>{@code brokers}, {@code client_id}, {@code protocol_version}, {@code auth}, {@code metadata}:
 *       as the exporter's (see {@code dev.signalbox.exporter.kafka});
 *   <li>{@code traces} / {@code metrics} / {@code logs}: {{@code topic} (otlp_spans / otlp_metrics /
 *       otlp_logs), {@code encoding} (otlp_proto)}, and the older top-level {@code topic} /
 *       {@code encoding}. Two signals of one receiver cannot read the same topic (a message does not
 *       say what it holds): that is refused at startup;
 *   <li>{@code encoding}: {@code otlp_proto} (passed on wire-backed: not decoded unless a later
 *       stage reads it), {@code otlp_json}, {@code raw} (logs: one record whose body is the message's
 *       bytes), {@code text} (logs: the body as a UTF-8 string);
 *   <li>{@code group_id} (otel-collector), {@code group_instance_id}, {@code initial_offset} (latest;
 *       earliest), {@code session_timeout} (10s), {@code heartbeat_interval} (3s),
 *       {@code group_rebalance_strategy} (range; roundrobin, sticky, cooperative-sticky),
 *       {@code min_fetch_size} (1), {@code default_fetch_size} (1048576), {@code max_fetch_size} (0),
 *       {@code max_fetch_wait} (250ms);
 *   <li>{@code autocommit} {{@code enable} (true), {@code interval} (1s)}: see below.
 * </ul>
 *
 * <h2>Delivery: our semantics, not the Collector's</h2>
 * <ul>
 *   <li><b>Offsets are committed only for records the next consumer accepted</b> (or that are
 *       skipped for good, below). kafka-clients' auto-commit is always off; {@code autocommit.enable}
 *       chooses between committing the accepted offsets every {@code autocommit.interval}
 *       (asynchronously) and committing them after every poll (synchronously). A crash therefore
 *       re-delivers at most what was accepted since the last commit: duplicates, never loss.
 *   <li><b>Back-pressure:</b> a retryable refusal (full queue, memory limit, backend down) seeks the
 *       partition back to the refused record and pauses it for a backoff (100ms doubling to 5s, or
 *       the refusal's retry-after), then delivers the same records again. Nothing after a refused
 *       record is delivered or committed first; other partitions go on.
 *   <li><b>Malformed records</b> are skipped without stalling the partition, counted in
 *       {@code otelcol_receiver_refused_requests{transport="kafka", reason="malformed"}} and logged
 *       (rate-limited) with topic, partition and offset.
 *   <li>A <b>permanent</b> refusal drops the record (logged with its offset; counted by the service).
 *   <li><b>Rebalances</b> commit what was accepted from the partitions taken away; lost partitions
 *       (expired session) commit nothing and are re-delivered to their new owner.
 *   <li>Shutdown lets a delivery in progress finish (interrupting one stuck on back-pressure halfway
 *       to the deadline), commits what was accepted, and leaves the group.
 * </ul>
 * "Accepted" means what the next consumer says: a batch processor or an exporter with an
 * in-memory {@code sending_queue} accept data before it is delivered, so a <em>crash</em> of the
 * gateway (SIGKILL, OOM) loses what they held even though its offsets were committed; a graceful
 * stop drains them. For no loss across crashes, end the gateway's pipeline in a synchronous
 * consumer: no batch processor (Kafka messages are already batches) and exporters with
 * {@code sending_queue: {enabled: false}} or {@code wait_for_result: true}.
 *
 * <p>Records pass on with the transport {@code kafka}; their headers become client metadata.
 * One consumer per receiver on one platform thread (kafka-clients' internal locks pin virtual threads).
 *
 * <h2>Differences from the Collector</h2>
 * <ul>
 *   <li>The delivery rules above replace {@code message_marking} and {@code error_backoff}, which are
 *       not accepted; {@code header_extraction} and {@code topic} regular expressions are not available.
 *   <li>The Jaeger, Zipkin and encoding-extension encodings are not available (refused at startup).
 *   <li>{@code protocol_version} and {@code metadata.full} / {@code retry.max} are accepted and have no effect.
 *   <li>The classic group protocol is used ({@code group.protocol=classic}).
 * </ul>
 */
package dev.signalbox.receiver.kafka;
