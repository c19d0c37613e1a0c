package dev.signalbox.kafka;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client keys both Kafka components embed at their top level ({@code @Squash}), the Collector's
 * {@code configkafka.ClientConfig}.
 *
 * @param brokers bootstrap brokers, {@code host:port} each (default {@code [localhost:9092]})
 * @param clientId {@code client.id} (default {@code otel-collector}, as the Collector's)
 * @param protocolVersion accepted for compatibility and checked for form ({@code 2.1.0}); kafka-clients
 *     negotiates API versions with each broker itself, so it has no effect (default empty)
 * @param auth SASL and TLS (default: neither)
 * @param metadata metadata refresh and retry
 */
public record KafkaClientConfig(
    List<String> brokers,
    String clientId,
    String protocolVersion,
    AuthConfig auth,
    MetadataConfig metadata) implements ConfigBlock {

  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^:\\s\\[\\]]+):(\\d{1,5})");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)*");

  public KafkaClientConfig {
    brokers = brokers == null ? List.of() : List.copyOf(brokers);
    clientId = clientId == null ? "" : clientId;
    protocolVersion = protocolVersion == null ? "" : protocolVersion;
  }

  public static KafkaClientConfig defaults() {
    return new KafkaClientConfig(List.of("localhost:9092"), "otel-collector", "", AuthConfig.defaults(),
        MetadataConfig.defaults());
  }

  public KafkaClientConfig withBrokers(List<String> brokers) {
    return new KafkaClientConfig(brokers, clientId, protocolVersion, auth, metadata);
  }

  @Override
  public void validate(Problems problems) {
    if (brokers.isEmpty()) {
      problems.error("brokers", "must list at least one broker as host:port");
    }
    for (int i = 0; i < brokers.size(); i++) {
      String b = brokers.get(i);
      var m = HOST_PORT.matcher(b == null ? "" : b.strip());
      if (!m.matches() || Integer.parseInt(m.group(2)) == 0 || Integer.parseInt(m.group(2)) > 65535) {
        problems.at("brokers").at(i).error("'" + b + "' is not host:port (e.g. kafka-0:9092)");
      }
    }
    if (!protocolVersion.isEmpty() && !VERSION.matcher(protocolVersion).matches()) {
      problems.error("protocol_version", "'" + protocolVersion + "' is not a Kafka version such as 2.1.0");
    }
  }
}
