/**
 * HTTP for receivers and exporters.
 *
 * <p>Server: {@link dev.signalbox.sdk.http.HttpServer}, a small Netty HTTP/1.1 server on the shared
 * event loops, configured by {@link dev.signalbox.sdk.http.HttpServerConfig} (the Collector's
 * {@code confighttp.ServerConfig} keys). Routes map exact paths and methods to
 * {@link dev.signalbox.sdk.http.HttpHandler}s that run on virtual threads with the request body
 * fully read, size-checked and decompressed.
 *
 * <p>Client: {@link dev.signalbox.sdk.http.HttpClientConfig} (the Collector's
 * {@code confighttp.ClientConfig} keys), {@link dev.signalbox.sdk.http.HttpClients} to build a JDK
 * {@code HttpClient} from it, and {@link dev.signalbox.sdk.http.HttpSender} to send a body
 * compressed per config and map the answer to accepted / retryable / permanent as the OTLP/HTTP
 * specification says.
 */
package dev.signalbox.sdk.http;
