package dev.signalbox.sdk.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the certificate and key when {@code reload_interval} has passed, at the next handshake
 * (as the Collector does). Aliases carry a generation number, so a handshake that chose an alias
 * before a reload still gets the matching chain and key. A reload that fails keeps the previous
 * material and logs a warning.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

  private record Generation(int id, X509ExtendedKeyManager km) {}

  private final TlsMaterial.ThrowingSupplier<X509ExtendedKeyManager> loader;
  private final long intervalNanos;
  private final LongSupplier clock;
  private volatile Generation current;
  private volatile Generation previous;
  private long nextReload;

  ReloadingKeyManager(X509ExtendedKeyManager first, TlsMaterial.ThrowingSupplier<X509ExtendedKeyManager> loader,
      Duration interval, LongSupplier nanoClock) {
    this.loader = loader;
    this.intervalNanos = interval.toNanos();
    this.clock = nanoClock;
    this.current = new Generation(0, first);
    this.nextReload = nanoClock.getAsLong() + intervalNanos;
  }

  private Generation generation() {
    long now = clock.getAsLong();
    synchronized (this) {
      if (now - nextReload >= 0) {
        nextReload = now + intervalNanos;
        try {
          Generation g = new Generation(current.id() + 1, loader.get());
          previous = current;
          current = g;
        } catch (Exception e) {
          LOG.warn("Keeping the previous TLS certificate: reload failed: {}", e.getMessage());
        }
      }
      return current;
    }
  }

  private Generation byAlias(String alias) {
    if (alias == null) {
      return null;
    }
    int colon = alias.indexOf(':');
    if (colon < 0) {
      return null;
    }
    int id;
    try {
      id = Integer.parseInt(alias.substring(1, colon));
    } catch (NumberFormatException e) {
      return null;
    }
    Generation c = current;
    if (c.id() == id) {
      return c;
    }
    Generation p = previous;
    return p != null && p.id() == id ? p : null;
  }

  private static String tag(Generation g, String alias) {
    return alias == null ? null : "g" + g.id() + ":" + alias;
  }

  private static String untag(String alias) {
    return alias.substring(alias.indexOf(':') + 1);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    Generation g = generation();
    return tag(g, g.km().chooseEngineServerAlias(keyType, issuers, engine));
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    Generation g = generation();
    return tag(g, g.km().chooseEngineClientAlias(keyType, issuers, engine));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    Generation g = generation();
    return tag(g, g.km().chooseServerAlias(keyType, issuers, socket));
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    Generation g = generation();
    return tag(g, g.km().chooseClientAlias(keyType, issuers, socket));
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Generation g = byAlias(alias);
    return g == null ? null : g.km().getCertificateChain(untag(alias));
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Generation g = byAlias(alias);
    return g == null ? null : g.km().getPrivateKey(untag(alias));
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return tagAll(generation(), current.km().getClientAliases(keyType, issuers));
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return tagAll(generation(), current.km().getServerAliases(keyType, issuers));
  }

  private static String[] tagAll(Generation g, String[] aliases) {
    if (aliases == null) {
      return null;
    }
    String[] out = new String[aliases.length];
    for (int i = 0; i < aliases.length; i++) {
      out[i] = tag(g, aliases[i]);
    }
    return out;
  }
}
