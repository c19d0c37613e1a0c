package dev.signalbox.sdk.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import dev.signalbox.component.Context;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** grpc-java's own client, with byte[] marshallers, against our server. */
class GrpcServerTest {
  static final String EXPORT = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  private static final MethodDescriptor<byte[], byte[]> EXPORT_METHOD = method(EXPORT);

  private final List<GrpcServer> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<Context> contexts = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    servers.forEach(s -> s.shutdown(Duration.ofSeconds(2)));
  }

  static MethodDescriptor<byte[], byte[]> method(String name) {
    return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(name).setRequestMarshaller(ByteMarshaller.INSTANCE)
        .setResponseMarshaller(ByteMarshaller.INSTANCE).build();
  }

  private GrpcServer start(GrpcServerConfig config, GrpcUnaryHandler handler) throws IOException {
    GrpcServer s = GrpcServer.builder(config).addUnary(EXPORT, handler).start();
    servers.add(s);
    return s;
  }

  private GrpcServer echo(GrpcServerConfig config) throws IOException {
    return start(config, (ctx, req) -> {
      contexts.add(ctx);
      return req;
    });
  }

  private ManagedChannel channel(GrpcServer s) {
    ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext()
        .compressorRegistry(GrpcCompression.compressorRegistry()).build();
    channels.add(ch);
    return ch;
  }

  private static byte[] call(ManagedChannel ch, byte[] req, CallOptions options) {
    return ClientCalls.blockingUnaryCall(ch, EXPORT_METHOD, options.withDeadlineAfter(10, TimeUnit.SECONDS), req);
  }

  private static GrpcServerConfig local() {
    return GrpcServerConfig.defaults("127.0.0.1:0");
  }

  @Test
  void servesAUnaryCallOnAVirtualThreadOnAnEphemeralPort() throws Exception {
    AtomicReference<Thread> thread = new AtomicReference<>();
    GrpcServer s = start(local(), (ctx, req) -> {
      thread.set(Thread.currentThread());
      contexts.add(ctx);
      return ("echo:" + new String(req)).getBytes();
    });
    assertThat(s.port()).isPositive();
    assertThat(new String(call(channel(s), "hi".getBytes(), CallOptions.DEFAULT))).isEqualTo("echo:hi");
    assertThat(thread.get().isVirtual()).isTrue();
    assertThat(contexts.get(0).transport()).isEqualTo("grpc");
    assertThat(contexts.get(0).metadata()).isEmpty();
  }

  @Test
  void includeMetadataPutsCallMetadataIntoTheContext() throws Exception {
    GrpcServer s = echo(local().withIncludeMetadata(true));
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER), "acme");
    ManagedChannel ch = channel(s);
    ClientCalls.blockingUnaryCall(ch.newCall(EXPORT_METHOD, CallOptions.DEFAULT), new byte[0]);
    var withHeaders = io.grpc.ClientInterceptors.intercept(ch, MetadataUtils.newAttachHeadersInterceptor(md));
    ClientCalls.blockingUnaryCall(withHeaders, EXPORT_METHOD, CallOptions.DEFAULT, new byte[0]);
    Context ctx = contexts.get(1);
    assertThat(ctx.metadata("x-tenant-id")).containsExactly("acme");
    assertThat(ctx.metadata("host")).containsExactly("127.0.0.1:" + s.port());
  }

  @Test
  void permanentFailuresAreInvalidArgumentWithTheMessage() throws Exception {
    GrpcServer s = start(local(), (ctx, req) -> {
      throw new PermanentException("cannot decode ExportTraceServiceRequest: truncated field 1");
    });
    var e = catchThrowableOfType(StatusRuntimeException.class, () -> call(channel(s), new byte[1], CallOptions.DEFAULT));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).isEqualTo("cannot decode ExportTraceServiceRequest: truncated field 1");
    assertThat(e.getTrailers().containsKey(GrpcErrors.STATUS_DETAILS_KEY)).isFalse(); // no details
  }

  @Test
  void retryableFailuresCarryRetryInfo() throws Exception {
    GrpcServer s = start(local(), (ctx, req) -> {
      if (req.length == 0) {
        throw new RetryableException("backend unavailable", null, Duration.ofMillis(1500), false);
      }
      throw new RetryableException("memory limit reached", null, null, true);
    });
    ManagedChannel ch = channel(s);

    var unavailable = catchThrowableOfType(StatusRuntimeException.class, () -> call(ch, new byte[0], CallOptions.DEFAULT));
    assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    com.google.rpc.Status details = StatusProto.fromThrowable(unavailable);
    assertThat(details.getCode()).isEqualTo(Status.Code.UNAVAILABLE.value());
    assertThat(details.getMessage()).isEqualTo("backend unavailable");
    RetryInfo info = details.getDetails(0).unpack(RetryInfo.class);
    assertThat(info.getRetryDelay().getSeconds()).isEqualTo(1);
    assertThat(info.getRetryDelay().getNanos()).isEqualTo(500_000_000);

    var exhausted = catchThrowableOfType(StatusRuntimeException.class, () -> call(ch, new byte[1], CallOptions.DEFAULT));
    assertThat(exhausted.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(StatusProto.fromThrowable(exhausted).getDetails(0).unpack(RetryInfo.class).hasRetryDelay()).isTrue();
  }

  @Test
  void exactStatusesAndHiddenInternalErrors() throws Exception {
    GrpcServer s = start(local(), (ctx, req) -> {
      if (req.length == 0) {
        throw new GrpcStatusException(Status.Code.PERMISSION_DENIED, "tenant acme may not write");
      }
      throw new IllegalStateException("secret internal detail");
    });
    ManagedChannel ch = channel(s);
    var denied = catchThrowableOfType(StatusRuntimeException.class, () -> call(ch, new byte[0], CallOptions.DEFAULT));
    assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(denied.getStatus().getDescription()).isEqualTo("tenant acme may not write");

    var internal = catchThrowableOfType(StatusRuntimeException.class, () -> call(ch, new byte[1], CallOptions.DEFAULT));
    assertThat(internal.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(internal.getStatus().getDescription()).isEqualTo("internal error");
  }

  @Test
  void acceptsGzipZstdAndSnappyCompressedRequests() throws Exception {
    GrpcServer s = echo(local());
    byte[] payload = "span ".repeat(10_000).getBytes();
    // grpc-java's own registry: its stock gzip codec compresses
    ManagedChannel stock = NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
    channels.add(stock);
    assertThat(call(stock, payload, CallOptions.DEFAULT.withCompression("gzip"))).isEqualTo(payload);
    ManagedChannel ours = channel(s);
    for (String c : List.of("gzip", "zstd", "snappy")) {
      assertThat(call(ours, payload, CallOptions.DEFAULT.withCompression(c))).as(c).isEqualTo(payload);
    }
  }

  @Test
  void rejectsMessagesOverMaxRecvMsgSize() throws Exception {
    GrpcServer s = echo(local().withMaxRecvMsgSizeMib(1));
    ManagedChannel ch = channel(s);
    var tooBig = catchThrowableOfType(StatusRuntimeException.class,
        () -> call(ch, new byte[(1 << 20) + 1], CallOptions.DEFAULT));
    assertThat(tooBig.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    // a compressed message that inflates past the limit is refused as well
    var bomb = catchThrowableOfType(StatusRuntimeException.class,
        () -> call(ch, new byte[4 << 20], CallOptions.DEFAULT.withCompression("gzip")));
    assertThat(bomb.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(bomb.getStatus().getDescription()).isEqualTo("Decompressed gRPC message exceeds maximum size 1048576");
    assertThat(contexts).isEmpty();
    assertThat(call(ch, new byte[1 << 20], CallOptions.DEFAULT)).hasSize(1 << 20);
  }

  @Test
  void requestsRefusedForMemoryBeforeTheHandlerAreReportedToTheRejectionListener() throws Exception {
    List<String> rejected = new CopyOnWriteArrayList<>();
    GrpcServer s = GrpcServer.builder(local()).addUnary(EXPORT, (ctx, req) -> req)
        .rejections((method, reason) -> rejected.add(method + " " + reason)).start();
    servers.add(s);
    dev.signalbox.sdk.admission.MemoryPressure.set(true, Duration.ofSeconds(1));
    try {
      var e = catchThrowableOfType(StatusRuntimeException.class, () -> call(channel(s), new byte[10], CallOptions.DEFAULT));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    } finally {
      dev.signalbox.sdk.admission.MemoryPressure.set(false, Duration.ofSeconds(1));
    }
    assertThat(rejected).containsExactly(EXPORT + " memory_limit");
    assertThat(call(channel(s), new byte[10], CallOptions.DEFAULT)).hasSize(10);
    assertThat(rejected).hasSize(1);
  }

  @Test
  void unknownMethodsAreUnimplemented() throws Exception {
    GrpcServer s = echo(local());
    var e = catchThrowableOfType(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(channel(s),
        method("opentelemetry.proto.collector.logs.v1.LogsService/Export"), CallOptions.DEFAULT, new byte[0]));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @Test
  void reportsBadConfigAndBusyPorts() throws Exception {
    GrpcServer s = echo(local());
    assertThatThrownBy(() -> echo(GrpcServerConfig.defaults("127.0.0.1:" + s.port())))
        .isInstanceOf(IOException.class).hasMessageStartingWith("listen tcp 127.0.0.1:" + s.port());
    var bad = new GrpcServerConfig("[::1", "unix", null, -1, 0, null, null, null, false);
    assertThatThrownBy(() -> GrpcServer.builder(bad).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint: invalid address \"[::1\": missing ']' in IPv6 address")
        .hasMessageContaining("transport: unsupported transport \"unix\"; only tcp is supported")
        .hasMessageContaining("max_recv_msg_size_mib: invalid max_recv_msg_size_mib value");
    assertThatThrownBy(() -> GrpcServer.builder(local()).addUnary("NoService", (c, r) -> r))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shutdownIsIdempotent() throws Exception {
    GrpcServer s = echo(local());
    s.shutdown(Duration.ofSeconds(1));
    s.shutdown(Duration.ofSeconds(1));
    ManagedChannel ch = channel(s);
    var e = catchThrowableOfType(StatusRuntimeException.class, () -> call(ch, new byte[0], CallOptions.DEFAULT));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }
}
