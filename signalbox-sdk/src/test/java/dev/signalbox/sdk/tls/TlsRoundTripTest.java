package dev.signalbox.sdk.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.net.testing.TestPki;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TLS and mTLS through both servers and both clients, with certificates made by openssl. */
class TlsRoundTripTest {
  private static final TestPki PKI = TestPki.get();
  private static final String EXPORT = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private static TlsServerConfig serverTls() {
    return TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverKey.toString());
  }

  private static TlsClientConfig trusting() {
    return TlsClientConfig.defaults().withCaFile(PKI.caCert.toString());
  }

  private HttpServer https(TlsServerConfig tls) throws IOException {
    HttpServer s = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0").withTls(tls),
        List.of(HttpRoute.post("/v1/traces", req -> HttpResponse.ok("application/octet-stream", req.body()))));
    closeables.add(s);
    return s;
  }

  private HttpSender sender(TlsClientConfig tls) throws IOException {
    HttpSender s = HttpSender.create(HttpClientConfig.defaults().withTls(tls).withTimeout(TIMEOUT));
    closeables.add(s);
    return s;
  }

  private GrpcServer grpcs(TlsServerConfig tls) throws IOException {
    GrpcServer s = GrpcServer.builder(GrpcServerConfig.defaults("127.0.0.1:0").withTls(tls))
        .addUnary(EXPORT, (ctx, req) -> req).start();
    closeables.add(s);
    return s;
  }

  private GrpcClient grpcClient(String endpoint, TlsClientConfig tls) throws IOException {
    GrpcClient c = GrpcClient.create(GrpcClientConfig.defaults(endpoint).withTls(tls));
    closeables.add(c);
    return c;
  }

  @Test
  void httpsWithTheCaFile() throws Exception {
    HttpServer s = https(serverTls());
    String url = "https://localhost:" + s.port() + "/v1/traces";
    assertThat(sender(trusting()).post(url, "application/x-protobuf", "tls".getBytes()).body())
        .isEqualTo("tls".getBytes());
    // by IP, which the certificate also names
    assertThat(sender(trusting()).post("https://127.0.0.1:" + s.port() + "/v1/traces", "application/x-protobuf",
        new byte[] {1}).status()).isEqualTo(200);
    // the system roots do not know our CA
    assertThatThrownBy(() -> sender(TlsClientConfig.defaults()).post(url, "application/x-protobuf", new byte[1]))
        .isInstanceOf(RetryableException.class).hasMessageContaining("SSLHandshakeException");
    // plain HTTP to a TLS port is answered by nothing useful
    assertThatThrownBy(() -> sender(trusting()).post("http://127.0.0.1:" + s.port() + "/v1/traces",
        "application/x-protobuf", new byte[1])).isInstanceOf(RetryableException.class);
  }

  @Test
  void httpsAnswersOversizedBodiesBeforeClosing() throws Exception {
    HttpServer s = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0").withTls(serverTls())
            .withMaxRequestBodySize(dev.signalbox.config.ByteSize.ofBytes(1024)),
        List.of(HttpRoute.post("/v1/traces", req -> HttpResponse.empty(200))));
    closeables.add(s);
    String url = "https://localhost:" + s.port() + "/v1/traces";
    assertThatThrownBy(() -> sender(trusting()).post(url, "application/x-protobuf", new byte[64 * 1024]))
        .isInstanceOf(dev.signalbox.component.PermanentException.class)
        .hasMessageContaining("responded with HTTP 413: request body too large: Content-Length 65536 exceeds 1024 bytes");
    assertThat(sender(trusting()).post(url, "application/x-protobuf", new byte[10]).status()).isEqualTo(200);
  }

  @Test
  void httpsServesPkcs1RsaAndSec1EcKeys() throws Exception {
    HttpServer pkcs1 = https(TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverKeyPkcs1.toString()));
    assertThat(sender(trusting()).post("https://localhost:" + pkcs1.port() + "/v1/traces", "application/x-protobuf",
        new byte[] {1}).status()).isEqualTo(200);
    HttpServer sec1 = https(TlsServerConfig.of(PKI.exampleCert.toString(), PKI.exampleKeySec1.toString()));
    assertThat(sender(trusting().withServerNameOverride("example.test")).post(
        "https://127.0.0.1:" + sec1.port() + "/v1/traces", "application/x-protobuf", new byte[] {1}).status())
        .isEqualTo(200);
  }

  @Test
  void serverNameOverrideAndInsecureSkipVerifyForTheHttpClient() throws Exception {
    HttpServer s = https(TlsServerConfig.of(PKI.exampleCert.toString(), PKI.exampleKeySec1.toString()));
    String url = "https://localhost:" + s.port() + "/v1/traces";
    assertThatThrownBy(() -> sender(trusting()).post(url, "application/x-protobuf", new byte[1]))
        .isInstanceOf(RetryableException.class).hasMessageContaining("SSLHandshakeException");
    assertThat(sender(trusting().withServerNameOverride("example.test")).post(url, "application/x-protobuf",
        new byte[] {1}).status()).isEqualTo(200);
    assertThatThrownBy(() -> sender(trusting().withServerNameOverride("other.test")).post(url,
        "application/x-protobuf", new byte[1])).isInstanceOf(RetryableException.class);
    assertThat(sender(TlsClientConfig.defaults().withInsecureSkipVerify(true)).post(url, "application/x-protobuf",
        new byte[] {1}).status()).isEqualTo(200);
  }

  @Test
  void mutualTlsOverHttp() throws Exception {
    HttpServer s = https(serverTls().withClientCaFile(PKI.caCert.toString()));
    String url = "https://localhost:" + s.port() + "/v1/traces";
    assertThat(sender(trusting().withCertificate(PKI.clientCert.toString(), PKI.clientKey.toString()))
        .post(url, "application/x-protobuf", new byte[] {1}).status()).isEqualTo(200);
    assertThatThrownBy(() -> sender(trusting()).post(url, "application/x-protobuf", new byte[1]))
        .isInstanceOf(RetryableException.class);
    assertThatThrownBy(() -> sender(trusting().withCertificate(PKI.strangerCert.toString(),
        PKI.strangerKey.toString())).post(url, "application/x-protobuf", new byte[1]))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void minVersionIsEnforced() throws Exception {
    HttpServer s = https(serverTls().withVersions("1.3", ""));
    String url = "https://localhost:" + s.port() + "/v1/traces";
    var tls12only = new TlsClientConfig(PKI.caCert.toString(), "", "", "", "", Secret.EMPTY, "1.2", "1.2", List.of(),
        false, List.of(), false, Duration.ZERO, false, false, "");
    assertThatThrownBy(() -> sender(tls12only).post(url, "application/x-protobuf", new byte[1]))
        .isInstanceOf(RetryableException.class);
    assertThat(sender(trusting()).post(url, "application/x-protobuf", new byte[] {1}).status()).isEqualTo(200);
  }

  @Test
  void grpcOverTls() throws Exception {
    GrpcServer s = grpcs(serverTls());
    assertThat(grpcClient("localhost:" + s.port(), trusting()).call(EXPORT, new byte[] {7}, TIMEOUT)).containsExactly(7);
    assertThat(grpcClient("https://127.0.0.1:" + s.port(), trusting()).call(EXPORT, new byte[] {8}, TIMEOUT))
        .containsExactly(8);
    assertThatThrownBy(() -> grpcClient("localhost:" + s.port(), TlsClientConfig.defaults())
        .call(EXPORT, new byte[1], TIMEOUT)).isInstanceOf(RetryableException.class).hasMessageContaining("UNAVAILABLE");
    assertThat(grpcClient("localhost:" + s.port(), TlsClientConfig.defaults().withInsecureSkipVerify(true))
        .call(EXPORT, new byte[] {9}, TIMEOUT)).containsExactly(9);
  }

  @Test
  void grpcServerNameOverride() throws Exception {
    GrpcServer s = grpcs(TlsServerConfig.of(PKI.exampleCert.toString(), PKI.exampleKeyPkcs8.toString()));
    assertThatThrownBy(() -> grpcClient("localhost:" + s.port(), trusting()).call(EXPORT, new byte[1], TIMEOUT))
        .isInstanceOf(RetryableException.class);
    assertThat(grpcClient("localhost:" + s.port(), trusting().withServerNameOverride("example.test"))
        .call(EXPORT, new byte[] {5}, TIMEOUT)).containsExactly(5);
  }

  @Test
  void mutualTlsOverGrpc() throws Exception {
    GrpcServer s = grpcs(serverTls().withClientCaFile(PKI.caCert.toString()));
    String endpoint = "localhost:" + s.port();
    assertThat(grpcClient(endpoint, trusting().withCertificate(PKI.clientCert.toString(), PKI.clientKey.toString()))
        .call(EXPORT, new byte[] {1}, TIMEOUT)).containsExactly(1);
    assertThatThrownBy(() -> grpcClient(endpoint, trusting()).call(EXPORT, new byte[1], TIMEOUT))
        .isInstanceOf(RetryableException.class);
    assertThatThrownBy(() -> grpcClient(endpoint, trusting().withCertificate(PKI.strangerCert.toString(),
        PKI.strangerKey.toString())).call(EXPORT, new byte[1], TIMEOUT)).isInstanceOf(RetryableException.class);
  }
}
