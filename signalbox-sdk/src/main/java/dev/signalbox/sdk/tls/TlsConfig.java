package dev.signalbox.sdk.tls;

import dev.signalbox.config.Secret;
import java.time.Duration;
import java.util.List;

/**
 * The keys common to {@link TlsServerConfig} and {@link TlsClientConfig} (the Collector's
 * {@code configtls.Config}). Every string is empty when not set, never null.
 */
public sealed interface TlsConfig permits TlsServerConfig, TlsClientConfig {
  /** {@code ca_file}: PEM CA certificates; clients verify servers with them (default: system roots). */
  String caFile();

  /** {@code ca_pem}: the same as inline PEM; exclusive with {@code ca_file}. */
  String caPem();

  /** {@code cert_file}: PEM certificate chain, leaf first; set together with {@code key_file}. */
  String certFile();

  /** {@code cert_pem}: the same as inline PEM; exclusive with {@code cert_file}. */
  String certPem();

  /** {@code key_file}: PEM private key (PKCS#8, PKCS#1 or SEC1). */
  String keyFile();

  /** {@code key_pem}: the same as inline PEM; exclusive with {@code key_file}. */
  Secret keyPem();

  /** {@code min_version}: lowest TLS version, {@code 1.0}..{@code 1.3}; default {@code 1.2}. */
  String minVersion();

  /** {@code max_version}: highest TLS version; empty for the highest the JDK supports. */
  String maxVersion();

  /**
   * {@code cipher_suites}: TLS 1.0–1.2 cipher suites by IANA name (as Go and the JDK spell them,
   * e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}); empty for the JDK's defaults. As in Go,
   * TLS 1.3 suites stay enabled unless some are listed.
   */
  List<String> cipherSuites();

  /** {@code include_insecure_cipher_suites}: accepted for compatibility; the JDK decides which suites it supports. */
  boolean includeInsecureCipherSuites();

  /** {@code curve_preferences}: key exchange groups in order: {@code X25519}, {@code P256}, {@code P384}, {@code P521}, {@code X25519MLKEM768}. */
  List<String> curvePreferences();

  /** {@code include_system_ca_certs_pool}: trust the system roots in addition to {@code ca_file}. */
  boolean includeSystemCaCertsPool();

  /** {@code reload_interval}: re-read the certificate and key this often (0: never). */
  Duration reloadInterval();
}
