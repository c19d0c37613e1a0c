package dev.signalbox.sdk.tls;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import java.time.Duration;
import java.util.List;

/**
 * A client's {@code tls} block, the Collector's {@code configtls.ClientConfig}. By default a client
 * uses TLS and verifies the server against the system roots.
 *
 * <pre>{@code
 * tls:
 *   insecure: false                # gRPC: true for plaintext (http:// endpoints are plaintext anyway)
 *   ca_file: /etc/signalbox/ca.pem
 *   cert_file: client.pem          # optional: client certificate (mTLS)
 *   key_file: client.key
 *   server_name_override: otel.example.com
 * }</pre>
 *
 * <p>See {@link TlsConfig} for the common keys. Client-only keys:
 *
 * @param insecure {@code insecure}: gRPC only: connect without TLS (default false). Ignored when the
 *     endpoint says {@code https://}; HTTP clients follow their URL's scheme instead
 * @param insecureSkipVerify {@code insecure_skip_verify}: use TLS but accept any server certificate
 * @param serverNameOverride {@code server_name_override}: the name sent in SNI and verified in the
 *     server's certificate instead of the endpoint's host
 */
public record TlsClientConfig(
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
    boolean insecure,
    boolean insecureSkipVerify,
    String serverNameOverride) implements TlsConfig, ConfigBlock {

  /** Normalises nulls: empty strings, empty lists, {@link Secret#EMPTY}, zero durations. */
  public TlsClientConfig {
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
    serverNameOverride = nz(serverNameOverride);
  }

  /** The Collector's defaults: TLS with system roots, {@code min_version} 1.2, {@code insecure} false. */
  public static TlsClientConfig defaults() {
    return new TlsClientConfig("", "", "", "", "", Secret.EMPTY, TlsVersions.DEFAULT_MIN, "", List.of(), false,
        List.of(), false, Duration.ZERO, false, false, "");
  }

  /** Defaults with {@code insecure: true} (plaintext gRPC). */
  public static TlsClientConfig plaintext() {
    return defaults().withInsecure(true);
  }

  public TlsClientConfig withInsecure(boolean insecure) {
    return new TlsClientConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        insecure, insecureSkipVerify, serverNameOverride);
  }

  public TlsClientConfig withInsecureSkipVerify(boolean insecureSkipVerify) {
    return new TlsClientConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        insecure, insecureSkipVerify, serverNameOverride);
  }

  public TlsClientConfig withCaFile(String caFile) {
    return new TlsClientConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        insecure, insecureSkipVerify, serverNameOverride);
  }

  public TlsClientConfig withCertificate(String certFile, String keyFile) {
    return new TlsClientConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        insecure, insecureSkipVerify, serverNameOverride);
  }

  public TlsClientConfig withServerNameOverride(String serverNameOverride) {
    return new TlsClientConfig(caFile, caPem, certFile, certPem, keyFile, keyPem, minVersion, maxVersion,
        cipherSuites, includeInsecureCipherSuites, curvePreferences, includeSystemCaCertsPool, reloadInterval,
        insecure, insecureSkipVerify, serverNameOverride);
  }

  /** True when a CA is configured (file or PEM). */
  public boolean hasCa() {
    return !caFile.isEmpty() || !caPem.isEmpty();
  }

  /**
   * Checks this block's keys: files exist and parse, certificate and key set together and
   * matching, versions, cipher suites and curves known.
   */
  @Override
  public void validate(Problems problems) {
    TlsMaterial.validateCommon(this, problems, false);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
