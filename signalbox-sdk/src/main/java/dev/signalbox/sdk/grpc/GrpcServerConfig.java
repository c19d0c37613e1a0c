package dev.signalbox.sdk.grpc;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.net.Endpoint;
import dev.signalbox.sdk.tls.TlsServerConfig;
import java.time.Duration;
import java.util.List;

/**
 * A gRPC server's config, the Collector's {@code configgrpc.ServerConfig} keys and defaults
 * ({@code auth} and {@code middlewares} are not supported yet).
 *
 * <pre>{@code
 * endpoint: localhost:4317
 * transport: tcp
 * tls: {cert_file: server.pem, key_file: server.key}
 * max_recv_msg_size_mib: 4
 * max_concurrent_streams: 0
 * read_buffer_size: 512KiB
 * keepalive:
 *   server_parameters: {max_connection_idle: 11s, max_connection_age: 12s, max_connection_age_grace: 13s, time: 30s, timeout: 5s}
 *   enforcement_policy: {min_time: 10s, permit_without_stream: true}
 * include_metadata: true
 * }</pre>
 *
 * @param endpoint {@code endpoint}: {@code host:port} to listen on; {@code :4317} for all
 *     interfaces, port 0 for a free port
 * @param transport {@code transport}: only {@code tcp} (the default) is supported
 * @param tls {@code tls}: serve TLS with this block (absent: plaintext)
 * @param maxRecvMsgSizeMib {@code max_recv_msg_size_mib}: largest accepted message in MiB, after
 *     decompression (default 4; 0 also means 4, grpc's own default); larger ones fail with
 *     RESOURCE_EXHAUSTED
 * @param maxConcurrentStreams {@code max_concurrent_streams}: concurrent calls per connection
 *     (default 0: unlimited)
 * @param readBufferSize {@code read_buffer_size}: accepted for compatibility; grpc-java sizes its
 *     buffers itself (default 0; the Collector's OTLP receiver sets 512KiB)
 * @param writeBufferSize {@code write_buffer_size}: accepted for compatibility, as above
 * @param keepalive {@code keepalive}: keepalive and connection-age settings
 * @param includeMetadata {@code include_metadata}: pass request metadata to the pipeline in the
 *     {@link dev.signalbox.component.Context} (default false)
 */
public record GrpcServerConfig(
    String endpoint,
    String transport,
    @Presence TlsServerConfig tls,
    int maxRecvMsgSizeMib,
    int maxConcurrentStreams,
    ByteSize readBufferSize,
    ByteSize writeBufferSize,
    Keepalive keepalive,
    boolean includeMetadata) implements ConfigBlock {

  /** grpc's default, and ours: 4 MiB. */
  public static final int DEFAULT_MAX_RECV_MSG_SIZE_MIB = 4;

  public GrpcServerConfig {
    endpoint = endpoint == null ? "" : endpoint;
    transport = transport == null || transport.isEmpty() ? "tcp" : transport;
    readBufferSize = readBufferSize == null ? ByteSize.ofBytes(0) : readBufferSize;
    writeBufferSize = writeBufferSize == null ? ByteSize.ofBytes(0) : writeBufferSize;
    keepalive = keepalive == null ? Keepalive.defaults() : keepalive;
  }

  /**
   * The Collector's {@code NewDefaultServerConfig()}: no endpoint (a receiver sets its own), tcp,
   * no TLS, 4 MiB messages, keepalive blocks present with grpc's defaults.
   */
  public static GrpcServerConfig defaults() {
    return new GrpcServerConfig("", "tcp", null, DEFAULT_MAX_RECV_MSG_SIZE_MIB, 0, ByteSize.ofBytes(0),
        ByteSize.ofBytes(0), Keepalive.defaults(), false);
  }

  /** {@link #defaults()} listening on {@code endpoint}. */
  public static GrpcServerConfig defaults(String endpoint) {
    return defaults().withEndpoint(endpoint);
  }

  public GrpcServerConfig withEndpoint(String endpoint) {
    return new GrpcServerConfig(endpoint, transport, tls, maxRecvMsgSizeMib, maxConcurrentStreams, readBufferSize,
        writeBufferSize, keepalive, includeMetadata);
  }

  public GrpcServerConfig withTls(TlsServerConfig tls) {
    return new GrpcServerConfig(endpoint, transport, tls, maxRecvMsgSizeMib, maxConcurrentStreams, readBufferSize,
        writeBufferSize, keepalive, includeMetadata);
  }

  public GrpcServerConfig withMaxRecvMsgSizeMib(int maxRecvMsgSizeMib) {
    return new GrpcServerConfig(endpoint, transport, tls, maxRecvMsgSizeMib, maxConcurrentStreams, readBufferSize,
        writeBufferSize, keepalive, includeMetadata);
  }

  public GrpcServerConfig withIncludeMetadata(boolean includeMetadata) {
    return new GrpcServerConfig(endpoint, transport, tls, maxRecvMsgSizeMib, maxConcurrentStreams, readBufferSize,
        writeBufferSize, keepalive, includeMetadata);
  }

  public GrpcServerConfig withKeepalive(Keepalive keepalive) {
    return new GrpcServerConfig(endpoint, transport, tls, maxRecvMsgSizeMib, maxConcurrentStreams, readBufferSize,
        writeBufferSize, keepalive, includeMetadata);
  }

  /** The message size limit in effect, in bytes. */
  public int effectiveMaxRecvMsgSize() {
    int mib = maxRecvMsgSizeMib > 0 ? maxRecvMsgSizeMib : DEFAULT_MAX_RECV_MSG_SIZE_MIB;
    return (int) Math.min(Integer.MAX_VALUE, (long) mib << 20);
  }

  @Override
  public List<String> listenAddresses() {
    return endpoint.isEmpty() ? List.of() : List.of(endpoint);
  }

  @Override
  public void validate(Problems problems) {
    if (endpoint.isBlank()) {
      problems.error("endpoint", "must be set, e.g. localhost:4317");
    } else {
      try {
        Endpoint.parse(endpoint);
      } catch (IllegalArgumentException e) {
        problems.error("endpoint", e.getMessage());
      }
    }
    if (!transport.equals("tcp")) {
      problems.error("transport", "unsupported transport \"" + transport + "\"; only tcp is supported");
    }
    if (maxRecvMsgSizeMib < 0 || maxRecvMsgSizeMib > 2047) {
      problems.error("max_recv_msg_size_mib", "invalid max_recv_msg_size_mib value, must be between 1 and 2047: "
          + maxRecvMsgSizeMib);
    }
    if (maxConcurrentStreams < 0) {
      problems.error("max_concurrent_streams", "must not be negative");
    }
  }

  /**
   * The {@code keepalive} block. Both sub-blocks are present by default (as in the Collector) with
   * every value 0, meaning grpc's defaults.
   *
   * @param serverParameters {@code server_parameters}
   * @param enforcementPolicy {@code enforcement_policy}
   */
  public record Keepalive(ServerParameters serverParameters, EnforcementPolicy enforcementPolicy)
      implements ConfigBlock {
    public Keepalive {
      serverParameters = serverParameters == null ? ServerParameters.defaults() : serverParameters;
      enforcementPolicy = enforcementPolicy == null ? EnforcementPolicy.defaults() : enforcementPolicy;
    }

    public static Keepalive defaults() {
      return new Keepalive(ServerParameters.defaults(), EnforcementPolicy.defaults());
    }
  }

  /**
   * {@code keepalive.server_parameters}; 0 means grpc's default for each.
   *
   * @param maxConnectionIdle {@code max_connection_idle}: close connections idle this long (default infinite)
   * @param maxConnectionAge {@code max_connection_age}: close connections this old (default infinite)
   * @param maxConnectionAgeGrace {@code max_connection_age_grace}: time given to calls in progress
   *     after max_connection_age (default infinite)
   * @param time {@code time}: ping an idle client after this long (default 2h)
   * @param timeout {@code timeout}: close when a ping is not answered within this (default 20s)
   */
  public record ServerParameters(Duration maxConnectionIdle, Duration maxConnectionAge,
      Duration maxConnectionAgeGrace, Duration time, Duration timeout) implements ConfigBlock {
    public ServerParameters {
      maxConnectionIdle = zero(maxConnectionIdle);
      maxConnectionAge = zero(maxConnectionAge);
      maxConnectionAgeGrace = zero(maxConnectionAgeGrace);
      time = zero(time);
      timeout = zero(timeout);
    }

    public static ServerParameters defaults() {
      return new ServerParameters(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    @Override
    public void validate(Problems problems) {
      nonNegative(problems, "max_connection_idle", maxConnectionIdle);
      nonNegative(problems, "max_connection_age", maxConnectionAge);
      nonNegative(problems, "max_connection_age_grace", maxConnectionAgeGrace);
      nonNegative(problems, "time", time);
      nonNegative(problems, "timeout", timeout);
    }
  }

  /**
   * {@code keepalive.enforcement_policy}.
   *
   * @param minTime {@code min_time}: clients pinging more often are disconnected (0: grpc's default, 5m)
   * @param permitWithoutStream {@code permit_without_stream}: allow pings with no call in progress
   */
  public record EnforcementPolicy(Duration minTime, boolean permitWithoutStream) implements ConfigBlock {
    public EnforcementPolicy {
      minTime = zero(minTime);
    }

    public static EnforcementPolicy defaults() {
      return new EnforcementPolicy(Duration.ZERO, false);
    }

    @Override
    public void validate(Problems problems) {
      nonNegative(problems, "min_time", minTime);
    }
  }

  static Duration zero(Duration d) {
    return d == null ? Duration.ZERO : d;
  }

  static void nonNegative(Problems p, String key, Duration d) {
    if (d.isNegative()) {
      p.error(key, "must not be negative");
    }
  }
}
