/**
 * The {@code zipkin} receiver: accepts spans as a Zipkin server does and hands them on as OTLP
 * traces. Keys ({@link dev.signalbox.receiver.zipkin.ZipkinReceiverConfig}): the HTTP server keys
 * ({@code endpoint} default {@code localhost:9411}, {@code tls}, {@code cors},
 * {@code max_request_body_size}, {@code include_metadata}, ...) and {@code parse_string_tags}.
 *
 * <h2>Routes</h2>
 * <ul>
 *   <li>{@code POST /api/v2/spans}: {@code application/x-protobuf} is proto3 {@code ListOfSpans},
 *       anything else Zipkin v2 JSON.
 *   <li>{@code POST /api/v1/spans}: {@code application/x-thrift} is v1 Thrift (a list of spans),
 *       anything else v1 JSON; v1 spans are converted by Zipkin's own {@code V1SpanConverter}.
 * </ul>
 * Bodies may be gzip, zstd, deflate or snappy encoded ({@code Content-Encoding}). Success is
 * {@code 202 Accepted} with no body (also for an empty list {@code []}). Ids may be 64-bit (16 hex
 * digits) or 128-bit (32); B3 ids are used as they are.
 *
 * <h2>Refusals</h2>
 * Every one is counted in {@code otelcol_receiver_refused_requests{transport="http",reason}}:
 * malformed JSON/proto/Thrift, bad ids or an empty body: {@code 400} with Zipkin's decoder
 * message (what and where, e.g. {@code traceId should be a 1 to 32 character lower-hex string});
 * a body larger than {@code max_request_body_size} (or one that inflates beyond it):
 * {@code 413}; a protobuf body on the v1 route or Thrift on v2: {@code 415}; memory limit: 429
 * with {@code Retry-After}. A pipeline refusal is answered 503/429 with {@code Retry-After}
 * (retryable) or 400 (permanent).
 *
 * <h2>Zipkin to OTLP</h2>
 * As the Collector's translator: one resource per local service ({@code service.name}, or the
 * attribute named by the tag {@code otlp.service.name.source}), with the tags that are resource
 * attributes of the semantic conventions ({@code host.name}, {@code telemetry.sdk.*}, ...); one
 * scope per {@code otel.scope.name}/{@code otel.scope.version} (or the older
 * {@code otel.library.*}); tags become string attributes (with {@code parse_string_tags},
 * integers, decimals and {@code true}/{@code false} become typed, by the Collector's patterns);
 * {@code kind} maps one to one, and no kind with {@code span.kind=internal} is INTERNAL;
 * {@code otel.status_code} and {@code otel.status_description} give the status;
 * {@code w3c.tracestate}, {@code otlp.link.<i>} and {@code name|{attributes}|dropped}
 * annotations are read back into trace state, links and events. Endpoints become attributes:
 * local address and port {@code network.local.address}/{@code network.local.port}, remote
 * service {@code peer.service} (unless a tag set it), remote address and port
 * {@code network.peer.address}/{@code network.peer.port}. A span without a timestamp starts at
 * 0 and gets {@code otel.zipkin.absentField.startTime=true}, so the zipkin exporter leaves it
 * out again.
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>An {@code error} tag with any value but {@code "false"} makes the status ERROR, with the
 *       tag as its message unless it is {@code "true"} (Brave and other Zipkin tracers put the
 *       error message there); the Collector reacts to {@code "true"} only.
 *   <li>{@code shared: true} is kept as the attribute {@code otel.zipkin.shared=true}, so that a
 *       zipkin exporter writes it back; the Collector drops it, and Zipkin then merges the client
 *       and server halves that share an id. {@code debug} is dropped, as the Collector does.
 *   <li>Spans are grouped by local service and resource tags together (the Collector groups by
 *       service and keeps only the first span's resource tags).
 *   <li>An annotation or link tag that cannot be read back stays as it came (a name or a tag);
 *       the Collector refuses the whole request.
 *   <li>Remote and local addresses use the current attribute names ({@code network.*}); the
 *       Collector's default still writes {@code net.peer.ip}/{@code net.host.ip}.
 * </ul>
 */
package dev.signalbox.receiver.zipkin;
