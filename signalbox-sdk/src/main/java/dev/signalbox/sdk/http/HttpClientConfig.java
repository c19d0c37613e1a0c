package dev.signalbox.sdk.http;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP client's config, the Collector's {@code confighttp.ClientConfig} keys and defaults, for
 * the JDK {@code HttpClient} ({@code auth}, {@code cookies} and {@code middlewares} are not
 * supported yet). Several keys tune Go's transport and have no per-client equivalent in the JDK
 * client; they are accepted so Collector configs load, and documented as such below.
 *
 * <pre>{@code
 * endpoint: https://otel.example.com:4318
 * tls: {ca_file: ca.pem}
 * timeout: 30s
 * headers: {authorization: "Bearer ${env:TOKEN}"}
 * compression: gzip
 * proxy_url: http://proxy.internal:3128
 * }</pre>
 *
 * @param endpoint {@code endpoint}: the URL to send to ({@code http://} or {@code https://})
 * @param proxyUrl {@code proxy_url}: an {@code http://host:port} proxy; empty for none (system
 *     proxy settings are never used)
 * @param tls {@code tls}: TLS for {@code https://} URLs ({@code insecure} is not used: the URL's
 *     scheme decides)
 * @param readBufferSize {@code read_buffer_size}: accepted; the JDK client sizes its buffers itself
 * @param writeBufferSize {@code write_buffer_size}: accepted, as above (the OTLP/HTTP exporter sets 512KiB)
 * @param timeout {@code timeout}: the whole request's timeout (default 0: none; the OTLP/HTTP
 *     exporter sets 30s)
 * @param headers {@code headers}: headers added to every request; values are secrets, never logged
 * @param compression {@code compression}: body encoding: {@code gzip}, {@code zstd},
 *     {@code zlib}, {@code deflate}, {@code snappy}, {@code x-snappy-framed}, or {@code none}/empty
 *     (the block's default; the OTLP/HTTP exporter sets gzip)
 * @param compressionParams {@code compression_params}: the compression level
 * @param maxIdleConns {@code max_idle_conns}: accepted (default 100); the JDK pool is process-wide
 * @param maxIdleConnsPerHost {@code max_idle_conns_per_host}: accepted, as above
 * @param maxConnsPerHost {@code max_conns_per_host}: accepted, as above
 * @param idleConnTimeout {@code idle_conn_timeout}: accepted (default 90s); the JDK's keep-alive
 *     timeout is the process-wide {@code jdk.httpclient.keepalive.timeout}
 * @param disableKeepAlives {@code disable_keep_alives}: accepted and ignored: the JDK client cannot
 *     turn keep-alive off per client
 * @param http2ReadIdleTimeout {@code http2_read_idle_timeout}: accepted, not used
 * @param http2PingTimeout {@code http2_ping_timeout}: accepted, not used
 * @param forceAttemptHttp2 {@code force_attempt_http2}: offer HTTP/2 on {@code https://} URLs
 *     (default true); {@code http://} always uses HTTP/1.1, as Go does
 */
public record HttpClientConfig(
    String endpoint,
    String proxyUrl,
    TlsClientConfig tls,
    ByteSize readBufferSize,
    ByteSize writeBufferSize,
    Duration timeout,
    Map<String, Secret> headers,
    String compression,
    CompressionParams compressionParams,
    int maxIdleConns,
    int maxIdleConnsPerHost,
    int maxConnsPerHost,
    Duration idleConnTimeout,
    boolean disableKeepAlives,
    Duration http2ReadIdleTimeout,
    Duration http2PingTimeout,
    boolean forceAttemptHttp2) implements ConfigBlock {

  /** Headers the JDK client refuses to let callers set. */
  static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

  public HttpClientConfig {
    endpoint = endpoint == null ? "" : endpoint;
    proxyUrl = proxyUrl == null ? "" : proxyUrl;
    tls = tls == null ? TlsClientConfig.defaults() : tls;
    readBufferSize = readBufferSize == null ? ByteSize.ofBytes(0) : readBufferSize;
    writeBufferSize = writeBufferSize == null ? ByteSize.ofBytes(0) : writeBufferSize;
    timeout = timeout == null ? Duration.ZERO : timeout;
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    compression = compression == null ? "" : compression;
    compressionParams = compressionParams == null ? CompressionParams.defaults() : compressionParams;
    idleConnTimeout = idleConnTimeout == null ? Duration.ZERO : idleConnTimeout;
    http2ReadIdleTimeout = http2ReadIdleTimeout == null ? Duration.ZERO : http2ReadIdleTimeout;
    http2PingTimeout = http2PingTimeout == null ? Duration.ZERO : http2PingTimeout;
  }

  /**
   * The Collector's {@code NewDefaultClientConfig()}: no timeout, no compression, TLS with system
   * roots, {@code max_idle_conns} 100, {@code idle_conn_timeout} 90s, HTTP/2 attempted.
   */
  public static HttpClientConfig defaults() {
    return new HttpClientConfig("", "", TlsClientConfig.defaults(), ByteSize.ofBytes(0), ByteSize.ofBytes(0),
        Duration.ZERO, Map.of(), "", CompressionParams.defaults(), 100, 0, 0, Duration.ofSeconds(90), false,
        Duration.ZERO, Duration.ZERO, true);
  }

  /** {@link #defaults()} sending to {@code endpoint}. */
  public static HttpClientConfig defaults(String endpoint) {
    return defaults().withEndpoint(endpoint);
  }

  public HttpClientConfig withEndpoint(String endpoint) {
    return new HttpClientConfig(endpoint, proxyUrl, tls, readBufferSize, writeBufferSize, timeout, headers, compression,
        compressionParams, maxIdleConns, maxIdleConnsPerHost, maxConnsPerHost, idleConnTimeout, disableKeepAlives,
        http2ReadIdleTimeout, http2PingTimeout, forceAttemptHttp2);
  }

  public HttpClientConfig withTls(TlsClientConfig tls) {
    return new HttpClientConfig(endpoint, proxyUrl, tls, readBufferSize, writeBufferSize, timeout, headers, compression,
        compressionParams, maxIdleConns, maxIdleConnsPerHost, maxConnsPerHost, idleConnTimeout, disableKeepAlives,
        http2ReadIdleTimeout, http2PingTimeout, forceAttemptHttp2);
  }

  public HttpClientConfig withTimeout(Duration timeout) {
    return new HttpClientConfig(endpoint, proxyUrl, tls, readBufferSize, writeBufferSize, timeout, headers, compression,
        compressionParams, maxIdleConns, maxIdleConnsPerHost, maxConnsPerHost, idleConnTimeout, disableKeepAlives,
        http2ReadIdleTimeout, http2PingTimeout, forceAttemptHttp2);
  }

  public HttpClientConfig withHeaders(Map<String, Secret> headers) {
    return new HttpClientConfig(endpoint, proxyUrl, tls, readBufferSize, writeBufferSize, timeout, headers, compression,
        compressionParams, maxIdleConns, maxIdleConnsPerHost, maxConnsPerHost, idleConnTimeout, disableKeepAlives,
        http2ReadIdleTimeout, http2PingTimeout, forceAttemptHttp2);
  }

  public HttpClientConfig withCompression(String compression) {
    return new HttpClientConfig(endpoint, proxyUrl, tls, readBufferSize, writeBufferSize, timeout, headers, compression,
        compressionParams, maxIdleConns, maxIdleConnsPerHost, maxConnsPerHost, idleConnTimeout, disableKeepAlives,
        http2ReadIdleTimeout, http2PingTimeout, forceAttemptHttp2);
  }

  public HttpClientConfig withProxyUrl(String proxyUrl) {
    return new HttpClientConfig(endpoint, proxyUrl, tls, readBufferSize, writeBufferSize, timeout, headers, compression,
        compressionParams, maxIdleConns, maxIdleConnsPerHost, maxConnsPerHost, idleConnTimeout, disableKeepAlives,
        http2ReadIdleTimeout, http2PingTimeout, forceAttemptHttp2);
  }

  /** The body encoding in effect ({@link Compression#NONE} when unset or unknown). */
  public Compression effectiveCompression() {
    Compression c = Compression.fromName(compression);
    return c == null ? Compression.NONE : c;
  }

  @Override
  public void validate(Problems problems) {
    if (!endpoint.isBlank()) {
      String err = httpUrlProblem(endpoint);
      if (err != null) {
        problems.error("endpoint", err);
      }
    }
    if (!proxyUrl.isBlank()) {
      try {
        URI u = new URI(proxyUrl.strip());
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
          problems.error("proxy_url", "expected http://host:port, got \"" + proxyUrl + "\"");
        } else if (u.getUserInfo() != null) {
          problems.error("proxy_url", "credentials in proxy_url are not supported");
        }
      } catch (URISyntaxException e) {
        problems.error("proxy_url", "invalid URL: " + e.getMessage());
      }
    }
    Compression c = Compression.fromName(compression);
    if (c == null) {
      problems.error("compression", "unsupported compression type \"" + compression
          + "\"; use gzip, zstd, zlib, deflate, snappy, x-snappy-framed or none");
    } else {
      int level = compressionParams.level();
      boolean ok = switch (c) {
        case GZIP, ZLIB, DEFLATE -> level >= -2 && level <= 9;
        case ZSTD -> level >= -7 && level <= 22;
        default -> level == 0;
      };
      if (!ok) {
        problems.at("compression_params").error("level", "unsupported level " + level + " for compression type \""
            + c.encoding() + "\"");
      }
    }
    if (timeout.isNegative()) {
      problems.error("timeout", "must not be negative");
    }
    if (idleConnTimeout.isNegative()) {
      problems.error("idle_conn_timeout", "must not be negative");
    }
    if (maxIdleConns < 0) {
      problems.error("max_idle_conns", "must not be negative");
    }
    for (var h : headers.entrySet()) {
      if (!HttpTokens.isToken(h.getKey())) {
        problems.at("headers").error("invalid header name \"" + h.getKey() + "\"");
      } else if (RESTRICTED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        problems.at("headers").error("header \"" + h.getKey() + "\" cannot be set");
      } else if (!HttpTokens.isValue(h.getValue().reveal())) {
        problems.at("headers").error("invalid value for header \"" + h.getKey() + "\"");
      }
    }
  }

  /** Null when {@code url} is an absolute http(s) URL with a host, else what is wrong. */
  static String httpUrlProblem(String url) {
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return "invalid URL \"" + url + "\": expected http:// or https://";
      }
      if (u.getHost() == null) {
        return "invalid URL \"" + url + "\": missing host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "invalid URL \"" + url + "\": " + e.getMessage();
    }
  }

  /**
   * {@code compression_params}.
   *
   * @param level {@code level}: gzip/zlib/deflate 1..9 (-1 zlib's default), zstd 1..22; 0 (default)
   *     is ours: level 1 for both, chosen for CPU on small machines (the Collector's default is zlib's 6)
   */
  public record CompressionParams(int level) implements ConfigBlock {
    public static CompressionParams defaults() {
      return new CompressionParams(0);
    }
  }
}
