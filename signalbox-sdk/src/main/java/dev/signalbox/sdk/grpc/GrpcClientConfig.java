package dev.signalbox.sdk.grpc;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.net.Endpoint;
import dev.signalbox.sdk.tls.TlsClientConfig;
import io.grpc.LoadBalancerRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A gRPC client's config, the Collector's {@code configgrpc.ClientConfig} keys ({@code auth} and
 * {@code middlewares} are not supported yet).
 *
 * <pre>{@code
 * endpoint: otel.example.com:4317
 * compression: gzip
 * tls: {ca_file: ca.pem}
 * headers: {authorization: "Bearer ${env:TOKEN}"}
 * keepalive: {time: 10s, timeout: 10s, permit_without_stream: false}
 * balancer_name: round_robin
 * wait_for_ready: false
 * }</pre>
 *
 * <p>Endpoint forms: {@code host:port} (TLS unless {@code tls.insecure}), {@code https://host:port}
 * (always TLS), {@code http://host:port} (always plaintext; note the Collector still uses TLS there
 * unless {@code tls.insecure} is set, which surprises everyone, so we follow the OTLP exporter
 * specification instead), and grpc target URIs such as {@code dns:///host:port} (TLS unless
 * {@code tls.insecure}). Unix sockets are not supported.
 *
 * @param endpoint {@code endpoint}: where to send
 * @param compression {@code compression}: {@code gzip}, {@code zstd}, {@code snappy}, or
 *     {@code none}/empty for none (the block's default is none; the OTLP exporter sets gzip)
 * @param tls {@code tls}: TLS settings; {@code tls.insecure: true} for plaintext
 * @param headers {@code headers}: metadata added to every call; values are secrets, never logged
 * @param keepalive {@code keepalive}: client keepalive pings (absent: none, as the Collector's OTLP
 *     exporter; written with no value: time 10s, timeout 10s)
 * @param readBufferSize {@code read_buffer_size}: accepted for compatibility; grpc-java sizes its
 *     buffers itself
 * @param writeBufferSize {@code write_buffer_size}: accepted for compatibility, as above (the OTLP
 *     exporter sets 512KiB)
 * @param waitForReady {@code wait_for_ready}: wait for the connection instead of failing fast
 *     while it is not ready (default false)
 * @param balancerName {@code balancer_name}: {@code round_robin} (default) or {@code pick_first}
 * @param authority {@code authority}: the {@code :authority} to send instead of the endpoint's
 * @param userAgent {@code user_agent}: the user agent to send (empty: grpc-java's)
 */
public record GrpcClientConfig(
    String endpoint,
    String compression,
    TlsClientConfig tls,
    Map<String, Secret> headers,
    @Presence Keepalive keepalive,
    ByteSize readBufferSize,
    ByteSize writeBufferSize,
    boolean waitForReady,
    String balancerName,
    String authority,
    String userAgent) implements ConfigBlock {

  /** The Collector's {@code DefaultBalancerName}. */
  public static final String DEFAULT_BALANCER_NAME = "round_robin";

  public GrpcClientConfig {
    endpoint = endpoint == null ? "" : endpoint;
    compression = compression == null ? "" : compression;
    tls = tls == null ? TlsClientConfig.defaults() : tls;
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    readBufferSize = readBufferSize == null ? ByteSize.ofBytes(0) : readBufferSize;
    writeBufferSize = writeBufferSize == null ? ByteSize.ofBytes(0) : writeBufferSize;
    balancerName = balancerName == null ? "" : balancerName;
    authority = authority == null ? "" : authority;
    userAgent = userAgent == null ? "" : userAgent;
  }

  /**
   * The Collector's {@code NewDefaultClientConfig()} as its OTLP exporter leaves it: TLS on with
   * system roots, no compression, no keepalive pings, {@code round_robin}.
   */
  public static GrpcClientConfig defaults() {
    return new GrpcClientConfig("", "", TlsClientConfig.defaults(), Map.of(), null, ByteSize.ofBytes(0),
        ByteSize.ofBytes(0), false, DEFAULT_BALANCER_NAME, "", "");
  }

  /** {@link #defaults()} sending to {@code endpoint}. */
  public static GrpcClientConfig defaults(String endpoint) {
    return defaults().withEndpoint(endpoint);
  }

  public GrpcClientConfig withEndpoint(String endpoint) {
    return new GrpcClientConfig(endpoint, compression, tls, headers, keepalive, readBufferSize, writeBufferSize,
        waitForReady, balancerName, authority, userAgent);
  }

  public GrpcClientConfig withCompression(String compression) {
    return new GrpcClientConfig(endpoint, compression, tls, headers, keepalive, readBufferSize, writeBufferSize,
        waitForReady, balancerName, authority, userAgent);
  }

  public GrpcClientConfig withTls(TlsClientConfig tls) {
    return new GrpcClientConfig(endpoint, compression, tls, headers, keepalive, readBufferSize, writeBufferSize,
        waitForReady, balancerName, authority, userAgent);
  }

  public GrpcClientConfig withHeaders(Map<String, Secret> headers) {
    return new GrpcClientConfig(endpoint, compression, tls, headers, keepalive, readBufferSize, writeBufferSize,
        waitForReady, balancerName, authority, userAgent);
  }

  public GrpcClientConfig withKeepalive(Keepalive keepalive) {
    return new GrpcClientConfig(endpoint, compression, tls, headers, keepalive, readBufferSize, writeBufferSize,
        waitForReady, balancerName, authority, userAgent);
  }

  public GrpcClientConfig withAuthority(String authority) {
    return new GrpcClientConfig(endpoint, compression, tls, headers, keepalive, readBufferSize, writeBufferSize,
        waitForReady, balancerName, authority, userAgent);
  }

  /** The compression to send with, or null for none. */
  public String effectiveCompression() {
    String c = compression.strip().toLowerCase(Locale.ROOT);
    return c.isEmpty() || c.equals("none") ? null : c;
  }

  /** Where grpc-java should connect and whether in plaintext, from {@code endpoint} and {@code tls}. */
  public Target target() {
    String e = endpoint.strip();
    if (e.startsWith("http://")) {
      String hostPort = e.substring("http://".length());
      return new Target("dns:///" + hostPort, hostPort, true);
    }
    if (e.startsWith("https://")) {
      String hostPort = e.substring("https://".length());
      return new Target("dns:///" + hostPort, hostPort, false);
    }
    if (e.contains("://") || e.startsWith("dns:")) {
      String hostPort = e.substring(e.indexOf(':') + 1).replaceFirst("^//[^/]*/", "");
      return new Target(e, hostPort, tls.insecure());
    }
    return new Target("dns:///" + e, e, tls.insecure());
  }

  /**
   * A resolved endpoint.
   *
   * @param uri the grpc-java target ({@code dns:///host:port})
   * @param hostPort the {@code host:port} part, for messages and validation
   * @param plaintext true for no TLS
   */
  public record Target(String uri, String hostPort, boolean plaintext) {}

  @Override
  public void validate(Problems problems) {
    String e = endpoint.strip();
    if (e.isEmpty()) {
      problems.error("endpoint", "must be set, e.g. otel.example.com:4317");
    } else if (e.startsWith("unix:")) {
      problems.error("endpoint", "unix sockets are not supported");
    } else {
      Target t = target();
      if (t.hostPort().contains("/")) {
        problems.error("endpoint", "invalid endpoint \"" + e + "\": expected host:port, with no path");
      } else {
        try {
          Endpoint.parse(t.hostPort());
        } catch (IllegalArgumentException ex) {
          problems.error("endpoint", ex.getMessage());
        }
      }
    }
    String c = effectiveCompression();
    if (c != null && !GrpcCompression.isSupported(c)) {
      problems.error("compression", "unsupported compression type \"" + compression
          + "\"; use gzip, zstd, snappy or none");
    }
    if (!balancerName.isEmpty() && LoadBalancerRegistry.getDefaultRegistry().getProvider(balancerName) == null) {
      problems.error("balancer_name", "invalid balancer_name: " + balancerName + "; use round_robin or pick_first");
    }
    for (var h : headers.entrySet()) {
      String k = h.getKey();
      if (k.isEmpty() || !k.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.')) {
        problems.at("headers").error("invalid gRPC metadata key \"" + k + "\"");
      } else if (k.startsWith("grpc-") || k.startsWith(":")) {
        problems.at("headers").error("reserved gRPC metadata key \"" + k + "\"");
      }
    }
  }

  /**
   * {@code keepalive}: client pings.
   *
   * @param time {@code time}: ping after this long without activity (default 10s; grpc-java's
   *     minimum is 10s)
   * @param timeout {@code timeout}: close the connection when a ping is not answered in this time
   *     (default 10s)
   * @param permitWithoutStream {@code permit_without_stream}: ping with no call in progress too
   */
  public record Keepalive(Duration time, Duration timeout, boolean permitWithoutStream) implements ConfigBlock {
    public Keepalive {
      time = time == null ? Duration.ZERO : time;
      timeout = timeout == null ? Duration.ZERO : timeout;
    }

    /** The Collector's {@code NewDefaultKeepaliveClientConfig()}: 10s and 10s. */
    public static Keepalive defaults() {
      return new Keepalive(Duration.ofSeconds(10), Duration.ofSeconds(10), false);
    }

    @Override
    public void validate(Problems problems) {
      GrpcServerConfig.nonNegative(problems, "time", time);
      GrpcServerConfig.nonNegative(problems, "timeout", timeout);
    }
  }
}
