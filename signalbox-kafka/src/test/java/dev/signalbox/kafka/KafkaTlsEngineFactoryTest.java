package dev.signalbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.sdk.tls.TlsClientConfig;
import dev.signalbox.testing.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaTlsEngineFactoryTest {
  @Test
  void verifiesTheBrokersHostNameByDefault() {
    KafkaTlsEngineFactory f = new KafkaTlsEngineFactory();
    f.configure(Map.of(KafkaTlsEngineFactory.CONFIG_KEY, TlsClientConfig.defaults()));
    var p = f.parametersFor("kafka-0.example", 9093);
    assertThat(p.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(List.of(p.getProtocols())).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
  }

  @Test
  void aServerNameOverrideIsSentAsSniAndCheckedByTheTrustManagerInstead() {
    KafkaTlsEngineFactory f = new KafkaTlsEngineFactory();
    f.configure(Map.of(KafkaTlsEngineFactory.CONFIG_KEY,
        TlsClientConfig.defaults().withServerNameOverride("kafka.internal")));
    var p = f.parametersFor("10.1.2.3", 9093);
    assertThat(p.getEndpointIdentificationAlgorithm()).isNull();
    assertThat(p.getServerNames()).hasSize(1);
    assertThat(p.getServerNames().getFirst().toString()).contains("kafka.internal");
  }

  @Test
  void insecureSkipVerifyChecksNoName() {
    KafkaTlsEngineFactory f = new KafkaTlsEngineFactory();
    f.configure(Map.of(KafkaTlsEngineFactory.CONFIG_KEY, TlsClientConfig.defaults().withInsecureSkipVerify(true)));
    assertThat(f.parametersFor("127.0.0.1", 9093).getEndpointIdentificationAlgorithm()).isNull();
  }

  @Test
  void kafkaClientsPassOurTlsBlockToTheFactory() {
    KafkaClientConfig c = KafkaClientConfig.defaults().withBrokers(List.of("127.0.0.1:" + Ports.free()));
    c = new KafkaClientConfig(c.brokers(), c.clientId(), "", new AuthConfig(null,
        TlsClientConfig.defaults().withInsecureSkipVerify(true)), c.metadata());
    Map<String, Object> props = KafkaClientProperties.of(c);
    assertThat(props).containsEntry("security.protocol", "SSL");
    // kafka-clients builds its SSL channel (and so our factory) in the constructor: a bad hand-over would throw
    try (var p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      p.close(Duration.ZERO);
    }
  }
}
