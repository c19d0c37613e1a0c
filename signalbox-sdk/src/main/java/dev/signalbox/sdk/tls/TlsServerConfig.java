package dev.signalbox.sdk.tls;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import java.time.Duration;
import java.util.List;

/**
 * A server's {@code tls} block, the Collector's {@code configtls.ServerConfig}. A server uses TLS
 * when this block is present; it then needs a certificate and key. With {@code client_ca_file} it
 * requires and verifies client certificates (mTLS).
 *
 * <pre>{@code
 * tls:
 *   cert_file: /etc/signalbox/server.pem
 *   key_file: /etc/signalbox/server.key
 *   client_ca_file: /etc/signalbox/clients-ca.pem   # optional: mTLS
 *   min_version: "1.2"
 *   reload_interval: 1h                             # optional
 * }</pre>
 *
 * <p>See {@link TlsConfig} for the common keys. Server-only keys:
 *
 * @param clientCaFile {@code client_ca_file}: PEM CAs that client certificates must chain to; when
 *     set, clients must present a certificate (RequireAndVerifyClientCert)
 * @param clientCaFileReload {@code client_ca_file_reload}: re-read {@code client_ca_file} when it
 *     changes on disk (checked at each handshake, by modification time)
 */
public record TlsServerConfig(
    String caFile,
    String caPem,
    String certFile,
    String certPem,
    String keyFile,
    Secret keyPem,
    String minVersion,
    String maxVersion,
    List<String> cipherSuites,
    boolean includeInsecureCipherSuites,
    List<String> curvePreferences,
    boolean includeSystemCaCertsPool,
    Duration reloadInterval,
    String clientCaFile,
    boolean clientCaFileReload) implements TlsConfig, ConfigBlock {

  /** Normalises nulls: empty strings, empty lists, {@link Secret#EMPTY}, zero durations. */
  public TlsServerConfig {
    caFile = nz(caFile);
    caPem = nz(caPem);
    certFile = nz(certFile);
    certPem = nz(certPem);
    keyFile = nz(keyFile);
    keyPem = keyPem == null ? Secret.EMPTY : keyPem;
    minVersion = nz(minVersion);
    maxVersion = nz(maxVersion);
    cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
    curvePreferences = curvePreferences == null ? List.of() : List.copyOf(curvePreferences);
    reloadInterval = reloadInterval == null ? Duration.ZERO : reloadInterval;
    clientCaFile = nz(clientCaFile);
  }

  /** The Collector's defaults: nothing set, {@code min_version} 1.2. */
  public static TlsServerConfig defaults() {
    return new TlsServerConfig("", "", "", "", "", Secret.EMPTY, TlsVersions.DEFAULT_MIN, "", List.of(), false,
        List.of(), false, Duration.ZERO, "", false);
  }

  /** Defaults with a certificate chain and key file. */
  public static TlsServerConfig of(String certFile, String keyFile) {
    return defaults().withCertificate(certFile, keyFile);
  }

  public TlsServerConfig withCertificate(String certFile, String keyFile) {
    return new TlsServerConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        clientCaFile, clientCaFileReload);
  }

  public TlsServerConfig withClientCaFile(String clientCaFile) {
    return new TlsServerConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        clientCaFile, clientCaFileReload);
  }

  public TlsServerConfig withVersions(String minVersion, String maxVersion) {
    return new TlsServerConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        clientCaFile, clientCaFileReload);
  }

  public TlsServerConfig withReloadInterval(Duration reloadInterval) {
    return new TlsServerConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        clientCaFile, clientCaFileReload);
  }

  /**
   * Checks this block's keys: files exist and parse, certificate and key are set together (a
   * server needs both) and match, versions, cipher suites and curves are known.
   */
  @Override
  public void validate(Problems problems) {
    TlsMaterial.validateCommon(this, problems, true);
    if (!clientCaFile.isEmpty()) {
      TlsMaterial.validateCertificates(problems, "client_ca_file", clientCaFile, "");
    } else if (clientCaFileReload) {
      problems.error("client_ca_file_reload", "requires client_ca_file");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
