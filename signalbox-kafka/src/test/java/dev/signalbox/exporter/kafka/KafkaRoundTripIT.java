package dev.signalbox.exporter.kafka;

import static dev.signalbox.kafka.KafkaTesting.bind;
import static dev.signalbox.kafka.KafkaTesting.bootstrap;
import static dev.signalbox.kafka.KafkaTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.Consumers;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.Receiver;
import dev.signalbox.kafka.KafkaTesting;
import dev.signalbox.pdata.Batches;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.receiver.kafka.KafkaReceiverConfig;
import dev.signalbox.receiver.kafka.KafkaReceiverFactory;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exporter → real broker → receiver, in process: the exact content of traces, metrics and logs
 * arrives, for each encoding and each compression.
 */
class KafkaRoundTripIT {
  private final SinkConsumer<Traces> traces = new SinkConsumer<>();
  private final SinkConsumer<Metrics> metrics = new SinkConsumer<>();
  private final SinkConsumer<Logs> logs = new SinkConsumer<>();
  private Receiver receiver;
  private Exporter exporter;

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(10)));
    }
    if (receiver != null) {
      receiver.shutdown(Deadline.in(Duration.ofSeconds(10)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"otlp_proto", "otlp_json"})
  void everySignalArrivesExactlyInEachEncoding(String encoding) throws Exception {
    String prefix = uniqueName("rt-" + encoding);
    String topics = "traces: {topic: " + prefix + "-spans, encoding: " + encoding + "}\n"
        + "metrics: {topic: " + prefix + "-metrics, encoding: " + encoding + "}\n"
        + "logs: {topic: " + prefix + "-logs, encoding: " + encoding + "}\n";
    startExporter(topics + "producer: {compression: none}\n");
    startReceiver(topics + "group_id: " + prefix + "\n");

    Traces t = TestData.traces("svc", 0, 25);
    Metrics m = TestData.metrics(0, 7);
    Logs l = TestData.logs(0, 11);
    send(Signal.TRACES, t);
    send(Signal.METRICS, m);
    send(Signal.LOGS, l);

    await().atMost(Duration.ofSeconds(30)).until(() -> traces.itemCount() == 25 && metrics.itemCount() == 7
        && logs.itemCount() == 11);
    assertThat(merged(traces.batches(), Signal.TRACES)).isEqualTo(t);
    assertThat(merged(metrics.batches(), Signal.METRICS)).isEqualTo(m);
    assertThat(merged(logs.batches(), Signal.LOGS)).isEqualTo(l);
    assertThat(traces.received().getFirst().context().transport()).isEqualTo("kafka");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
  void compressedMessagesArriveExactly(String compression) throws Exception {
    String topic = uniqueName("rt-" + compression);
    startExporter("traces: {topic: " + topic + "}\nproducer: {compression: " + compression + "}\n");
    startReceiver("traces: {topic: " + topic + "}\ngroup_id: " + topic + "\n");
    Traces t = TestData.traces("svc", 100, 300);
    send(Signal.TRACES, t);
    await().atMost(Duration.ofSeconds(30)).until(() -> traces.itemCount() == 300);
    assertThat(merged(traces.batches(), Signal.TRACES)).isEqualTo(t);
  }

  @Test
  void wireBackedBatchesAreSentAsTheirBytes() throws Exception {
    String topic = uniqueName("rt-wire");
    startExporter("traces: {topic: " + topic + "}\n");
    byte[] request = OtlpProtoCodec.INSTANCE.encode(TestData.traces("svc", 0, 3));
    Traces wire = OtlpProtoCodec.INSTANCE.decodeTraces(request, 0, request.length);
    send(Signal.TRACES, wire);
    assertThat(wire.isWireBacked()).as("the exporter did not decode the batch").isTrue();
    var records = KafkaTesting.read(topic, 1, Duration.ofSeconds(20));
    assertThat(records).hasSize(1);
    assertThat(records.getFirst().value()).isEqualTo(request);
    assertThat(records.getFirst().key()).isNull();
  }

  @Test
  void theOlderSingleTopicAndEncodingKeysStillWork() throws Exception {
    // The seeds' gateway layout: one topic and one encoding at the top level.
    String topic = uniqueName("rt-legacy");
    startExporter("topic: " + topic + "\nencoding: otlp_json\n");
    startReceiver("topic: " + topic + "\nencoding: otlp_json\ngroup_id: " + topic + "\n");
    Traces t = TestData.traces("legacy", 0, 4);
    send(Signal.TRACES, t);
    await().atMost(Duration.ofSeconds(30)).until(() -> traces.itemCount() == 4);
    assertThat(merged(traces.batches(), Signal.TRACES)).isEqualTo(t);
    var raw = KafkaTesting.read(topic, 1, Duration.ofSeconds(10));
    assertThat(new String(raw.getFirst().value(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"resourceSpans\"");
  }

  @Test
  void rawLogBodiesTravelAsMessages() throws Exception {
    String topic = uniqueName("rt-raw");
    startExporter("logs: {topic: " + topic + ", encoding: raw}\n");
    startReceiver("logs: {topic: " + topic + ", encoding: text}\ngroup_id: " + topic + "\n");
    send(Signal.LOGS, TestData.logs(0, 3));
    await().atMost(Duration.ofSeconds(30)).until(() -> logs.itemCount() == 3);
    List<String> bodies = logs.batches().stream()
        .map(b -> b.resourceLogs().get(0).scopeLogs().get(0).logRecords().get(0).body().asString()).toList();
    assertThat(bodies).containsExactly("log line 0", "log line 1", "log line 2");
  }

  private void startExporter(String yaml) throws Exception {
    KafkaExporterConfig c = bind(KafkaExporterConfig.class, KafkaExporterConfig.defaults(),
        "brokers: [" + bootstrap() + "]\nsending_queue: {enabled: false}\n" + yaml);
    exporter = new KafkaExporterFactory().create(KafkaTesting.settings(Kind.EXPORTER, "kafka", new MetricRegistry()),
        c, Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS));
    exporter.start(new TestHost());
  }

  private void startReceiver(String yaml) throws Exception {
    KafkaReceiverConfig c = bind(KafkaReceiverConfig.class, KafkaReceiverConfig.defaults(),
        "brokers: [" + bootstrap() + "]\ninitial_offset: earliest\n" + yaml);
    Consumers.Builder b = Consumers.builder();
    String all = yaml;
    if (all.contains("traces") || all.contains("topic: ")) {
      b.put(Signal.TRACES, traces);
    }
    if (all.contains("metrics")) {
      b.put(Signal.METRICS, metrics);
    }
    if (all.contains("logs")) {
      b.put(Signal.LOGS, logs);
    }
    receiver = new KafkaReceiverFactory().create(
        KafkaTesting.settings(Kind.RECEIVER, "kafka", new MetricRegistry()), c, b.build());
    receiver.start(new TestHost());
  }

  private <T extends Telemetry> void send(Signal<T> s, T data) throws Exception {
    exporter.consumer(s).consume(Context.empty(), data);
  }

  private static <T extends Telemetry> T merged(List<T> batches, Signal<T> s) {
    T all = s.empty();
    for (T b : batches) {
      Batches.append(all, Batches.copy(b));
    }
    return all;
  }
}
