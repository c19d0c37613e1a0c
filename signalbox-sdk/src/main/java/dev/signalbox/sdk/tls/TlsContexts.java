package dev.signalbox.sdk.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds TLS contexts from config blocks: Netty {@link SslContext}s for our HTTP server and for
 * grpc-java's Netty server and channels, and JDK {@link SSLContext}s for {@code java.net.http}.
 * Everything runs on the JDK's TLS provider. Failures are {@link TlsConfigException}s whose
 * message names the key ({@code tls.cert_file: file not found: /x.pem}).
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** What a server speaks over TLS, announced by ALPN. */
  public enum Protocol {
    /** HTTP/1.1 only (our HTTP server). */
    HTTP_1_1,
    /** gRPC: HTTP/2 with grpc-java's required cipher suites and ALPN. */
    GRPC
  }

  /** A server context: certificate (reloading if configured), versions, suites, mTLS. */
  public static SslContext nettyServer(TlsServerConfig c, Protocol protocol) throws TlsConfigException {
    X509ExtendedKeyManager km = TlsMaterial.keyManager(c);
    if (km == null) {
      throw new TlsConfigException("tls: a server's TLS configuration must include cert_file and key_file", null);
    }
    SslContextBuilder b = SslContextBuilder.forServer(km).sslProvider(SslProvider.JDK);
    if (protocol == Protocol.GRPC) {
      b = GrpcSslContexts.configure(b, SslProvider.JDK);
    } else {
      b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1));
    }
    b.protocols(TlsMaterial.protocols(c));
    List<String> suites = TlsMaterial.cipherSuites(c);
    if (suites != null) {
      b.ciphers(suites);
    }
    X509ExtendedTrustManager clientAuth = TlsMaterial.clientAuthTrustManager(c);
    if (clientAuth != null) {
      b.trustManager(clientAuth).clientAuth(ClientAuth.REQUIRE);
    }
    return withGroups(build(b), TlsMaterial.namedGroups(c));
  }

  /**
   * A client context for grpc-java's Netty channels ({@code grpc} true: HTTP/2 ALPN and suites) or
   * other Netty clients. {@code insecure} is not looked at here: the caller decides whether to use
   * TLS at all.
   */
  public static SslContext nettyClient(TlsClientConfig c, boolean grpc) throws TlsConfigException {
    SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
    if (grpc) {
      b = GrpcSslContexts.configure(b, SslProvider.JDK);
    }
    b.trustManager(TlsMaterial.clientTrustManager(c));
    X509ExtendedKeyManager km = TlsMaterial.keyManager(c);
    if (km != null) {
      b.keyManager(km);
    }
    b.protocols(TlsMaterial.protocols(c));
    List<String> suites = TlsMaterial.cipherSuites(c);
    if (suites != null) {
      b.ciphers(suites);
    }
    String sni = sniName(c);
    if (sni != null) {
      b.serverName(new SNIHostName(sni));
    }
    return withGroups(build(b), TlsMaterial.namedGroups(c));
  }

  /** A JDK context for {@code java.net.http.HttpClient}; pair it with {@link #jdkClientParameters}. */
  public static SSLContext jdkClient(TlsClientConfig c) throws TlsConfigException {
    X509ExtendedKeyManager km = TlsMaterial.keyManager(c);
    X509ExtendedTrustManager tm = TlsMaterial.clientTrustManager(c);
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(km == null ? null : new KeyManager[] {km}, new TrustManager[] {tm}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("tls: cannot create TLS context: " + e.getMessage(), e);
    }
  }

  /** Versions, suites, groups and SNI of {@code c} as JDK {@link SSLParameters}. */
  public static SSLParameters jdkClientParameters(TlsClientConfig c) {
    SSLParameters p = new SSLParameters();
    p.setProtocols(TlsMaterial.protocols(c));
    List<String> suites = TlsMaterial.cipherSuites(c);
    if (suites != null) {
      p.setCipherSuites(suites.toArray(String[]::new));
    }
    String[] groups = TlsMaterial.namedGroups(c);
    if (groups != null) {
      p.setNamedGroups(groups);
    }
    String sni = sniName(c);
    if (sni != null) {
      p.setServerNames(List.of(new SNIHostName(sni)));
    }
    return p;
  }

  private static String sniName(TlsClientConfig c) {
    String name = c.serverNameOverride();
    if (name.isEmpty() || name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
      return null; // SNI carries host names only
    }
    return name;
  }

  private static SslContext build(SslContextBuilder b) throws TlsConfigException {
    try {
      return b.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsConfigException("tls: cannot create TLS context: " + e.getMessage(), e);
    }
  }

  private static SslContext withGroups(SslContext ctx, String[] groups) {
    if (groups == null) {
      return ctx;
    }
    return new DelegatingSslContext(ctx) {
      @Override
      protected void initEngine(SSLEngine engine) {
        SSLParameters p = engine.getSSLParameters();
        p.setNamedGroups(groups);
        engine.setSSLParameters(p);
      }
    };
  }
}
