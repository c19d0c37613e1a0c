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
 *
 * <h2>Design notes</h2>
 * <ul>
 *   <li>Auto-read is off; a connection asks Netty for one message at a time through a
 *       {@code FlowControlHandler} and reads nothing while a request is being handled. That makes
 *       pipelining safe (responses in order) and turns a blocking handler into TCP back-pressure.
 *       Netty drops read demand at {@code channelReadComplete} when no message came; the
 *       connection re-asks there (forgetting this stalls every second keep-alive request).
 *   <li>Answering before the body is read (413 on {@code Content-Length}, 404, 405, 400 for an
 *       unsupported encoding) is followed by discarding the body (keep-alive kept) or, when the
 *       body is too large, by a "lingering close": shut our output down and drain input for up to
 *       2s, so the kernel does not reset the connection under the client's feet before it reads
 *       the answer.
 *   <li>Where we differ from the Collector on purpose: bodies over the limit get 413 (the
 *       Collector's OTLP receiver answers 400); the unsupported-encoding 400 lists the supported
 *       encodings; {@code lz4} is not supported; several {@code ClientConfig} keys that tune Go's
 *       transport are accepted but have no per-client equivalent in the JDK client (see
 *       {@link dev.signalbox.sdk.http.HttpClientConfig}).
 * </ul>
 */
package dev.signalbox.sdk.http;
