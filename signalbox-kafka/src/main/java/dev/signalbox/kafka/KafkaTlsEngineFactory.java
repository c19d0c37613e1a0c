package dev.signalbox.kafka;

import dev.signalbox.sdk.tls.TlsClientConfig;
import dev.signalbox.sdk.tls.TlsConfigException;
import dev.signalbox.sdk.tls.TlsContexts;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.security.auth.SslEngineFactory;

/**
 * kafka-clients' TLS engines built by the sdk's TLS code from our {@code tls} block, so that
 * {@code ca_file}/{@code ca_pem}, client certificates, {@code insecure_skip_verify},
 * {@code server_name_override}, versions, suites and curves behave as for every other Signalbox
 * client (kafka-clients' own {@code ssl.*} keys have no skip-verify and no name override).
 *
 * <p>kafka-clients instantiates this class itself ({@code ssl.engine.factory.class}) and passes
 * it the client's properties, in which {@link KafkaClientProperties} put the block under
 * {@link #CONFIG_KEY}. Client side only.
 */
public final class KafkaTlsEngineFactory implements SslEngineFactory {
  /** The property holding the {@link TlsClientConfig}. */
  public static final String CONFIG_KEY = "signalbox.tls.config";

  private TlsClientConfig config;
  private SSLContext context;

  @Override
  public void configure(Map<String, ?> configs) {
    Object c = configs.get(CONFIG_KEY);
    if (!(c instanceof TlsClientConfig t)) {
      throw new KafkaException("bug: " + CONFIG_KEY + " is missing from the client properties");
    }
    config = t;
    try {
      context = TlsContexts.jdkClient(t);
    } catch (TlsConfigException e) {
      throw new KafkaException(e.getMessage(), e);
    }
  }

  @Override
  public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
    SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
    engine.setUseClientMode(true);
    SSLParameters p = TlsContexts.jdkClientParameters(config);
    // The host name is checked by the JDK against the broker's address unless the trust manager
    // checks a fixed name (server_name_override) or nothing (insecure_skip_verify).
    if (!config.insecureSkipVerify() && config.serverNameOverride().isEmpty()) {
      p.setEndpointIdentificationAlgorithm("HTTPS");
    }
    engine.setSSLParameters(p);
    return engine;
  }

  /** The engine {@link #createClientSslEngine} would make, for tests. */
  SSLParameters parametersFor(String host, int port) {
    return createClientSslEngine(host, port, "https").getSSLParameters();
  }

  @Override
  public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
    throw new UnsupportedOperationException("Signalbox's Kafka TLS is for clients only");
  }

  @Override
  public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
    return false;
  }

  @Override
  public Set<String> reconfigurableConfigs() {
    return Set.of();
  }

  @Override
  public KeyStore keystore() {
    return null;
  }

  @Override
  public KeyStore truststore() {
    return null;
  }

  @Override
  public void close() {}
}
