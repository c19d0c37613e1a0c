package dev.signalbox.receiver.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Kind;
import dev.signalbox.kafka.AuthConfig;
import dev.signalbox.kafka.KafkaClientConfig;
import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.kafka.KafkaTlsEngineFactory;
import dev.signalbox.kafka.TopicConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.tls.TlsClientConfig;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.testing.SinkConsumer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

class KafkaReceiverConfigTest {
  static KafkaReceiverConfig bind(String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("config.yaml", yaml), KafkaReceiverConfig.class,
        KafkaReceiverConfig.defaults(), name -> null);
  }

  @Test
  void fixtureBindsToTheWholeRecord() throws Exception {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("config.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    KafkaReceiverConfig d = KafkaReceiverConfig.defaults();
    KafkaReceiverConfig expected = new KafkaReceiverConfig(
        new KafkaClientConfig(List.of("kafka-0:9092"), "gateway-1", "",
            new AuthConfig(null, TlsClientConfig.defaults().withInsecureSkipVerify(true)), d.client().metadata()),
        "telemetry-traces", "otlp_proto", TopicConfig.UNSET, new TopicConfig("telemetry-metrics", "otlp_json"),
        TopicConfig.UNSET, "otel-consumer", "", KafkaReceiverConfig.InitialOffset.EARLIEST, Duration.ofSeconds(30),
        Duration.ofSeconds(5), "cooperative-sticky", 1, 1_048_576, 0, Duration.ofMillis(100),
        new KafkaReceiverConfig.AutoCommit(false, Duration.ofSeconds(1)));
    KafkaReceiverConfig c = bind(yaml);
    assertThat(c).isEqualTo(expected);
    assertThat(c.topicFor(Signal.TRACES)).isEqualTo("telemetry-traces");
    assertThat(c.topicFor(Signal.METRICS)).isEqualTo("telemetry-metrics");
    assertThat(c.encodingFor(Signal.METRICS)).isEqualTo(KafkaEncoding.OTLP_JSON);
  }

  @Test
  void defaultsAreTheCollectors() throws Exception {
    KafkaReceiverConfig c = bind("");
    assertThat(c.groupId()).isEqualTo("otel-collector");
    assertThat(c.initialOffset()).isEqualTo(KafkaReceiverConfig.InitialOffset.LATEST);
    assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.autocommit()).isEqualTo(new KafkaReceiverConfig.AutoCommit(true, Duration.ofSeconds(1)));
    assertThat(c.topicFor(Signal.TRACES)).isEqualTo("otlp_spans");
    assertThat(c.topicFor(Signal.LOGS)).isEqualTo("otlp_logs");
  }

  @Test
  void consumerPropertiesFollowTheConfig() throws Exception {
    KafkaReceiverConfig c = bind("group_id: g\ninitial_offset: earliest\ngroup_rebalance_strategy: cooperative-sticky\n"
        + "session_timeout: 20s\nauth: {tls: {insecure_skip_verify: true}}\n");
    var r = new KafkaReceiver(settings(), c, Consumers.of(Signal.TRACES, new SinkConsumer<Traces>()));
    Map<String, Object> p = r.consumerProperties();
    assertThat(p).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 20_000)
        .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.engine.factory.class", KafkaTlsEngineFactory.class)
        .containsEntry(KafkaTlsEngineFactory.CONFIG_KEY, c.client().auth().tls());
  }

  @Test
  void everyProblemIsReportedWithItsKey() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind("""
        group_id: ""
        session_timeout: 3s
        heartbeat_interval: 3s
        group_rebalance_strategy: fastest
        traces: {encoding: text}
        autocommit: {interval: 0s}
        initial_offset: newest
        """));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "config.yaml:1:1 group_id: must be set: consumers of one group share the topic's partitions",
        "config.yaml:3:1 heartbeat_interval: must be less than session_timeout (PT3S), got PT3S",
        "config.yaml:4:1 group_rebalance_strategy: unknown strategy 'fastest': use one of range, roundrobin, sticky, cooperative-sticky",
        "config.yaml:5:10 traces.encoding: encoding 'text' cannot carry traces; use otlp_proto or otlp_json",
        "config.yaml:6:14 autocommit.interval: must be > 0, got PT0S",
        "config.yaml:7:1 initial_offset: expected one of: latest, earliest, got 'newest'");
  }

  @Test
  void twoSignalsCannotShareATopic() throws Exception {
    KafkaReceiverConfig c = bind("topic: telemetry\n");
    Consumers both = Consumers.builder().put(Signal.TRACES, new SinkConsumer<>())
        .put(Signal.METRICS, new SinkConsumer<>()).build();
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> new KafkaReceiverFactory().create(settings(), c, both)))
        .hasMessage("receivers.kafka: traces and metrics would both read topic 'telemetry', and a message does not"
            + " say which signal it holds; set receivers.kafka.traces.topic and receivers.kafka.metrics.topic to"
            + " different topics");
  }

  private static ComponentSettings settings() {
    return ComponentSettings.forTest(Kind.RECEIVER, ComponentId.of("kafka"));
  }
}
