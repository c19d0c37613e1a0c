package dev.signalbox.sdk.grpc;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.net.EventLoops;
import dev.signalbox.sdk.tls.TlsContexts;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A gRPC channel built from a {@link GrpcClientConfig} on the shared {@link EventLoops}, with
 * unary calls on raw {@code byte[]} messages. Failures come back as
 * {@link dev.signalbox.component.RetryableException} (with the server's RetryInfo delay) or
 * {@link dev.signalbox.component.PermanentException}, as {@link GrpcErrors#toConsumeException}
 * says. Configured headers go with every call; their values never appear in messages or logs.
 *
 * <p>Thread-safe: one client serves any number of concurrent calls over its channel.
 */
public final class GrpcClient implements AutoCloseable {
  private final GrpcClientConfig config;
  private final GrpcClientConfig.Target target;
  private final ManagedChannel channel;
  private final EventLoops.Lease lease;
  private final ExecutorService executor;
  private final String compression;
  private final Map<String, MethodDescriptor<byte[], byte[]>> methods = new ConcurrentHashMap<>();
  private final Map<String, MethodDescriptor<List<ByteBuffer>, byte[]>> bufferMethods = new ConcurrentHashMap<>();
  private final AtomicBoolean stopped = new AtomicBoolean();

  private GrpcClient(GrpcClientConfig config, ManagedChannel channel, EventLoops.Lease lease,
      ExecutorService executor) {
    this.config = config;
    this.target = config.target();
    this.channel = channel;
    this.lease = lease;
    this.executor = executor;
    this.compression = config.effectiveCompression();
  }

  /**
   * Validates the config (throwing {@link IllegalArgumentException} with every problem and its
   * key), loads TLS material and creates the channel. The channel connects in the background.
   *
   * @throws IOException when TLS material cannot be loaded
   */
  public static GrpcClient create(GrpcClientConfig config) throws IOException {
    Problems problems = new Problems();
    config.validate(problems);
    config.tls().validate(problems.at("tls"));
    if (config.keepalive() != null) {
      config.keepalive().validate(problems.at("keepalive"));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid gRPC client config: " + problems.all().stream()
          .map(Problems.Problem::toString).collect(Collectors.joining("; ")));
    }
    GrpcClientConfig.Target target = config.target();
    var ssl = target.plaintext() ? null : TlsContexts.nettyClient(config.tls(), true);
    EventLoops.Lease lease = EventLoops.acquire();
    ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-client-", 0).factory());
    try {
      NettyChannelBuilder b = NettyChannelBuilder.forTarget(target.uri())
          .eventLoopGroup(lease.group())
          .channelType(lease.socketChannelType())
          .executor(executor)
          .compressorRegistry(GrpcCompression.compressorRegistry())
          .decompressorRegistry(GrpcCompression.decompressorRegistry());
      if (ssl == null) {
        b.usePlaintext();
      } else {
        b.sslContext(ssl);
      }
      if (!config.authority().isEmpty()) {
        b.overrideAuthority(config.authority());
      }
      if (!config.balancerName().isEmpty()) {
        b.defaultLoadBalancingPolicy(config.balancerName());
      }
      if (!config.userAgent().isEmpty()) {
        b.userAgent(config.userAgent());
      }
      GrpcClientConfig.Keepalive k = config.keepalive();
      if (k != null && !k.time().isZero()) {
        b.keepAliveTime(k.time().toNanos(), TimeUnit.NANOSECONDS);
        if (!k.timeout().isZero()) {
          b.keepAliveTimeout(k.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        b.keepAliveWithoutCalls(k.permitWithoutStream());
      }
      if (!config.headers().isEmpty()) {
        b.intercept(new HeadersInterceptor(config.headers()));
      }
      ManagedChannel channel = b.build();
      return new GrpcClient(config, channel, lease, executor);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      lease.close();
      throw e;
    }
  }

  /** The channel, for callers that need grpc-java directly (streaming, their own stubs). */
  public ManagedChannel channel() {
    return channel;
  }

  /** The target as configured, e.g. {@code otel.example.com:4317}, for messages. */
  public String target() {
    return target.hostPort();
  }

  /**
   * Calls a unary method and waits for the answer.
   *
   * @param fullMethodName {@code package.Service/Method}
   * @param timeout the call's deadline
   * @return the response message bytes
   * @throws ConsumeException retryable or permanent, per the status (interruption cancels the call
   *     and is retryable, with the interrupt flag kept)
   */
  public byte[] call(String fullMethodName, byte[] request, Duration timeout) throws ConsumeException {
    return await(fullMethodName, callAsync(fullMethodName, request, timeout));
  }

  /**
   * Like {@link #call(String, byte[], Duration)} for a request message given as buffers whose
   * concatenation is the message, e.g. the received chunks of a merged batch: they are written to
   * the transport one after the other, never assembled into one array. The buffers are only read
   * (their positions do not move) and must not change until the call completes.
   */
  public byte[] call(String fullMethodName, List<ByteBuffer> request, Duration timeout) throws ConsumeException {
    return await(fullMethodName, callAsync(fullMethodName, request, timeout));
  }

  private byte[] await(String fullMethodName, CompletableFuture<byte[]> f) throws ConsumeException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new RetryableException("gRPC " + fullMethodName + " to " + target() + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConsumeException c) {
        throw c;
      }
      throw new RetryableException("gRPC " + fullMethodName + " to " + target() + " failed: " + e.getCause(),
          e.getCause());
    }
  }

  /**
   * Starts a unary call. The future completes with the response bytes, or exceptionally with a
   * {@link ConsumeException}; cancelling it cancels the call. Completion happens on a virtual
   * thread of this client.
   */
  public CompletableFuture<byte[]> callAsync(String fullMethodName, byte[] request, Duration timeout) {
    return callAsync(methods.computeIfAbsent(fullMethodName, n -> unary(n, ByteMarshaller.INSTANCE)), request,
        timeout);
  }

  /** {@link #callAsync(String, byte[], Duration)} for a message given as buffers; see {@link #call(String, List, Duration)}. */
  public CompletableFuture<byte[]> callAsync(String fullMethodName, List<ByteBuffer> request, Duration timeout) {
    return callAsync(bufferMethods.computeIfAbsent(fullMethodName, n -> unary(n, BuffersMarshaller.INSTANCE)),
        request, timeout);
  }

  private <Q> CompletableFuture<byte[]> callAsync(MethodDescriptor<Q, byte[]> md, Q request, Duration timeout) {
    String fullMethodName = md.getFullMethodName();
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (compression != null) {
      options = options.withCompression(compression);
    }
    if (config.waitForReady()) {
      options = options.withWaitForReady();
    }
    ClientCall<Q, byte[]> call = channel.newCall(md, options);
    String what = fullMethodName + " to " + target();
    CompletableFuture<byte[]> result = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        call.cancel("cancelled by the caller", null);
        return super.cancel(mayInterruptIfRunning);
      }
    };
    call.start(new ClientCall.Listener<>() {
      private byte[] response;

      @Override
      public void onMessage(byte[] message) {
        response = message;
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        if (status.isOk()) {
          if (response == null) {
            result.completeExceptionally(GrpcErrors.toConsumeException(
                Status.INTERNAL.withDescription("no response message"), trailers, what));
          } else {
            result.complete(response);
          }
        } else {
          result.completeExceptionally(GrpcErrors.toConsumeException(status, trailers, what));
        }
      }
    }, new Metadata());
    try {
      call.sendMessage(request);
      call.halfClose();
      call.request(2);
    } catch (RuntimeException e) {
      call.cancel("failed to send", e);
      if (!result.isDone()) {
        result.completeExceptionally(GrpcErrors.toConsumeException(Status.fromThrowable(e), null, what));
      }
    }
    return result;
  }

  /** Closes the channel, waiting up to {@code timeout} for calls in progress. Idempotent. */
  public void shutdown(Duration timeout) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    channel.shutdown();
    try {
      if (!channel.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        channel.shutdownNow();
        channel.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    lease.close();
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }

  private static <Q> MethodDescriptor<Q, byte[]> unary(String fullMethodName, MethodDescriptor.Marshaller<Q> requests) {
    if (MethodDescriptor.extractFullServiceName(fullMethodName) == null) {
      throw new IllegalArgumentException("not a full method name (package.Service/Method): " + fullMethodName);
    }
    return MethodDescriptor.<Q, byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(requests)
        .setResponseMarshaller(ByteMarshaller.INSTANCE)
        .build();
  }

  /** Adds the configured headers to every call, unless the call already has that key. */
  private static final class HeadersInterceptor implements ClientInterceptor {
    private final Metadata extra = new Metadata();

    HeadersInterceptor(Map<String, Secret> headers) {
      headers.forEach((k, v) -> {
        String key = k.toLowerCase(java.util.Locale.ROOT);
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          extra.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER), v.reveal().getBytes(StandardCharsets.UTF_8));
        } else {
          extra.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), v.reveal());
        }
      });
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
        CallOptions callOptions, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
        @Override
        public void start(Listener<RespT> responseListener, Metadata headers) {
          Metadata add = new Metadata();
          add.merge(extra);
          for (String key : headers.keys()) {
            if (add.keys().contains(key)) {
              if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                add.removeAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER));
              } else {
                add.removeAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
              }
            }
          }
          headers.merge(add);
          super.start(responseListener, headers);
        }
      };
    }
  }
}
