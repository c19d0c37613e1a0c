package dev.signalbox.exporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.config.Secret;
import dev.signalbox.kafka.AuthConfig;
import dev.signalbox.kafka.KafkaClientConfig;
import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.kafka.MetadataConfig;
import dev.signalbox.kafka.SaslConfig;
import dev.signalbox.kafka.TopicConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaExporterConfigTest {
  static KafkaExporterConfig bind(String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("config.yaml", yaml), KafkaExporterConfig.class,
        KafkaExporterConfig.defaults(), name -> name.equals("KAFKA_PASSWORD") ? "s3cr3t" : null);
  }

  @Test
  void fixtureBindsToTheWholeRecord() throws Exception {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("config.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    KafkaExporterConfig d = KafkaExporterConfig.defaults();
    KafkaExporterConfig expected = new KafkaExporterConfig(
        new KafkaClientConfig(List.of("kafka-0:9092", "kafka-1:9092"), "agent-1", "2.1.0",
            new AuthConfig(new SaslConfig("SCRAM-SHA-512", "otel", Secret.of("s3cr3t")), null),
            new MetadataConfig(false, Duration.ofMinutes(5), d.client().metadata().retry())),
        new TimeoutConfig(Duration.ofSeconds(10)),
        QueueConfig.defaults().withNumConsumers(4).withQueueSize(500),
        RetryConfig.defaults().withInitialInterval(Duration.ofSeconds(1)).withMaxInterval(Duration.ofSeconds(10)),
        "", "", new TopicConfig("spans", "otlp_json"), TopicConfig.UNSET, new TopicConfig("", "raw"),
        true, false, true,
        new KafkaExporterConfig.Producer(2_000_000, -1, KafkaExporterConfig.Compression.ZSTD, 100,
            Duration.ofMillis(5), true));
    assertThat(bind(yaml)).isEqualTo(expected);
  }

  @Test
  void defaultsAreTheCollectors() throws Exception {
    KafkaExporterConfig c = bind("");
    assertThat(c.client().brokers()).containsExactly("localhost:9092");
    assertThat(c.client().clientId()).isEqualTo("otel-collector");
    assertThat(c.client().auth().sasl()).isNull();
    assertThat(c.client().auth().tls()).isNull();
    assertThat(c.topicFor(Signal.TRACES)).isEqualTo("otlp_spans");
    assertThat(c.topicFor(Signal.METRICS)).isEqualTo("otlp_metrics");
    assertThat(c.topicFor(Signal.LOGS)).isEqualTo("otlp_logs");
    assertThat(c.encodingFor(Signal.TRACES)).isEqualTo(KafkaEncoding.OTLP_PROTO);
    assertThat(c.producer()).isEqualTo(KafkaExporterConfig.Producer.defaults());
    assertThat(c.producer().acks()).isEqualTo("1");
    assertThat(c.timeout().timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theOlderTopicAndEncodingApplyWhereASignalSaysNothing() throws Exception {
    KafkaExporterConfig c = bind("topic: telemetry\nencoding: otlp_json\nlogs: {topic: logs}\n");
    assertThat(c.topicFor(Signal.TRACES)).isEqualTo("telemetry");
    assertThat(c.topicFor(Signal.METRICS)).isEqualTo("telemetry");
    assertThat(c.topicFor(Signal.LOGS)).isEqualTo("logs");
    assertThat(c.encodingFor(Signal.LOGS)).isEqualTo(KafkaEncoding.OTLP_JSON);
  }

  @Test
  void producerPropertiesFollowTheConfig() throws Exception {
    KafkaExporterConfig c = bind("producer: {required_acks: -1, compression: lz4, idempotent: true, max_message_bytes: 5000000}\n"
        + "timeout: 2s\nauth: {sasl: {mechanism: PLAIN, username: u, password: 'p\"w'}}\n");
    var e = new KafkaExporter(dev.signalbox.component.ComponentSettings.forTest(dev.signalbox.component.Kind.EXPORTER,
        dev.signalbox.component.ComponentId.of("kafka")), c, java.util.Set.of(Signal.TRACES));
    Map<String, Object> p = e.producerProperties();
    assertThat(p).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 5_000_000)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2010)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\\\"w\";");
  }

  @Test
  void everyProblemIsReportedWithItsKey() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind("""
        brokers: [kafka-0, "kafka-1:9092"]
        protocol_version: latest
        encoding: zipkin_json
        metrics: {encoding: raw}
        logs: {encoding: avro}
        producer: {required_acks: 2, max_message_bytes: 0, idempotent: true}
        auth: {sasl: {mechanism: GSSAPI}}
        """));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "config.yaml:1:11 brokers[0]: 'kafka-0' is not host:port (e.g. kafka-0:9092)",
        "config.yaml:2:1 protocol_version: 'latest' is not a Kafka version such as 2.1.0",
        "config.yaml:3:1 encoding: encoding 'zipkin_json' is not available in Signalbox; use otlp_proto or otlp_json (or raw for logs)",
        "config.yaml:4:11 metrics.encoding: encoding 'raw' cannot carry metrics; use otlp_proto or otlp_json",
        "config.yaml:5:8 logs.encoding: unknown encoding 'avro': use otlp_proto, otlp_json, raw (logs)",
        "config.yaml:6:12 producer.required_acks: must be 0 (no wait), 1 (leader) or -1 (all in-sync replicas), got 2",
        "config.yaml:6:30 producer.max_message_bytes: must be > 0, got 0",
        "config.yaml:6:52 producer.idempotent: needs required_acks: -1 (the idempotent producer waits for all in-sync replicas)",
        "config.yaml:7:15 auth.sasl.mechanism: unsupported mechanism 'GSSAPI': use one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (AWS_MSK_IAM and GSSAPI are not available in Signalbox)",
        "config.yaml:7:8 auth.sasl.username: must be set",
        "config.yaml:7:8 auth.sasl.password: must be set");
  }

  @Test
  void anEncodingThatCannotCarryAPipelinesSignalFailsAtCreation() throws Exception {
    KafkaExporterConfig c = bind("encoding: raw\n");
    var settings = dev.signalbox.component.ComponentSettings.forTest(dev.signalbox.component.Kind.EXPORTER,
        dev.signalbox.component.ComponentId.of("kafka"));
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> new KafkaExporterFactory().create(settings, c, java.util.Set.of(Signal.TRACES))))
        .hasMessage("exporters.kafka: encoding 'raw' cannot carry traces; set exporters.kafka.traces.encoding to"
            + " otlp_proto or otlp_json");
    // fine for logs
    new KafkaExporterFactory().create(settings, c, java.util.Set.of(Signal.LOGS));
  }
}
