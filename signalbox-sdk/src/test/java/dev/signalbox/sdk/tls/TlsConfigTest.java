package dev.signalbox.sdk.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.net.testing.TestPki;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsConfigTest {
  private static final TestPki PKI = TestPki.get();

  private static List<String> problems(dev.signalbox.config.ConfigBlock block) {
    Problems p = new Problems();
    block.validate(p.at("tls"));
    return p.all().stream().map(Problems.Problem::toString).toList();
  }

  @Test
  void defaultsAreTheCollectors() {
    TlsServerConfig s = TlsServerConfig.defaults();
    assertThat(s.minVersion()).isEqualTo("1.2");
    assertThat(s.maxVersion()).isEmpty();
    assertThat(s.certFile()).isEmpty();
    assertThat(s.clientCaFile()).isEmpty();
    assertThat(s.reloadInterval()).isZero();
    TlsClientConfig c = TlsClientConfig.defaults();
    assertThat(c.insecure()).isFalse();
    assertThat(c.insecureSkipVerify()).isFalse();
    assertThat(c.minVersion()).isEqualTo("1.2");
    assertThat(c.serverNameOverride()).isEmpty();
    assertThat(c.keyPem()).isEqualTo(Secret.EMPTY);
    assertThat(problems(c)).isEmpty();
  }

  @Test
  void nullComponentsAreNormalised() {
    var c = new TlsClientConfig(null, null, null, null, null, null, null, null, null, false, null, false, null, false,
        false, null);
    assertThat(c.caFile()).isEmpty();
    assertThat(c.cipherSuites()).isEmpty();
    assertThat(c.reloadInterval()).isZero();
  }

  @Test
  void aValidServerBlockHasNoProblems() {
    assertThat(problems(TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverKey.toString())
        .withClientCaFile(PKI.caCert.toString()))).isEmpty();
    assertThat(problems(TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverKeyPkcs1.toString()))).isEmpty();
    assertThat(problems(TlsServerConfig.of(PKI.exampleCert.toString(), PKI.exampleKeySec1.toString()))).isEmpty();
    assertThat(problems(TlsServerConfig.of(PKI.exampleCert.toString(), PKI.exampleKeyPkcs8.toString()))).isEmpty();
  }

  @Test
  void namesTheKeyOfMissingFiles() {
    assertThat(problems(TlsServerConfig.of("/x.pem", "/x.key").withClientCaFile("/ca.pem"))).containsExactly(
        "tls.cert_file: file not found: /x.pem",
        "tls.key_file: file not found: /x.key",
        "tls.client_ca_file: file not found: /ca.pem");
    assertThat(problems(TlsClientConfig.defaults().withCaFile("/nope/ca.pem")))
        .containsExactly("tls.ca_file: file not found: /nope/ca.pem");
  }

  @Test
  void certAndKeyGoTogetherAndServersNeedThem() {
    assertThat(problems(TlsServerConfig.defaults().withCertificate(PKI.serverCert.toString(), "")))
        .containsExactly("tls: cert_file and key_file must be set together");
    assertThat(problems(TlsClientConfig.defaults().withCertificate("", PKI.clientKey.toString())))
        .containsExactly("tls: cert_file and key_file must be set together");
    assertThat(problems(TlsServerConfig.defaults()))
        .containsExactly("tls: a server's TLS configuration must include cert_file and key_file");
  }

  @Test
  void reportsUnparsableAndMismatchedMaterial() throws Exception {
    var garbage = Files.writeString(PKI.dir.resolve("garbage.pem"), "hello");
    assertThat(problems(TlsServerConfig.of(garbage.toString(), PKI.serverKey.toString()))).containsExactly(
        "tls.cert_file: cannot parse certificate in " + garbage
            + ": no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
    assertThat(problems(TlsServerConfig.of(PKI.serverCert.toString(), PKI.clientKey.toString()))).containsExactly(
        "tls.key_file: private key does not match the public key of cert_file");
    assertThat(problems(TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverCert.toString()))).singleElement()
        .asString().startsWith("tls.key_file: cannot parse private key in " + PKI.serverCert + ": no PEM private key");
  }

  @Test
  void checksVersionsSuitesAndCurves() {
    var c = new TlsClientConfig("", "", "", "", "", Secret.EMPTY, "1.3", "1.2",
        List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_FAKE"), false, List.of("X25519", "P999"), false,
        Duration.ofSeconds(-1), false, false, "");
    assertThat(problems(c)).containsExactly(
        "tls.min_version: min_version 1.3 cannot be greater than max_version 1.2",
        "tls.cipher_suites[1]: invalid TLS cipher suite \"TLS_FAKE\"",
        "tls.curve_preferences[1]: invalid curve type \"P999\"; expected one of X25519, P256, P384, P521, X25519MLKEM768",
        "tls.reload_interval: must not be negative");
    var v = TlsClientConfig.defaults();
    v = new TlsClientConfig("", "", "", "", "", Secret.EMPTY, "1.4", "TLSv1.3", List.of(), false, List.of(), false,
        Duration.ZERO, false, false, "");
    assertThat(problems(v)).containsExactly(
        "tls.min_version: unsupported TLS version \"1.4\"; use 1.0, 1.1, 1.2 or 1.3",
        "tls.max_version: unsupported TLS version \"TLSv1.3\"; use 1.0, 1.1, 1.2 or 1.3");
  }

  @Test
  void fileAndPemAreExclusive() throws Exception {
    String pem = Files.readString(PKI.caCert);
    var c = new TlsClientConfig(PKI.caCert.toString(), pem, "", "", "", Secret.EMPTY, "1.2", "", List.of(), false,
        List.of(), false, Duration.ZERO, false, false, "");
    assertThat(problems(c)).containsExactly("tls: provide either ca_file or ca_pem, not both");
    var inline = new TlsServerConfig("", "", "", Files.readString(PKI.serverCert), "",
        Secret.of(Files.readString(PKI.serverKey)), "1.2", "", List.of(), false, List.of(), false, Duration.ZERO, "",
        false);
    assertThat(problems(inline)).isEmpty();
  }

  @Test
  void loadErrorsNameTheKey() {
    assertThatThrownBy(() -> TlsContexts.nettyServer(TlsServerConfig.of("/x.pem", "/x.key"), TlsContexts.Protocol.GRPC))
        .isInstanceOf(TlsConfigException.class).hasMessage("tls.cert_file: file not found: /x.pem");
    assertThatThrownBy(() -> TlsContexts.jdkClient(TlsClientConfig.defaults().withCaFile("/ca.pem")))
        .isInstanceOf(TlsConfigException.class).hasMessage("tls.ca_file: file not found: /ca.pem");
  }

  @Test
  void rejectsEncryptedKeys() throws Exception {
    var enc = PKI.dir.resolve("encrypted.key");
    Files.writeString(enc, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThat(problems(TlsServerConfig.of(PKI.serverCert.toString(), enc.toString()))).singleElement().asString()
        .endsWith("encrypted private keys are not supported");
  }
}
