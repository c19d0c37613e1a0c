package dev.signalbox.sdk.grpc;

import dev.signalbox.component.Context;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.net.Endpoint;
import dev.signalbox.sdk.net.EventLoops;
import dev.signalbox.sdk.tls.TlsContexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server on grpc-java's Netty transport and the shared {@link EventLoops}, serving unary
 * methods registered by full name with raw {@code byte[]} messages. Handlers run on virtual
 * threads (grpc-java's executor is a virtual-thread-per-task executor, so message parsing and
 * decompression happen there too, never on an event loop).
 *
 * <pre>{@code
 * GrpcServer server = GrpcServer.builder(config)
 *     .addUnary("opentelemetry.proto.collector.trace.v1.TraceService/Export", (ctx, req) -> handle(ctx, req))
 *     .start();
 * }</pre>
 *
 * <p>Messages larger than {@code max_recv_msg_size_mib} (after decompression) fail with
 * RESOURCE_EXHAUSTED; unknown methods with UNIMPLEMENTED. Accepted encodings: identity, gzip, zstd,
 * snappy. Thread-safe; {@link #shutdown} is idempotent.
 */
public final class GrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);
  private static final Context GRPC_CONTEXT = Context.of(Map.of(), "grpc");

  private final Server server;
  private final EventLoops.Lease lease;
  private final ExecutorService executor;
  private final InetSocketAddress localAddress;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private GrpcServer(Server server, EventLoops.Lease lease, ExecutorService executor) {
    this.server = server;
    this.lease = lease;
    this.executor = executor;
    this.localAddress = (InetSocketAddress) server.getListenSockets().get(0);
  }

  public static Builder builder(GrpcServerConfig config) {
    return new Builder(config);
  }

  /** Collects methods, then {@link #start()}s the server. Not thread-safe. */
  public static final class Builder {
    private final GrpcServerConfig config;
    private final Map<String, GrpcUnaryHandler> methods = new LinkedHashMap<>();

    private Builder(GrpcServerConfig config) {
      this.config = config;
    }

    /**
     * Serves a unary method.
     *
     * @param fullMethodName {@code package.Service/Method}, e.g.
     *     {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}
     */
    public Builder addUnary(String fullMethodName, GrpcUnaryHandler handler) {
      if (MethodDescriptor.extractFullServiceName(fullMethodName) == null) {
        throw new IllegalArgumentException("not a full method name (package.Service/Method): " + fullMethodName);
      }
      if (methods.putIfAbsent(fullMethodName, handler) != null) {
        throw new IllegalArgumentException("method registered twice: " + fullMethodName);
      }
      return this;
    }

    /**
     * Validates the config (throwing {@link IllegalArgumentException} with every problem and its
     * key), loads TLS material, binds and starts serving.
     *
     * @throws IOException when the address cannot be bound or TLS material cannot be loaded
     */
    public GrpcServer start() throws IOException {
      Problems problems = new Problems();
      config.validate(problems);
      config.keepalive().serverParameters().validate(problems.at("keepalive.server_parameters"));
      config.keepalive().enforcementPolicy().validate(problems.at("keepalive.enforcement_policy"));
      if (config.tls() != null) {
        config.tls().validate(problems.at("tls"));
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid gRPC server config: " + problems.all().stream()
            .map(Problems.Problem::toString).collect(Collectors.joining("; ")));
      }
      Endpoint endpoint = Endpoint.parse(config.endpoint());
      var sslContext = config.tls() == null ? null : TlsContexts.nettyServer(config.tls(), TlsContexts.Protocol.GRPC);
      EventLoops.Lease lease = EventLoops.acquire();
      ExecutorService executor =
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-handler-", 0).factory());
      try {
        NettyServerBuilder b = NettyServerBuilder.forAddress(endpoint.toSocketAddress())
            .bossEventLoopGroup(lease.group())
            .workerEventLoopGroup(lease.group())
            .channelType(lease.serverChannelType())
            .executor(executor)
            .compressorRegistry(GrpcCompression.compressorRegistry())
            .decompressorRegistry(GrpcCompression.decompressorRegistry())
            .maxInboundMessageSize(config.effectiveMaxRecvMsgSize());
        if (sslContext != null) {
          b.sslContext(sslContext);
        }
        if (config.maxConcurrentStreams() > 0) {
          b.maxConcurrentCallsPerConnection(config.maxConcurrentStreams());
        }
        applyKeepalive(b, config.keepalive());
        groupByService().forEach(b::addService);
        Server server = b.build().start();
        GrpcServer s = new GrpcServer(server, lease, executor);
        LOG.info("gRPC server listening on {}{}", s.localAddress, sslContext == null ? "" : " (TLS)");
        return s;
      } catch (IOException e) {
        executor.shutdownNow();
        lease.close();
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new IOException("listen tcp " + endpoint + ": " + cause.getMessage(), e);
      } catch (RuntimeException e) {
        executor.shutdownNow();
        lease.close();
        throw e;
      }
    }

    private static void applyKeepalive(NettyServerBuilder b, GrpcServerConfig.Keepalive k) {
      var sp = k.serverParameters();
      if (positive(sp.maxConnectionIdle())) {
        b.maxConnectionIdle(sp.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS);
      }
      if (positive(sp.maxConnectionAge())) {
        b.maxConnectionAge(sp.maxConnectionAge().toNanos(), TimeUnit.NANOSECONDS);
      }
      if (positive(sp.maxConnectionAgeGrace())) {
        b.maxConnectionAgeGrace(sp.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS);
      }
      if (positive(sp.time())) {
        b.keepAliveTime(sp.time().toNanos(), TimeUnit.NANOSECONDS);
      }
      if (positive(sp.timeout())) {
        b.keepAliveTimeout(sp.timeout().toNanos(), TimeUnit.NANOSECONDS);
      }
      var ep = k.enforcementPolicy();
      if (positive(ep.minTime())) {
        b.permitKeepAliveTime(ep.minTime().toNanos(), TimeUnit.NANOSECONDS);
      }
      b.permitKeepAliveWithoutCalls(ep.permitWithoutStream());
    }

    private static boolean positive(Duration d) {
      return !d.isZero() && !d.isNegative();
    }

    private List<ServerServiceDefinition> groupByService() {
      Map<String, ServerServiceDefinition.Builder> services = new LinkedHashMap<>();
      methods.forEach((name, handler) -> {
        // Requests are read in the listener, not by grpc-java, so that a message found too large
        // while decompressing is answered RESOURCE_EXHAUSTED rather than UNKNOWN.
        MethodDescriptor<InputStream, byte[]> md = MethodDescriptor.<InputStream, byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(name)
            .setRequestMarshaller(StreamMarshaller.INSTANCE)
            .setResponseMarshaller(ByteMarshaller.INSTANCE)
            .build();
        services.computeIfAbsent(md.getServiceName(), ServerServiceDefinition::builder)
            .addMethod(md, new UnaryCallHandler(handler, config.includeMetadata()));
      });
      List<ServerServiceDefinition> out = new ArrayList<>();
      services.values().forEach(sb -> out.add(sb.build()));
      return out;
    }
  }

  /** The bound address (with the real port when the endpoint asked for port 0). */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  public int port() {
    return localAddress.getPort();
  }

  /**
   * Stops accepting calls, lets calls in progress finish until {@code timeout}, then cancels the
   * rest. Idempotent.
   */
  public void shutdown(Duration timeout) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        server.shutdownNow();
        server.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    lease.close();
    LOG.info("gRPC server on {} stopped", localAddress);
  }

  /** {@link #shutdown} with 5 seconds. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }

  /** One unary call: collect the single request, run the handler at half-close, answer or fail. */
  private static final class UnaryCallHandler implements ServerCallHandler<InputStream, byte[]> {
    private final GrpcUnaryHandler handler;
    private final boolean includeMetadata;

    UnaryCallHandler(GrpcUnaryHandler handler, boolean includeMetadata) {
      this.handler = handler;
      this.includeMetadata = includeMetadata;
    }

    @Override
    public ServerCall.Listener<InputStream> startCall(ServerCall<InputStream, byte[]> call, Metadata headers) {
      // Ask for two messages so a client sending more than one is caught.
      call.request(2);
      return new ServerCall.Listener<>() {
        private byte[] request;
        private boolean done;

        @Override
        public void onMessage(InputStream message) {
          if (done) {
            return;
          }
          if (request != null) {
            done = true;
            call.close(Status.INTERNAL.withDescription("too many requests for a unary call"), new Metadata());
            return;
          }
          try {
            // Reads (and decompresses) here, on the call's virtual thread; grpc-java's size check
            // throws RESOURCE_EXHAUSTED past max_recv_msg_size_mib.
            request = ByteMarshaller.INSTANCE.parse(message);
          } catch (StatusRuntimeException e) {
            done = true;
            call.close(e.getStatus(), new Metadata());
          } catch (RuntimeException e) {
            done = true;
            call.close(Status.INTERNAL.withDescription("failed to read the request message: "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())), new Metadata());
          }
        }

        @Override
        public void onHalfClose() {
          if (done) {
            return;
          }
          done = true;
          if (request == null) {
            call.close(Status.INTERNAL.withDescription("half-closed without a request"), new Metadata());
            return;
          }
          byte[] req = request;
          request = null;
          Context ctx = includeMetadata ? Context.of(metadataOf(headers, call.getAuthority()), "grpc") : GRPC_CONTEXT;
          if (!dev.signalbox.sdk.admission.MemoryPressure.tryAdmit(req.length)) {
            GrpcErrors.StatusAndTrailers st = GrpcErrors.toStatus(
                dev.signalbox.sdk.admission.MemoryPressure.budgetRefusal(req.length));
            call.close(st.status(), st.trailers());
            return;
          }
          byte[] response;
          try {
            response = handler.handle(ctx, req);
            if (response == null) {
              throw new IllegalStateException("handler of " + call.getMethodDescriptor().getFullMethodName()
                  + " returned null");
            }
          } catch (Throwable t) {
            if (t instanceof InterruptedException) {
              Thread.currentThread().interrupt();
            }
            GrpcErrors.StatusAndTrailers st = GrpcErrors.toStatus(t);
            call.close(st.status(), st.trailers());
            return;
          } finally {
            dev.signalbox.sdk.admission.MemoryPressure.release(req.length);
          }
          if (io.grpc.Context.current().isCancelled()) {
            return; // the client gave up (deadline, cancel, disconnect) while we were handling
          }
          call.sendHeaders(new Metadata());
          call.sendMessage(response);
          call.close(Status.OK, new Metadata());
        }

        @Override
        public void onCancel() {
          done = true;
        }
      };
    }
  }

  /** Hands the request stream to the listener unread. */
  private enum StreamMarshaller implements MethodDescriptor.Marshaller<InputStream> {
    INSTANCE;

    @Override
    public InputStream stream(InputStream value) {
      return value;
    }

    @Override
    public InputStream parse(InputStream stream) {
      return stream;
    }
  }

  /** ASCII metadata as a map (binary {@code -bin} keys are left out), with {@code :authority} as {@code host}. */
  static Map<String, List<String>> metadataOf(Metadata headers, String authority) {
    Map<String, List<String>> m = new TreeMap<>();
    for (String key : headers.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        continue;
      }
      Iterable<String> values = headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
      if (values != null) {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        m.put(key, list);
      }
    }
    if (authority != null && !m.containsKey("host")) {
      m.put("host", List.of(authority));
    }
    return m;
  }
}
