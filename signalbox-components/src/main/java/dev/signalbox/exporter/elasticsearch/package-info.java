/**
 * The {@code elasticsearch} exporter: indexes log records and spans into Elasticsearch or
 * OpenSearch through {@code POST /_bulk}, with the Collector's elasticsearchexporter keys in its
 * v0.110 layout ({@link dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig}).
 *
 * <h2>Keys</h2>
 * {@code endpoints} (list) or {@code endpoint} or {@code cloudid} (exactly one); {@code logs_index}
 * ({@code logs-generic-default}) and {@code traces_index} ({@code traces-generic-default});
 * {@code logs_dynamic_index}/{@code traces_dynamic_index} {@code {enabled}}; {@code pipeline};
 * {@code user}/{@code password} (basic) or {@code api_key} ({@code Authorization: ApiKey});
 * {@code num_workers}; {@code flush} {@code {bytes: 5000000, interval: 30s}}; {@code retry}
 * {@code {enabled, max_retries: 2, max_requests (deprecated), initial_interval: 100ms,
 * max_interval: 1m, retry_on_status: [429, 500, 502, 503, 504]}}; {@code mapping}
 * {@code {mode: none|ecs|otel|raw, dedot: true}}; {@code logstash_format}
 * {@code {enabled, prefix_separator: "-", date_format: "%Y.%m.%d"}}; the HTTP client keys
 * ({@code headers}, {@code tls}, {@code timeout} 90s, {@code compression} none or gzip, ...);
 * {@code sending_queue}; and ours, {@code retry_on_failure} (disabled by default).
 *
 * <h2>Requests</h2>
 * NDJSON {@code {"create":{"_index":"<index>"}}} + document per item, {@code Content-Type:
 * application/x-ndjson}, {@code ?filter_path=errors,items.*.status,items.*.error.type,
 * items.*.error.reason} (and {@code &pipeline=}). Batching, retries of only the failed items and
 * what is counted: see {@link dev.signalbox.exporter.elasticsearch.BulkIndexer}. A push returns when
 * all its documents are indexed or failed for good: failed items are counted as
 * {@code otelcol_exporter_send_failed_*{reason="permanent"}} (4xx items at once, 429/5xx items
 * after {@code retry.max_retries}); a batch whose every request kept failing retryably is a
 * retryable failure, which {@code retry_on_failure} may retry. Our metrics:
 * {@code otelcol_elasticsearch_bulk_requests{outcome}}, {@code otelcol_elasticsearch_docs_retried}.
 *
 * <h2>Index</h2>
 * The static {@code *_index}, or with {@code *_dynamic_index.enabled} the Collector's routing
 * ({@link dev.signalbox.exporter.elasticsearch.IndexRouter}): {@code data_stream.dataset} /
 * {@code data_stream.namespace} attributes give {@code <logs|traces>-<dataset>-<namespace>} (and
 * are added to the document), else {@code elasticsearch.index.prefix/suffix} wrap the static
 * index, else {@code <type>-generic-default}; the otel mode adds {@code .otel} to the dataset.
 * {@code logstash_format} appends the current UTC date.
 *
 * <h2>Documents (the Collector's model.go, v0.110)</h2>
 * <ul>
 *   <li>{@code none}: logs {@code @timestamp} (time, else observed time), {@code TraceId},
 *       {@code SpanId}, {@code TraceFlags}, {@code SeverityText}, {@code SeverityNumber},
 *       {@code Body}, {@code Attributes.*}, {@code Resource.*}, {@code Scope.name/version/*};
 *       spans {@code @timestamp}, {@code EndTimestamp}, {@code TraceId}, {@code SpanId},
 *       {@code ParentSpanId}, {@code Name}, {@code Kind} ({@code SPAN_KIND_SERVER}),
 *       {@code TraceStatus}, {@code TraceStatusDescription}, {@code Link} (JSON text),
 *       {@code Attributes.*}, {@code Resource.*}, {@code Events.<name>.time} and
 *       {@code Events.<name>.<attr>}, {@code Duration} (µs), {@code Scope.*}.
 *   <li>{@code raw}: as {@code none} without the {@code Attributes.} and {@code Events.} prefixes.
 *   <li>{@code ecs}: logs with ECS names: resource attributes renamed ({@code host.name} →
 *       {@code host.hostname} (kept too), {@code service.instance.id} → {@code service.node.name},
 *       {@code deployment.environment} → {@code service.environment}, {@code os.*} →
 *       {@code host.os.*}, {@code k8s.*} → {@code kubernetes.*}, {@code telemetry.sdk.*} dropped,
 *       ...), record attributes at the root ({@code exception.*} → {@code error.*},
 *       {@code event.name} → {@code event.action}), {@code agent.name}/{@code agent.version},
 *       {@code host.os.type}, {@code trace.id}, {@code span.id}, {@code event.severity},
 *       {@code log.level}, {@code message} (string bodies). Spans in ecs mode are written as in
 *       {@code none}, as the Collector (v0.110) does.
 *   <li>{@code otel}: {@code @timestamp}, {@code observed_timestamp}, {@code trace_id},
 *       {@code span_id}, {@code severity_*}, {@code attributes}, {@code resource.attributes},
 *       {@code scope.*}, {@code body_text}/{@code body_structured}, {@code dropped_*_count}; spans
 *       {@code name}, {@code kind} ({@code Server}), {@code duration} (ns), {@code links},
 *       {@code status.code/message}, ...; each span event is also its own document (data stream
 *       type logs). Attribute keys stay flat under {@code attributes}/{@code resource.attributes}/
 *       {@code scope.attributes} (passthrough objects); {@code data_stream.*} go to the top.
 * </ul>
 * Maps are flattened into dotted keys, then sorted and deduplicated (the last value of a key
 * wins; a value that an object would overwrite becomes {@code <key>.value}); {@code dedot} writes
 * dotted keys as nested objects (always in otel mode). Timestamps are
 * {@code 2006-01-02T15:04:05.000000000Z}.
 *
 * <h2>Gaps and differences (precisely)</h2>
 * <ul>
 *   <li>Not supported: {@code discover} (node sniffing), {@code metrics_index} (metrics),
 *       {@code logs_dynamic_id}, {@code logs_dynamic_pipeline}, {@code mapping.mode: bodymap},
 *       {@code mapping.allowed_modes} and the per-request mapping mode
 *       ({@code X-Elastic-Mapping-Mode}, {@code elastic.mapping.mode}), {@code batcher},
 *       {@code include_source_on_error}, {@code telemetry}, the {@code ELASTICSEARCH_URL}
 *       environment fallback (write {@code endpoints: ["${env:ELASTICSEARCH_URL}"]}). Newer
 *       Collector versions route dynamically by default and write ECS spans; this exporter keeps
 *       the v0.110 behaviour.
 *   <li>{@code sending_queue} is enabled by default (the Collector's v0.110 default is disabled
 *       with an asynchronous buffer that counts documents as sent before they are indexed); here a
 *       batch counts as sent only when Elasticsearch indexed it.
 *   <li>{@code flush.interval} is the longest a document waits for other batches to share its
 *       request: a batch alone is sent at once instead of waiting for the interval.
 *   <li>Bytes attribute values are written as base64 strings (the Collector v0.110 leaves them
 *       out). NaN and infinite doubles are written as {@code null}.
 *   <li>A key written twice next to an object of the same name no longer yields a document that
 *       Elasticsearch refuses: duplicates are removed before the {@code .value} renaming.
 *   <li>{@code logstash_format} dates are in UTC (the Collector uses the process's time zone).
 * </ul>
 */
package dev.signalbox.exporter.elasticsearch;
