package dev.signalbox.sdk.net.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for TLS tests, made once per test JVM with the {@code openssl} CLI in a temp dir:
 * a CA, a server certificate for localhost/127.0.0.1 (PKCS#8 key, plus PKCS#1 copy), an EC server
 * certificate for {@code example.test} only (SEC1 key), a client certificate from the CA and one
 * from another CA.
 */
public final class TestPki {
  private static TestPki instance;

  public final Path dir;
  public final Path caCert;
  public final Path serverCert;
  public final Path serverKey;
  public final Path serverKeyPkcs1;
  public final Path exampleCert;
  public final Path exampleKeySec1;
  public final Path exampleKeyPkcs8;
  public final Path clientCert;
  public final Path clientKey;
  public final Path otherCaCert;
  public final Path strangerCert;
  public final Path strangerKey;

  private TestPki(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    caCert = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca.key");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        caKey.toString(), "-out", caCert.toString(), "-days", "3", "-subj", "/CN=signalbox-test-ca",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    otherCaCert = dir.resolve("other-ca.pem");
    Path otherCaKey = dir.resolve("other-ca.key");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        otherCaKey.toString(), "-out", otherCaCert.toString(), "-days", "3", "-subj", "/CN=other-ca",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");

    serverKey = dir.resolve("server.key");
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", serverKey.toString());
    serverKeyPkcs1 = dir.resolve("server-pkcs1.key");
    openssl("rsa", "-in", serverKey.toString(), "-traditional", "-out", serverKeyPkcs1.toString());
    serverCert = sign("server", serverKey, caCert, caKey, "/CN=localhost",
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");

    exampleKeySec1 = dir.resolve("example.key");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", exampleKeySec1.toString());
    exampleKeyPkcs8 = dir.resolve("example-pkcs8.key");
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", exampleKeySec1.toString(), "-out", exampleKeyPkcs8.toString());
    exampleCert = sign("example", exampleKeySec1, caCert, caKey, "/CN=example.test",
        "subjectAltName=DNS:example.test\nextendedKeyUsage=serverAuth\n");

    clientKey = dir.resolve("client.key");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", clientKey.toString());
    clientCert = sign("client", clientKey, caCert, caKey, "/CN=client", "extendedKeyUsage=clientAuth\n");

    strangerKey = dir.resolve("stranger.key");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", strangerKey.toString());
    strangerCert = sign("stranger", strangerKey, otherCaCert, otherCaKey, "/CN=stranger", "extendedKeyUsage=clientAuth\n");
  }

  public static synchronized TestPki get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("signalbox-pki");
        dir.toFile().deleteOnExit();
        instance = new TestPki(dir);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("cannot create test certificates with openssl", e);
      }
    }
    return instance;
  }

  private Path sign(String name, Path key, Path ca, Path caKey, String subject, String ext)
      throws IOException, InterruptedException {
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".pem");
    Path extFile = dir.resolve(name + ".ext");
    Files.writeString(extFile, ext + "basicConstraints=CA:FALSE\n");
    openssl("req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", subject);
    openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-out", cert.toString(), "-days", "3", "-extfile", extFile.toString());
    return cert;
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }
}
