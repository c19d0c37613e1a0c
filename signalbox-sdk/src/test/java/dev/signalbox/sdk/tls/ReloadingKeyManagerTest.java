package dev.signalbox.sdk.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.sdk.net.testing.TestPki;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

class ReloadingKeyManagerTest {
  private static final TestPki PKI = TestPki.get();

  @Test
  void reloadsAfterTheIntervalAndKeepsChosenAliasesConsistent() throws Exception {
    var rsa = TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverKey.toString());
    var ec = TlsServerConfig.of(PKI.exampleCert.toString(), PKI.exampleKeySec1.toString());
    AtomicLong now = new AtomicLong();
    AtomicInteger loads = new AtomicInteger();
    var km = new ReloadingKeyManager(TlsMaterial.loadKeyManager(rsa), () -> {
      loads.incrementAndGet();
      return TlsMaterial.loadKeyManager(ec);
    }, Duration.ofMinutes(1), now::get);

    String a1 = km.chooseEngineServerAlias("RSA", null, null);
    assertThat(km.getCertificateChain(a1)[0].getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(loads).hasValue(0);

    now.addAndGet(Duration.ofMinutes(1).toNanos());
    String a2 = km.chooseEngineServerAlias("EC", null, null);
    assertThat(loads).hasValue(1);
    assertThat(km.getCertificateChain(a2)[0].getSubjectX500Principal().getName()).isEqualTo("CN=example.test");
    // a handshake that chose before the reload still gets its own chain and key
    assertThat(km.getCertificateChain(a1)[0].getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(km.getPrivateKey(a1).getAlgorithm()).isEqualTo("RSA");
    assertThat(km.getPrivateKey(a2).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aFailedReloadKeepsThePreviousCertificate() throws Exception {
    var rsa = TlsServerConfig.of(PKI.serverCert.toString(), PKI.serverKey.toString());
    AtomicLong now = new AtomicLong();
    X509ExtendedKeyManager first = TlsMaterial.loadKeyManager(rsa);
    var km = new ReloadingKeyManager(first, () -> {
      throw new TlsConfigException("tls.cert_file: file not found: /gone.pem", null);
    }, Duration.ofSeconds(1), now::get);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    String alias = km.chooseEngineServerAlias("RSA", null, null);
    assertThat(km.getCertificateChain(alias)[0].getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
  }
}
