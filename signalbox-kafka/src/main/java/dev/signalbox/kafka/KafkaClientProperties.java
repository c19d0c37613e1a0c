package dev.signalbox.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/** Translates {@link KafkaClientConfig} into the kafka-clients properties both clients share. */
public final class KafkaClientProperties {
  private KafkaClientProperties() {}

  /** {@code bootstrap.servers}, {@code client.id}, metadata, security protocol, SASL and TLS. */
  public static Map<String, Object> of(KafkaClientConfig c) {
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", c.brokers().stream().map(String::strip).toList()));
    if (!c.clientId().isEmpty()) {
      p.put(CommonClientConfigs.CLIENT_ID_CONFIG, c.clientId());
    }
    p.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, c.metadata().refreshInterval().toMillis());
    p.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, c.metadata().retry().backoff().toMillis());
    AuthConfig auth = c.auth();
    boolean tls = auth != null && auth.usesTls();
    boolean sasl = auth != null && auth.sasl() != null;
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        sasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT"));
    if (sasl) {
      SaslConfig s = auth.sasl();
      String mechanism = s.mechanism().toUpperCase(java.util.Locale.ROOT);
      String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
          : "org.apache.kafka.common.security.scram.ScramLoginModule";
      p.put(SaslConfigs.SASL_MECHANISM, mechanism);
      p.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + jaasEscape(s.username())
          + "\" password=\"" + jaasEscape(s.password().reveal()) + "\";");
    }
    if (tls) {
      p.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, KafkaTlsEngineFactory.class);
      p.put(KafkaTlsEngineFactory.CONFIG_KEY, auth.tls());
    }
    return p;
  }

  /** JAAS quoted strings: backslash and double quote escaped. */
  static String jaasEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
