package dev.signalbox.sdk.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies client certificates against {@code client_ca_file}, re-reading it when its
 * modification time changes ({@code client_ca_file_reload}). A failed reload keeps the previous CAs.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingTrustManager.class);

  private final TlsMaterial.ThrowingSupplier<X509ExtendedTrustManager> loader;
  private final Path file;
  private volatile X509ExtendedTrustManager current;
  private volatile FileTime loadedAt;

  ReloadingTrustManager(X509ExtendedTrustManager first, TlsMaterial.ThrowingSupplier<X509ExtendedTrustManager> loader,
      Path file) {
    this.current = first;
    this.loader = loader;
    this.file = file;
    this.loadedAt = mtime();
  }

  private FileTime mtime() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  private X509ExtendedTrustManager tm() {
    FileTime now = mtime();
    if (now != null && !now.equals(loadedAt)) {
      synchronized (this) {
        if (!now.equals(loadedAt)) {
          loadedAt = now;
          try {
            current = loader.get();
          } catch (Exception e) {
            LOG.warn("Keeping the previous client CAs: reloading {} failed: {}", file, e.getMessage());
          }
        }
      }
    }
    return current;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    tm().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    tm().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    tm().checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    tm().checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    tm().checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    tm().checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return tm().getAcceptedIssuers();
  }
}
