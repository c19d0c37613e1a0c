package dev.signalbox.sdk.http;

import dev.signalbox.config.Problems;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.net.Endpoint;
import dev.signalbox.sdk.net.EventLoops;
import dev.signalbox.sdk.tls.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on the shared {@link EventLoops}: exact-path routes, bodies read in full
 * with the size limit enforced (by {@code Content-Length} before reading, while streaming, and
 * after decompression), {@code Content-Encoding} per {@code compression_algorithms}, CORS,
 * keep-alive, timeouts with Go's meaning, and handlers on virtual threads.
 *
 * <p>One request per connection is in progress at a time: the next request (pipelined or not) is
 * not read until the current response is written, so responses keep their order and a slow
 * handler slows its client down through TCP. The event loops never block: they parse, count and
 * write; handlers, decompression and body copies run on the handler's virtual thread.
 *
 * <p>Errors the server answers itself: 400 (malformed request, unsupported
 * {@code Content-Encoding}, corrupt compressed body), 404 (no route), 405 with {@code Allow}
 * (method not accepted), 408 (body not read within {@code read_timeout}), 413 (body too large),
 * 414/431 (request line or headers too long), 500 (handler failed; details only in the log).
 *
 * <p>Thread-safe. {@link #shutdown} is idempotent.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  static final int MAX_INITIAL_LINE = 8192;
  static final int MAX_HEADER_SIZE = 64 * 1024;

  final HttpServerConfig config;
  final Map<String, HttpRoute> routes;
  final RejectionListener rejections;
  final Cors cors;
  final long maxBodySize;
  final Set<Compression> accepted;
  final Map<String, String> responseHeaders;
  final String supportedEncodings;
  final ExecutorService handlers;
  final ChannelGroup connections;
  volatile boolean draining;

  private final EventLoops.Lease lease;
  private final Channel serverChannel;
  private final InetSocketAddress localAddress;
  private final AtomicBoolean stopped = new AtomicBoolean();

  /**
   * Told about every request the server answers itself, before any handler runs: unknown path
   * (404), wrong method (405), unsupported encoding or malformed HTTP (400), body too large or a
   * decompression bomb (413). Lets receivers count refusals. Called on event-loop or handler threads.
   */
  @FunctionalInterface
  public interface RejectionListener {
    RejectionListener NONE = (path, status, reason) -> {};

    void rejected(String path, int status, String reason);
  }

  private HttpServer(HttpServerConfig config, List<HttpRoute> routes, SslContext ssl, Endpoint endpoint,
      RejectionListener rejections)
      throws IOException {
    this.config = config;
    var byPath = new LinkedHashMap<String, HttpRoute>();
    for (HttpRoute r : routes) {
      if (byPath.putIfAbsent(r.path(), r) != null) {
        throw new IllegalArgumentException("two routes for path " + r.path());
      }
    }
    this.routes = Collections.unmodifiableMap(byPath);
    this.rejections = rejections;
    this.cors = Cors.of(config.cors());
    this.maxBodySize = config.effectiveMaxRequestBodySize();
    List<Compression> acc = config.acceptedCompressions();
    this.accepted = acc.isEmpty() ? EnumSet.noneOf(Compression.class) : EnumSet.copyOf(acc);
    this.supportedEncodings = acc.stream().filter(c -> c != Compression.NONE).map(Compression::encoding)
        .collect(Collectors.joining(", "));
    var rh = new LinkedHashMap<String, String>();
    config.responseHeaders().forEach((k, v) -> rh.put(k, v.reveal()));
    this.responseHeaders = Collections.unmodifiableMap(rh);
    this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-handler-", 0).factory());
    this.connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
    this.lease = EventLoops.acquire();
    try {
      ServerBootstrap b = new ServerBootstrap()
          .group(lease.group())
          .channel(lease.serverChannelType())
          .option(ChannelOption.SO_REUSEADDR, true)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.AUTO_READ, false)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              initConnection(ch, ssl);
            }
          });
      var bind = b.bind(endpoint.toSocketAddress()).awaitUninterruptibly();
      if (!bind.isSuccess()) {
        Throwable cause = bind.cause();
        throw new IOException("listen tcp " + endpoint + ": " + (cause.getMessage() == null ? cause : cause.getMessage()),
            cause);
      }
      this.serverChannel = bind.channel();
      this.localAddress = (InetSocketAddress) serverChannel.localAddress();
    } catch (IOException | RuntimeException e) {
      handlers.shutdownNow();
      lease.close();
      throw e;
    }
  }

  /**
   * Validates {@code config} (throwing {@link IllegalArgumentException} listing every problem with
   * its key), loads TLS material and starts listening.
   *
   * @throws IOException when the address cannot be bound or TLS material cannot be loaded
   */
  public static HttpServer start(HttpServerConfig config, List<HttpRoute> routes) throws IOException {
    return start(config, routes, RejectionListener.NONE);
  }

  /** As {@link #start(HttpServerConfig, List)}, telling {@code rejections} about requests refused before a handler. */
  public static HttpServer start(HttpServerConfig config, List<HttpRoute> routes, RejectionListener rejections)
      throws IOException {
    Problems problems = new Problems();
    config.validate(problems);
    if (config.tls() != null) {
      config.tls().validate(problems.at("tls"));
    }
    if (config.cors() != null) {
      config.cors().validate(problems.at("cors"));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid HTTP server config: " + problems.all().stream()
          .map(Problems.Problem::toString).collect(Collectors.joining("; ")));
    }
    SslContext ssl = config.tls() == null ? null : TlsContexts.nettyServer(config.tls(), TlsContexts.Protocol.HTTP_1_1);
    HttpServer server = new HttpServer(config, routes, ssl, Endpoint.parse(config.endpoint()), rejections);
    LOG.info("HTTP server listening on {}{}", server.localAddress, ssl == null ? "" : " (TLS)");
    return server;
  }

  private void initConnection(Channel ch, SslContext ssl) {
    if (draining) {
      ch.close();
      return;
    }
    connections.add(ch);
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("ssl", ssl.newHandler(ch.alloc()));
    }
    HttpConnection conn = new HttpConnection(this);
    p.addLast("activity", conn.activityDetector());
    p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_HEADER_SIZE)
        .setMaxChunkSize(64 * 1024)));
    p.addLast("flow", new FlowControlHandler());
    p.addLast("http", conn);
  }

  /** The bound address (with the real port when the endpoint asked for port 0). */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** The bound port. */
  public int port() {
    return localAddress.getPort();
  }

  /** Open client connections. */
  public int connectionCount() {
    return connections.size();
  }

  /**
   * Stops accepting, lets requests in progress finish and closes idle connections, then after
   * {@code timeout} closes whatever is left and interrupts handlers still running. Idempotent.
   */
  public void shutdown(Duration timeout) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    draining = true;
    serverChannel.close().awaitUninterruptibly(Math.max(1, timeout.toMillis()));
    for (Channel ch : connections) {
      HttpConnection conn = ch.pipeline().get(HttpConnection.class);
      if (conn != null) {
        ch.eventLoop().execute(conn::drain);
      } else {
        ch.close();
      }
    }
    long left = Math.max(0, deadline - System.nanoTime());
    connections.newCloseFuture().awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left) + 1);
    connections.close().awaitUninterruptibly(1000);
    handlers.shutdown();
    try {
      left = Math.max(0, deadline - System.nanoTime());
      if (!handlers.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        handlers.shutdownNow();
      }
    } catch (InterruptedException e) {
      handlers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    lease.close();
    LOG.info("HTTP server on {} stopped", localAddress);
  }

  /** {@link #shutdown} with 5 seconds. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }
}
