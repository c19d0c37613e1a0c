package dev.signalbox.sdk.tls;

import dev.signalbox.config.Problems;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** Loading and checking of certificates, keys, key managers and trust managers. */
final class TlsMaterial {
  static final String PREFIX = "tls.";
  /** The Collector's curve names and the JSSE named groups they mean. */
  static final Map<String, String> CURVES = Map.of(
      "X25519", "x25519", "P256", "secp256r1", "P384", "secp384r1", "P521", "secp521r1",
      "X25519MLKEM768", "X25519MLKEM768");

  private TlsMaterial() {}

  // ---- validation -------------------------------------------------------------------------

  static void validateCommon(TlsConfig c, Problems problems, boolean server) {
    if (!c.caFile().isEmpty() && !c.caPem().isEmpty()) {
      problems.error("provide either ca_file or ca_pem, not both");
    } else if (!c.caFile().isEmpty() || !c.caPem().isEmpty()) {
      validateCertificates(problems, c.caFile().isEmpty() ? "ca_pem" : "ca_file", c.caFile(), c.caPem());
    }
    if (!c.certFile().isEmpty() && !c.certPem().isEmpty()) {
      problems.error("provide either cert_file or cert_pem, not both");
    }
    if (!c.keyFile().isEmpty() && !c.keyPem().isEmpty()) {
      problems.error("provide either key_file or key_pem, not both");
    }
    boolean hasCert = !c.certFile().isEmpty() || !c.certPem().isEmpty();
    boolean hasKey = !c.keyFile().isEmpty() || !c.keyPem().isEmpty();
    if (hasCert != hasKey) {
      problems.error("cert_file and key_file must be set together");
    } else if (!hasCert && server) {
      problems.error("a server's TLS configuration must include cert_file and key_file");
    }
    if (hasCert && hasKey) {
      String certKey = c.certFile().isEmpty() ? "cert_pem" : "cert_file";
      String keyKey = c.keyFile().isEmpty() ? "key_pem" : "key_file";
      List<X509Certificate> chain = validateCertificates(problems, certKey, c.certFile(), c.certPem());
      PrivateKey key = validateKey(problems, keyKey, c.keyFile(), c.keyPem().reveal());
      if (chain != null && key != null && !matches(chain.get(0).getPublicKey(), key)) {
        problems.error(keyKey, "private key does not match the public key of " + certKey);
      }
    }
    boolean versionsOk = true;
    if (!TlsVersions.isKnown(c.minVersion())) {
      problems.error("min_version", "unsupported TLS version \"" + c.minVersion() + "\"; use " + TlsVersions.describe());
      versionsOk = false;
    }
    if (!TlsVersions.isKnown(c.maxVersion())) {
      problems.error("max_version", "unsupported TLS version \"" + c.maxVersion() + "\"; use " + TlsVersions.describe());
      versionsOk = false;
    }
    if (versionsOk && TlsVersions.inverted(c.minVersion(), c.maxVersion())) {
      problems.error("min_version", "min_version " + c.minVersion() + " cannot be greater than max_version "
          + c.maxVersion());
    }
    if (!c.cipherSuites().isEmpty()) {
      Set<String> supported = supportedCipherSuites();
      for (int i = 0; i < c.cipherSuites().size(); i++) {
        String s = c.cipherSuites().get(i);
        if (!supported.contains(s)) {
          problems.at("cipher_suites").at(i).error("invalid TLS cipher suite \"" + s + "\"");
        }
      }
    }
    for (int i = 0; i < c.curvePreferences().size(); i++) {
      String curve = c.curvePreferences().get(i);
      if (!CURVES.containsKey(curve)) {
        problems.at("curve_preferences").at(i).error("invalid curve type \"" + curve
            + "\"; expected one of X25519, P256, P384, P521, X25519MLKEM768");
      }
    }
    if (c.reloadInterval().isNegative()) {
      problems.error("reload_interval", "must not be negative");
    }
  }

  static List<X509Certificate> validateCertificates(Problems problems, String key, String file, String pem) {
    try {
      return certificates(key, file, pem);
    } catch (TlsConfigException e) {
      problems.error(key, stripKey(e.getMessage(), key));
      return null;
    }
  }

  private static PrivateKey validateKey(Problems problems, String key, String file, String pem) {
    try {
      return privateKey(key, file, pem);
    } catch (TlsConfigException e) {
      problems.error(key, stripKey(e.getMessage(), key));
      return null;
    }
  }

  private static String stripKey(String message, String key) {
    String p = PREFIX + key + ": ";
    return message.startsWith(p) ? message.substring(p.length()) : message;
  }

  // ---- loading ------------------------------------------------------------------------------

  /** Reads a file or takes inline PEM; the error names {@code tls.<key>}. */
  static String text(String key, String file, String pem) throws TlsConfigException {
    if (file.isEmpty()) {
      return pem;
    }
    Path p = Path.of(file);
    if (!Files.exists(p)) {
      throw new TlsConfigException(PREFIX + key + ": file not found: " + file, null);
    }
    if (!Files.isRegularFile(p)) {
      throw new TlsConfigException(PREFIX + key + ": not a regular file: " + file, null);
    }
    try {
      return Files.readString(p, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TlsConfigException(PREFIX + key + ": cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new TlsConfigException(PREFIX + key + ": cannot read " + file + ": not a PEM text file", e);
    }
  }

  static List<X509Certificate> certificates(String key, String file, String pem) throws TlsConfigException {
    String text = text(key, file, pem);
    try {
      return Pem.certificates(text);
    } catch (CertificateException | IllegalArgumentException e) {
      throw new TlsConfigException(PREFIX + key + ": cannot parse certificate" + where(file) + ": " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(String key, String file, String pem) throws TlsConfigException {
    String text = text(key, file, pem);
    try {
      return Pem.privateKey(text);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TlsConfigException(PREFIX + key + ": cannot parse private key" + where(file) + ": " + e.getMessage(), e);
    }
  }

  private static String where(String file) {
    return file.isEmpty() ? "" : " in " + file;
  }

  static boolean hasCertificate(TlsConfig c) {
    return !c.certFile().isEmpty() || !c.certPem().isEmpty();
  }

  /** A key manager for the configured certificate and key, reloading if configured; null if none. */
  static X509ExtendedKeyManager keyManager(TlsConfig c) throws TlsConfigException {
    if (!hasCertificate(c)) {
      return null;
    }
    X509ExtendedKeyManager first = loadKeyManager(c);
    Duration every = c.reloadInterval();
    if (every.isZero() || every.isNegative()) {
      return first;
    }
    return new ReloadingKeyManager(first, () -> loadKeyManager(c), every, System::nanoTime);
  }

  static X509ExtendedKeyManager loadKeyManager(TlsConfig c) throws TlsConfigException {
    String certKey = c.certFile().isEmpty() ? "cert_pem" : "cert_file";
    String keyKey = c.keyFile().isEmpty() ? "key_pem" : "key_file";
    List<X509Certificate> chain = certificates(certKey, c.certFile(), c.certPem());
    PrivateKey key = privateKey(keyKey, c.keyFile(), c.keyPem().reveal());
    if (!matches(chain.get(0).getPublicKey(), key)) {
      throw new TlsConfigException(PREFIX + keyKey + ": private key does not match the public key of " + certKey, null);
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] password = new char[0];
      ks.setKeyEntry("key", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(ks, password);
      return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsConfigException(PREFIX + certKey + ": cannot use certificate and key: " + e.getMessage(), e);
    }
  }

  /** A PKIX trust manager for {@code cas}, plus the system roots when asked. */
  static X509ExtendedTrustManager trustManager(List<X509Certificate> cas, boolean includeSystem)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (X509Certificate ca : cas) {
      ks.setCertificateEntry("ca-" + i++, ca);
    }
    if (includeSystem) {
      for (X509Certificate ca : systemTrustManager().getAcceptedIssuers()) {
        ks.setCertificateEntry("system-" + i++, ca);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return firstX509(tmf.getTrustManagers());
  }

  static X509ExtendedTrustManager systemTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    return firstX509(tmf.getTrustManagers());
  }

  private static X509ExtendedTrustManager firstX509(TrustManager[] tms) throws GeneralSecurityException {
    for (TrustManager tm : tms) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager available");
  }

  /** How a client verifies servers: CA file/PEM or system roots, override name, or nothing. */
  static X509ExtendedTrustManager clientTrustManager(TlsClientConfig c) throws TlsConfigException {
    if (c.insecureSkipVerify()) {
      return new TrustAllTrustManager();
    }
    X509ExtendedTrustManager base;
    try {
      if (c.hasCa()) {
        String key = c.caFile().isEmpty() ? "ca_pem" : "ca_file";
        base = trustManager(certificates(key, c.caFile(), c.caPem()), c.includeSystemCaCertsPool());
      } else {
        base = systemTrustManager();
      }
    } catch (GeneralSecurityException | IOException e) {
      if (e instanceof TlsConfigException t) {
        throw t;
      }
      throw new TlsConfigException(PREFIX + "ca_file: cannot build trust store: " + e.getMessage(), e);
    }
    return c.serverNameOverride().isEmpty() ? base : new ServerNameTrustManager(base, c.serverNameOverride());
  }

  /** How a server verifies client certificates ({@code client_ca_file}); null when not configured. */
  static X509ExtendedTrustManager clientAuthTrustManager(TlsServerConfig c) throws TlsConfigException {
    if (c.clientCaFile().isEmpty()) {
      return null;
    }
    ThrowingSupplier<X509ExtendedTrustManager> load = () -> {
      try {
        return trustManager(certificates("client_ca_file", c.clientCaFile(), ""), false);
      } catch (GeneralSecurityException | IOException e) {
        if (e instanceof TlsConfigException t) {
          throw t;
        }
        throw new TlsConfigException(PREFIX + "client_ca_file: cannot build trust store: " + e.getMessage(), e);
      }
    };
    X509ExtendedTrustManager first = load.get();
    return c.clientCaFileReload() ? new ReloadingTrustManager(first, load, Path.of(c.clientCaFile())) : first;
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws TlsConfigException;
  }

  /** JSSE protocol names for the configured versions. */
  static String[] protocols(TlsConfig c) {
    return TlsVersions.protocols(c.minVersion(), c.maxVersion());
  }

  /**
   * The enabled cipher suites, or null for the JDK's defaults. As in Go, configuring suites
   * restricts TLS 1.0–1.2 only; TLS 1.3's suites stay on unless some are listed.
   */
  static List<String> cipherSuites(TlsConfig c) {
    if (c.cipherSuites().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>(c.cipherSuites());
    boolean any13 = out.stream().anyMatch(TlsMaterial::isTls13Suite);
    if (!any13) {
      for (String s : supportedCipherSuites()) {
        if (isTls13Suite(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean isTls13Suite(String s) {
    return s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_");
  }

  /** JSSE named groups for {@code curve_preferences}, or null. */
  static String[] namedGroups(TlsConfig c) {
    if (c.curvePreferences().isEmpty()) {
      return null;
    }
    return c.curvePreferences().stream().map(CURVES::get).toArray(String[]::new);
  }

  static Set<String> supportedCipherSuites() {
    try {
      return new HashSet<>(Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()));
    } catch (GeneralSecurityException e) {
      return Set.of();
    }
  }

  /** True when {@code key} is the private half of {@code pub} (sign and verify a probe). */
  static boolean matches(PublicKey pub, PrivateKey key) {
    try {
      if (pub instanceof RSAPublicKey rsa && key instanceof java.security.interfaces.RSAKey rk) {
        return rsa.getModulus().equals(rk.getModulus());
      }
      String alg = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
        case "EC" -> "SHA256withECDSA";
        case "ED25519", "ED448", "EDDSA" -> key.getAlgorithm();
        case "DSA" -> "SHA256withDSA";
        default -> null;
      };
      if (alg == null) {
        return true; // cannot tell; the handshake will
      }
      if (pub instanceof ECPublicKey && !key.getAlgorithm().equalsIgnoreCase("EC")) {
        return false;
      }
      byte[] probe = "signalbox".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(pub);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Accepts every server certificate ({@code insecure_skip_verify}). */
  static final class TrustAllTrustManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
