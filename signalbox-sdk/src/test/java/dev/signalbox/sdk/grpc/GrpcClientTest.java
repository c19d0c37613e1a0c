package dev.signalbox.sdk.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.component.Context;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.tls.TlsClientConfig;
import io.grpc.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our client against our server. */
class GrpcClientTest {
  static final String EXPORT = GrpcServerTest.EXPORT;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<Context> contexts = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private GrpcServer server(GrpcUnaryHandler handler) throws IOException {
    GrpcServer s = GrpcServer.builder(GrpcServerConfig.defaults("127.0.0.1:0").withIncludeMetadata(true))
        .addUnary(EXPORT, handler).start();
    closeables.add(s);
    return s;
  }

  private GrpcServer echo() throws IOException {
    return server((ctx, req) -> {
      contexts.add(ctx);
      return req;
    });
  }

  private GrpcClient client(GrpcClientConfig config) throws IOException {
    GrpcClient c = GrpcClient.create(config);
    closeables.add(c);
    return c;
  }

  private static GrpcClientConfig plaintext(GrpcServer s) {
    return GrpcClientConfig.defaults("127.0.0.1:" + s.port()).withTls(TlsClientConfig.plaintext());
  }

  @Test
  void callsAUnaryMethodWithConfiguredHeaders() throws Exception {
    GrpcServer s = echo();
    GrpcClient c = client(plaintext(s).withHeaders(Map.of("X-Tenant-ID", Secret.of("acme"),
        "authorization", Secret.of("Bearer s3cret"))));
    assertThat(c.call(EXPORT, "hello".getBytes(), TIMEOUT)).isEqualTo("hello".getBytes());
    assertThat(c.callAsync(EXPORT, "async".getBytes(), TIMEOUT).get()).isEqualTo("async".getBytes());
    assertThat(contexts.get(0).metadata("x-tenant-id")).containsExactly("acme");
    assertThat(contexts.get(0).metadata("authorization")).containsExactly("Bearer s3cret");
    assertThat(c.target()).isEqualTo("127.0.0.1:" + s.port());
  }

  @Test
  void sendsCompressedWithEveryCodec() throws Exception {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    GrpcServer s = server((ctx, req) -> {
      sizes.add(req.length);
      return new byte[] {1};
    });
    byte[] payload = "resource spans ".repeat(5000).getBytes();
    for (String compression : List.of("gzip", "zstd", "snappy", "none", "")) {
      GrpcClient c = client(plaintext(s).withCompression(compression));
      assertThat(c.call(EXPORT, payload, TIMEOUT)).as(compression).containsExactly(1);
    }
    assertThat(sizes).containsOnly(payload.length).hasSize(5);
  }

  @Test
  void sendsAMessageGivenAsBuffersAsTheirConcatenationUncompressedAndCompressed() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    GrpcServer s = server((ctx, req) -> {
      received.add(req);
      return new byte[] {2};
    });
    byte[] whole = "0123456789".repeat(20_000).getBytes();
    byte[] backing = new byte[whole.length + 10];
    System.arraycopy(whole, 0, backing, 5, whole.length);
    ByteBuffer direct = ByteBuffer.allocateDirect(1000).put(whole, 150_000, 1000).flip();
    List<ByteBuffer> parts = List.of(
        ByteBuffer.wrap(backing, 5, 100_000), // a window of a larger array
        ByteBuffer.allocate(0),
        ByteBuffer.wrap(backing, 100_005, 50_000).asReadOnlyBuffer(), // no accessible array
        direct,
        ByteBuffer.wrap(whole, 151_000, whole.length - 151_000).slice());
    for (String compression : List.of("none", "gzip", "zstd")) {
      GrpcClient c = client(plaintext(s).withCompression(compression));
      assertThat(c.call(EXPORT, parts, TIMEOUT)).as(compression).containsExactly(2);
      assertThat(c.callAsync(EXPORT, parts, TIMEOUT).get()).as(compression).containsExactly(2);
    }
    assertThat(received).hasSize(6).allSatisfy(r -> assertThat(r).isEqualTo(whole));
    assertThat(parts.get(0).position()).isEqualTo(5); // only read through duplicates
    assertThat(direct.position()).isZero();
  }

  @Test
  void mapsUnavailableWithRetryInfoToRetryableWithTheDelay() throws Exception {
    GrpcServer s = server((ctx, req) -> {
      throw new RetryableException("pipeline is full", null, Duration.ofMillis(2500), false);
    });
    GrpcClient c = client(plaintext(s).withHeaders(Map.of("authorization", Secret.of("Bearer s3cret"))));
    RetryableException e = catchThrowableOfType(RetryableException.class, () -> c.call(EXPORT, new byte[1], TIMEOUT));
    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2500));
    assertThat(e.resourceExhausted()).isFalse();
    assertThat(e.getMessage()).isEqualTo("gRPC " + EXPORT + " to 127.0.0.1:" + s.port()
        + " failed: UNAVAILABLE: pipeline is full");
    assertThat(e.getMessage()).doesNotContain("s3cret");
  }

  @Test
  void resourceExhaustedIsRetryableOnlyWithRetryInfo() throws Exception {
    GrpcServer s = server((ctx, req) -> {
      if (req.length == 0) {
        throw new RetryableException("memory limit", null, null, true); // we always add RetryInfo
      }
      throw new GrpcStatusException(Status.Code.RESOURCE_EXHAUSTED, "quota exceeded"); // no RetryInfo
    });
    GrpcClient c = client(plaintext(s));
    RetryableException retry = catchThrowableOfType(RetryableException.class, () -> c.call(EXPORT, new byte[0], TIMEOUT));
    assertThat(retry.resourceExhausted()).isTrue();
    assertThat(retry.retryAfter()).isNull(); // RetryInfo with a zero delay: the client's backoff decides
    PermanentException perm = catchThrowableOfType(PermanentException.class, () -> c.call(EXPORT, new byte[1], TIMEOUT));
    assertThat(perm.getMessage()).endsWith("failed: RESOURCE_EXHAUSTED: quota exceeded");
  }

  @Test
  void invalidArgumentIsPermanentWithTheServersMessage() throws Exception {
    GrpcServer s = server((ctx, req) -> {
      throw new PermanentException("unknown wire type 7");
    });
    GrpcClient c = client(plaintext(s));
    assertThatThrownBy(() -> c.call(EXPORT, new byte[1], TIMEOUT))
        .isInstanceOf(PermanentException.class)
        .hasMessageEndingWith("failed: INVALID_ARGUMENT: unknown wire type 7");
    ExecutionException async = catchThrowableOfType(ExecutionException.class,
        () -> c.callAsync(EXPORT, new byte[1], TIMEOUT).get());
    assertThat(async.getCause()).isInstanceOf(PermanentException.class);
  }

  @Test
  void deadlinesAndUnreachableServersAreRetryable() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    GrpcServer s = server((ctx, req) -> {
      release.await(10, TimeUnit.SECONDS);
      return req;
    });
    try {
      GrpcClient c = client(plaintext(s));
      assertThatThrownBy(() -> c.call(EXPORT, new byte[1], Duration.ofMillis(200)))
          .isInstanceOf(RetryableException.class).hasMessageContaining("DEADLINE_EXCEEDED");
    } finally {
      release.countDown();
    }
    int closedPort;
    try (ServerSocket ss = new ServerSocket(0)) {
      closedPort = ss.getLocalPort();
    }
    GrpcClient nobody = client(GrpcClientConfig.defaults("127.0.0.1:" + closedPort).withTls(TlsClientConfig.plaintext()));
    assertThatThrownBy(() -> nobody.call(EXPORT, new byte[1], TIMEOUT))
        .isInstanceOf(RetryableException.class).hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void acceptsTheCollectorsEndpointForms() throws Exception {
    GrpcServer s = echo();
    // http:// means plaintext whatever tls.insecure says
    assertThat(client(GrpcClientConfig.defaults("http://127.0.0.1:" + s.port())).call(EXPORT, new byte[] {1}, TIMEOUT))
        .containsExactly(1);
    assertThat(client(GrpcClientConfig.defaults("dns:///127.0.0.1:" + s.port()).withTls(TlsClientConfig.plaintext()))
        .call(EXPORT, new byte[] {2}, TIMEOUT)).containsExactly(2);
    assertThat(client(GrpcClientConfig.defaults("localhost:" + s.port()).withTls(TlsClientConfig.plaintext()))
        .call(EXPORT, new byte[] {3}, TIMEOUT)).containsExactly(3);
    // TLS by default: the plaintext server cannot answer a TLS client
    GrpcClient tls = client(GrpcClientConfig.defaults("127.0.0.1:" + s.port()));
    assertThatThrownBy(() -> tls.call(EXPORT, new byte[] {4}, Duration.ofSeconds(5)))
        .isInstanceOf(RetryableException.class).hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void sendsTheConfiguredAuthority() throws Exception {
    GrpcServer s = echo();
    client(plaintext(s).withAuthority("collector.internal:4317")).call(EXPORT, new byte[0], TIMEOUT);
    assertThat(contexts.get(0).metadata("host")).containsExactly("collector.internal:4317");
  }

  @Test
  void rejectsInvalidConfigNamingTheKeys() {
    var bad = new GrpcClientConfig("localhost", "lz4", TlsClientConfig.defaults(), Map.of("grpc-timeout", Secret.of("1")),
        null, null, null, false, "least_loaded", "", "");
    assertThatThrownBy(() -> GrpcClient.create(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint: invalid address \"localhost\": missing port")
        .hasMessageContaining("compression: unsupported compression type \"lz4\"")
        .hasMessageContaining("balancer_name: invalid balancer_name: least_loaded")
        .hasMessageContaining("headers: reserved gRPC metadata key \"grpc-timeout\"")
        .hasMessageNotContaining("1\"");
  }
}
