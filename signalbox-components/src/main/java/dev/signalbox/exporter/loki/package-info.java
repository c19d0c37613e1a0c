/**
 * The {@code loki} exporter: pushes log records to Grafana Loki's {@code POST /loki/api/v1/push},
 * with the Collector's lokiexporter keys ({@link dev.signalbox.exporter.loki.LokiExporterConfig}):
 * {@code endpoint} (required, the push URL), {@code default_labels_enabled}
 * ({@code exporter}, {@code job}, {@code instance}, {@code level}; unlisted means enabled), the
 * HTTP client keys ({@code headers}, {@code tls}, {@code timeout} default 30s, ...),
 * {@code sending_queue} and {@code retry_on_failure}; and ours: {@code tenant_id} and
 * {@code encoding}.
 *
 * <h2>Wire format</h2>
 * {@code encoding: protobuf} (default, as the Collector sends): {@code PushRequest} protobuf
 * compressed with the snappy block format, {@code Content-Type: application/x-protobuf} (the HTTP
 * {@code compression} key must stay unset). {@code encoding: json}: Loki's JSON push format
 * {@code {"streams":[{"stream":{...},"values":[["<ns>","<line>"]]}]}}, which {@code compression:
 * gzip} may compress. One request per tenant; entries of a stream are sorted by timestamp (older
 * Loki versions refuse out-of-order entries), streams by their labels.
 *
 * <h2>Labels (as the Collector's translator)</h2>
 * <ul>
 *   <li>Defaults: {@code exporter="OTLP"}; {@code job} = {@code service.namespace/service.name}
 *       (or {@code service.name}); {@code instance} = {@code service.instance.id}; {@code level}
 *       from the severity number ({@code INFO}, {@code WARN2}, ...) unless the record has a
 *       {@code level} attribute already.
 *   <li>Hints: {@code loki.resource.labels} (on the resource or the record) promotes resource
 *       attributes, {@code loki.attribute.labels} record attributes; each a comma-separated
 *       string or a list; {@code a.b} reaches into map attributes. {@code loki.tenant} names the
 *       attribute (resource first) whose value is the tenant: requests are grouped by it and sent
 *       with {@code X-Scope-OrgID}; it is a label too.
 *   <li>Promoted attributes and the hints are removed from the line. Label names are made
 *       Prometheus-safe: other characters become {@code _}, a leading digit gets {@code key_}, a
 *       single leading {@code _} gets {@code key}. The labels string is
 *       {@code {name="value", ...}} sorted by name, values quoted as Go's {@code strconv.Quote}.
 * </ul>
 *
 * <h2>Lines</h2>
 * {@code loki.format} (resource first, then record): {@code json} (default): {@code body},
 * {@code traceid}, {@code spanid}, {@code severity}, {@code flags}, {@code attributes},
 * {@code resources}, {@code instrumentation_scope}, each omitted when empty, maps with sorted keys;
 * {@code logfmt}: the body's pairs then {@code traceID}, {@code spanID}, {@code severity},
 * {@code flags}, {@code attribute_<k>}, {@code resource_<k>}, {@code instrumentation_scope_*};
 * {@code raw}: the body as a string. Any other format drops the record (counted). The timestamp
 * is the record's, else its observed time, else now.
 *
 * <h2>Answers</h2>
 * 2xx is success; 429 and every 5xx are retried (honouring {@code Retry-After}); every other
 * status is permanent: the records of that tenant's request are dropped and counted. When a
 * tenant's request fails retryably after others were delivered, the retry sends only the tenants
 * not yet delivered.
 *
 * <h2>Where we differ from the Collector</h2>
 * <ul>
 *   <li>{@code tenant_id} and {@code encoding} are ours (the Collector sends protobuf only and sets
 *       {@code X-Scope-OrgID} only from {@code loki.tenant} or {@code headers}).
 *   <li>429 is retried (the Collector's lokiexporter too); other 4xx are permanent.
 *   <li>JSON lines do not escape {@code <}, {@code >} and {@code &} as Go's encoder does;
 *       integral doubles are written without a fraction, as Go does.
 *   <li>logfmt: a plain-text body is {@code msg="..."}; the Collector parses any text as logfmt
 *       and writes {@code word=} for each word. Keys with spaces, {@code =} or quotes get
 *       {@code _} (the Collector drops such records).
 *   <li>Retries of multi-tenant batches skip tenants already delivered (the Collector resends all).
 * </ul>
 */
package dev.signalbox.exporter.loki;
