package dev.signalbox.kafka;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.sdk.tls.TlsClientConfig;

/**
 * The {@code auth} block. Written alone, neither block is enabled (plaintext, no authentication).
 *
 * <pre>{@code
 * auth:
 *   sasl: {mechanism: SCRAM-SHA-512, username: otel, password: ${env:KAFKA_PASSWORD}}
 *   tls: {ca_file: /etc/kafka/ca.pem}   # present: TLS (unless insecure: true)
 * }</pre>
 *
 * @param sasl SASL user/password authentication; absent unless written
 * @param tls TLS to the brokers; absent unless written. {@code insecure: true} inside it means
 *     plaintext, as in the Collector
 */
public record AuthConfig(@Presence SaslConfig sasl, @Presence TlsClientConfig tls) implements ConfigBlock {
  public static AuthConfig defaults() {
    return new AuthConfig(SaslConfig.defaults(), TlsClientConfig.defaults());
  }

  /** True when TLS is used: the block is written and not {@code insecure}. */
  public boolean usesTls() {
    return tls != null && !tls.insecure();
  }
}
