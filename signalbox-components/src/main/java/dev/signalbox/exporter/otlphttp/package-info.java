/**
 * The {@code otlphttp} exporter: sends traces, metrics, logs and profiles over OTLP/HTTP, with the
 * OpenTelemetry Collector's otlphttpexporter keys and defaults ({@link
 * dev.signalbox.exporter.otlphttp.OtlpHttpExporterConfig}): the HTTP client keys at the top level
 * ({@code endpoint}, the base URL to which {@code /v1/traces}, {@code /v1/metrics},
 * {@code /v1/logs} and {@code /v1development/profiles} are appended; {@code tls};
 * {@code headers}; {@code compression} default gzip; {@code timeout} default 30s; ...),
 * {@code traces_endpoint}, {@code metrics_endpoint}, {@code logs_endpoint} and
 * {@code profiles_endpoint} (full URLs used as they are), {@code encoding} ({@code proto} or
 * {@code json}), {@code sending_queue} and {@code retry_on_failure}.
 *
 * <p>What is sent: one POST per batch, {@code Content-Type: application/x-protobuf} or
 * {@code application/json}, compressed per {@code compression}. With {@code proto}, a batch still
 * in the form a receiver got it in is sent as its original bytes; with {@code json} it is decoded
 * and written as OTLP/JSON. Profiles have no JSON encoding here: asking for it is refused when the
 * exporter is created.
 *
 * <p>How answers count (by the exporter helper, which also retries): 2xx is success, and its body
 * is read as an {@code Export*ServiceResponse} in the encoding its {@code Content-Type} names: a
 * {@code partial_success} with rejected items drops and counts only those, logged with the
 * server's message. 429, 502, 503 and 504 are retryable, honouring {@code Retry-After}; every
 * other status is permanent ({@link dev.signalbox.sdk.http.HttpSender}).
 *
 * <p>Where we differ from the Collector: a 2xx answer whose body cannot be parsed counts as sent
 * (with a warning), where the Collector drops the batch it has just delivered.
 *
 * <p>Header values are secrets: never logged, never in messages. Shutdown drains every signal's
 * queue in parallel, then closes the client.
 */
package dev.signalbox.exporter.otlphttp;
