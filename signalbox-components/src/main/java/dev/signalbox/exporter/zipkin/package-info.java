/**
 * The {@code zipkin} exporter: sends spans to a Zipkin server's {@code POST /api/v2/spans} as
 * Zipkin v2 JSON ({@code format: json}, default) or proto3 {@code ListOfSpans}
 * ({@code format: proto}), with the Collector's zipkinexporter keys
 * ({@link dev.signalbox.exporter.zipkin.ZipkinExporterConfig}): {@code endpoint} (required, the
 * full URL), {@code format}, {@code default_service_name}, the HTTP client keys ({@code tls},
 * {@code headers}, {@code compression}, {@code timeout} default 5s, {@code proxy_url}, ...),
 * {@code sending_queue} and {@code retry_on_failure}.
 *
 * <h2>OTLP to Zipkin</h2>
 * As the OpenTelemetry specification's Zipkin transformation and the Collector's translator:
 * <ul>
 *   <li>Ids: 128-bit trace ids are written as 32 hex digits, trace ids whose high half is zero as
 *       16; span and parent ids as 16. A span without a trace or span id cannot be sent: it is
 *       dropped and counted (the others are sent).
 *   <li>Kind: CLIENT, SERVER, PRODUCER, CONSUMER as they are; INTERNAL has no Zipkin kind and gets
 *       the tag {@code span.kind=internal} (which the zipkin receiver reads back); UNSPECIFIED
 *       nothing.
 *   <li>Times: {@code timestamp} is the start in whole microseconds (left out when the start is
 *       before 1970-01-01T00:00:01, as the Collector); {@code duration} the difference in whole
 *       microseconds, at least 1 when the span has any length.
 *   <li>Local endpoint: the service is the resource's {@code service.name}, else
 *       {@code faas.name}, {@code k8s.deployment.name} or {@code process.executable.name} (named
 *       in the tag {@code otlp.service.name.source}), else {@code default_service_name}. Its
 *       address and port come from {@code network.local.address}/{@code network.local.port} or
 *       {@code net.host.ip}/{@code net.host.port}.
 *   <li>Remote endpoint: for CLIENT and PRODUCER spans the service is the first of the
 *       specification's ranked attributes ({@code peer.service}, {@code server.address},
 *       {@code net.peer.name}, {@code network.peer.address}, {@code server.socket.domain},
 *       {@code server.socket.address}, {@code net.sock.peer.name}, {@code net.sock.peer.addr},
 *       {@code peer.hostname}, {@code peer.address}, {@code db.name}); for other kinds only
 *       {@code peer.service} (a server span's {@code server.address} is its own). The address and
 *       port come from {@code network.peer.address}/{@code network.peer.port},
 *       {@code net.sock.peer.addr}/{@code net.sock.peer.port} or
 *       {@code net.peer.ip}/{@code net.peer.port} (IP literals only).
 *       {@code peer.service} and the address and port attributes used are removed from the tags,
 *       as the Collector does.
 *   <li>Tags: the resource's attributes (except the one that named the service), then
 *       {@code otel.scope.name}/{@code otel.scope.version}, then the span's attributes, each value
 *       as a string (lists and maps as JSON); {@code w3c.tracestate};
 *       {@code otel.dropped_attributes_count}, {@code otel.dropped_events_count},
 *       {@code otel.dropped_links_count} when not zero (the specification's names).
 *   <li>Status: OK gives {@code otel.status_code=OK}; ERROR gives {@code otel.status_code=ERROR},
 *       {@code error} set to the description (or {@code "true"} when there is none) and
 *       {@code otel.status_description}; UNSET gives nothing. Any other {@code error} tag is
 *       removed from spans that are not errors.
 *   <li>Events become annotations: the name alone, or {@code name|{attributes as JSON}|dropped}
 *       when the event has attributes (the Collector's format, which the receiver reads back).
 *       Links become tags {@code otlp.link.<i>} = {@code traceId|spanId|traceState|{attributes}|dropped}.
 *   <li>{@code shared}: set on SERVER spans that arrived through the zipkin receiver with
 *       {@code shared: true} (carried as the attribute {@code otel.zipkin.shared}); never guessed
 *       from OTLP data, because Zipkin takes a shared span's id to be its client's.
 * </ul>
 *
 * <h2>Answers</h2>
 * 2xx is success; 429 and every 5xx are retried (honouring {@code Retry-After}); every other status
 * is permanent and the batch is dropped and counted; network failures are retried.
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>{@code default_service_name} is used; the Collector accepts it but names such spans
 *       {@code OTLPResourceNoServiceName}.
 *   <li>{@code otel.status_code} is {@code OK}/{@code ERROR} as the specification says (the
 *       Collector writes {@code STATUS_CODE_OK}/{@code STATUS_CODE_ERROR}; the receiver reads both).
 *   <li>Scope tags are {@code otel.scope.*} (the Collector's current default); the older
 *       {@code otel.library.*} are not written. Scope tags do not leak from one scope to the next.
 *   <li>Spans without ids are dropped one by one; the Collector drops the whole batch.
 *   <li>4xx answers are permanent; the Collector retries every failure.
 *   <li>Attribute values are rendered by {@link dev.signalbox.pdata.AnyValue#asString()}: a double
 *       such as 1.0 is {@code "1.0"} where Go writes {@code "1"}.
 * </ul>
 */
package dev.signalbox.exporter.zipkin;
