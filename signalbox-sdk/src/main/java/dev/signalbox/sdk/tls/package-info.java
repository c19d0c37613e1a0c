/**
 * TLS for every server and client of the SDK, configured as the Collector's {@code configtls}:
 * {@link dev.signalbox.sdk.tls.TlsServerConfig} (a server's {@code tls} block) and
 * {@link dev.signalbox.sdk.tls.TlsClientConfig} (a client's), loaded from PEM files or inline PEM
 * into Netty {@code SslContext}s (HTTP and gRPC servers, gRPC clients) and JDK {@code SSLContext}s
 * (the JDK {@code HttpClient}) by {@link dev.signalbox.sdk.tls.TlsContexts}. Private keys may be
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
 * ({@code BEGIN EC PRIVATE KEY}); encrypted keys are not supported (nor by the Collector).
 */
package dev.signalbox.sdk.tls;
