package dev.signalbox.sdk.tls;

import java.io.IOException;

/**
 * TLS material could not be loaded. The message starts with the config key, e.g.
 * {@code tls.key_file: cannot parse private key in /etc/x.key: ...}.
 */
public final class TlsConfigException extends IOException {
  public TlsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
