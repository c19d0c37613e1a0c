package dev.signalbox.sdk.http;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.net.Endpoint;
import dev.signalbox.sdk.tls.TlsServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server's config, the Collector's {@code confighttp.ServerConfig} keys and defaults
 * ({@code auth} and {@code middlewares} are not supported yet).
 *
 * <pre>{@code
 * endpoint: localhost:4318
 * tls: {cert_file: server.pem, key_file: server.key}
 * cors: {allowed_origins: ["https://*.example.com"]}
 * max_request_body_size: 20MiB
 * include_metadata: true
 * response_headers: {X-Served-By: signalbox}
 * compression_algorithms: ["", gzip, zstd, zlib, snappy, deflate, x-snappy-framed]
 * }</pre>
 *
 * @param endpoint {@code endpoint}: {@code host:port} to listen on; {@code :4318} for all
 *     interfaces, port 0 for a free port
 * @param tls {@code tls}: serve HTTPS with this block (absent: plain HTTP)
 * @param cors {@code cors}: cross-origin settings (absent: no CORS headers)
 * @param maxRequestBodySize {@code max_request_body_size}: largest request body, compressed and
 *     decompressed alike (default 20 MiB; 0 means the default, as in the Collector); larger bodies
 *     get 413
 * @param includeMetadata {@code include_metadata}: pass request headers to the pipeline in the
 *     {@link dev.signalbox.component.Context} (default false)
 * @param responseHeaders {@code response_headers}: headers added to every response
 * @param compressionAlgorithms {@code compression_algorithms}: accepted {@code Content-Encoding}s
 *     ({@code ""} is uncompressed); default every supported one: {@code "", gzip, zstd, zlib,
 *     snappy, deflate, x-snappy-framed} (the Collector also lists {@code lz4}, not supported here)
 * @param readTimeout {@code read_timeout}: longest time to read a whole request, headers and body
 *     (default 0: none)
 * @param readHeaderTimeout {@code read_header_timeout}: longest time to read a request's headers
 *     (default 1m; 0: {@code read_timeout})
 * @param writeTimeout {@code write_timeout}: longest time from the end of a request's headers to
 *     the end of writing its response, handler included (default 30s; 0: none)
 * @param idleTimeout {@code idle_timeout}: longest wait for the next request on a kept-alive
 *     connection (default 1m; 0: {@code read_timeout})
 * @param keepAlivesEnabled {@code keep_alives_enabled}: keep connections open between requests
 *     (default true)
 */
public record HttpServerConfig(
    String endpoint,
    @Presence TlsServerConfig tls,
    @Presence CorsConfig cors,
    ByteSize maxRequestBodySize,
    boolean includeMetadata,
    Map<String, Secret> responseHeaders,
    List<String> compressionAlgorithms,
    Duration readTimeout,
    Duration readHeaderTimeout,
    Duration writeTimeout,
    Duration idleTimeout,
    boolean keepAlivesEnabled) implements ConfigBlock {

  /** The Collector's {@code defaultMaxRequestBodySize}. */
  public static final ByteSize DEFAULT_MAX_REQUEST_BODY_SIZE = ByteSize.ofMiB(20);

  /** Normalises nulls (lists, maps, durations, sizes); {@code tls} and {@code cors} stay null when absent. */
  public HttpServerConfig {
    endpoint = endpoint == null ? "" : endpoint;
    maxRequestBodySize = maxRequestBodySize == null ? ByteSize.ofBytes(0) : maxRequestBodySize;
    responseHeaders = responseHeaders == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new LinkedHashMap<>(responseHeaders));
    compressionAlgorithms = compressionAlgorithms == null ? Compression.names() : List.copyOf(compressionAlgorithms);
    readTimeout = zeroIfNull(readTimeout);
    readHeaderTimeout = zeroIfNull(readHeaderTimeout);
    writeTimeout = zeroIfNull(writeTimeout);
    idleTimeout = zeroIfNull(idleTimeout);
  }

  /**
   * The Collector's {@code NewDefaultServerConfig()}: no endpoint (a receiver sets its own), no TLS,
   * no CORS, 20 MiB bodies, every supported encoding, read header 1m, write 30s, idle 1m,
   * keep-alives on.
   */
  public static HttpServerConfig defaults() {
    return new HttpServerConfig("", null, null, DEFAULT_MAX_REQUEST_BODY_SIZE, false, Map.of(), Compression.names(),
        Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1), true);
  }

  /** {@link #defaults()} listening on {@code endpoint}. */
  public static HttpServerConfig defaults(String endpoint) {
    return defaults().withEndpoint(endpoint);
  }

  public HttpServerConfig withEndpoint(String endpoint) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  public HttpServerConfig withTls(TlsServerConfig tls) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  public HttpServerConfig withCors(CorsConfig cors) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  public HttpServerConfig withMaxRequestBodySize(ByteSize maxRequestBodySize) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  public HttpServerConfig withIncludeMetadata(boolean includeMetadata) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  public HttpServerConfig withResponseHeaders(Map<String, Secret> responseHeaders) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  public HttpServerConfig withCompressionAlgorithms(List<String> compressionAlgorithms) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, keepAlivesEnabled);
  }

  /** Sets all four timeouts (Go semantics; zero disables or falls back as documented). */
  public HttpServerConfig withTimeouts(Duration read, Duration readHeader, Duration write, Duration idle) {
    return new HttpServerConfig(endpoint, tls, cors, maxRequestBodySize, includeMetadata, responseHeaders,
        compressionAlgorithms, read, readHeader, write, idle, keepAlivesEnabled);
  }

  /** The body limit in effect: {@code max_request_body_size}, or 20 MiB when 0. */
  public long effectiveMaxRequestBodySize() {
    return maxRequestBodySize.bytes() > 0 ? maxRequestBodySize.bytes() : DEFAULT_MAX_REQUEST_BODY_SIZE.bytes();
  }

  /** The encodings in effect, in configured order; unknown names are left out (validate reports them). */
  public List<Compression> acceptedCompressions() {
    List<Compression> out = new ArrayList<>();
    for (String name : compressionAlgorithms) {
      Compression c = Compression.fromName(name);
      if (c != null && !out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public List<String> listenAddresses() {
    return endpoint.isEmpty() ? List.of() : List.of(endpoint);
  }

  @Override
  public void validate(Problems problems) {
    if (endpoint.isBlank()) {
      problems.error("endpoint", "must be set, e.g. localhost:4318");
    } else {
      try {
        Endpoint.parse(endpoint);
      } catch (IllegalArgumentException e) {
        problems.error("endpoint", e.getMessage());
      }
    }
    for (int i = 0; i < compressionAlgorithms.size(); i++) {
      String name = compressionAlgorithms.get(i);
      if (Compression.fromName(name) == null) {
        problems.at("compression_algorithms").at(i).error("unsupported compression algorithm \"" + name
            + "\"; supported: " + String.join(", ", Compression.names().stream().map(n -> "\"" + n + "\"").toList()));
      }
    }
    for (String name : responseHeaders.keySet()) {
      if (!HttpTokens.isToken(name)) {
        problems.at("response_headers").error("invalid header name \"" + name + "\"");
      }
    }
    negative(problems, "read_timeout", readTimeout);
    negative(problems, "read_header_timeout", readHeaderTimeout);
    negative(problems, "write_timeout", writeTimeout);
    negative(problems, "idle_timeout", idleTimeout);
  }

  private static void negative(Problems p, String key, Duration d) {
    if (d.isNegative()) {
      p.error(key, "must not be negative");
    }
  }

  private static Duration zeroIfNull(Duration d) {
    return d == null ? Duration.ZERO : d;
  }
}
