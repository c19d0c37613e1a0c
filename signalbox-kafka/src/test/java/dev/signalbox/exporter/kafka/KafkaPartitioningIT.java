package dev.signalbox.exporter.kafka;

import static dev.signalbox.kafka.KafkaTesting.bind;
import static dev.signalbox.kafka.KafkaTesting.bootstrap;
import static dev.signalbox.kafka.KafkaTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.kafka.KafkaTesting;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.TraceId;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Partitioning splits a batch into one message per key; keys checked with a plain KafkaConsumer. */
class KafkaPartitioningIT {
  private Exporter exporter;

  @AfterEach
  void stop() throws Exception {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(10)));
  }

  @Test
  void tracesAreSplitPerTraceIdAndKeyedByItsHex() throws Exception {
    String topic = KafkaTesting.createTopic(uniqueName("part-traces"), 4);
    start("traces: {topic: " + topic + "}\npartition_traces_by_id: true\n");
    // two resources; spans of three traces interleaved across them
    Traces t = new Traces();
    for (int r = 0; r < 2; r++) {
      ResourceSpans rs = t.resourceSpans().addNew();
      rs.resource().attributes().put("service.name", "svc-" + r);
      var ss = rs.scopeSpans().addNew();
      ss.scope().setName("scope-" + r);
      for (int i = 0; i < 3; i++) {
        ss.spans().addNew().setTraceId(7, i + 1).setSpanId(10L * r + i + 1).setName("s" + r + i);
      }
    }
    exporter.consumer(Signal.TRACES).consume(Context.empty(), t);

    List<ConsumerRecord<byte[], byte[]>> records = KafkaTesting.read(topic, 3, Duration.ofSeconds(20));
    assertThat(records).hasSize(3);
    Map<String, Integer> partitionOfKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> rec : records) {
      String key = new String(rec.key(), StandardCharsets.US_ASCII);
      Traces part = OtlpProtoCodec.INSTANCE.decodeTracesEager(rec.value(), 0, rec.value().length);
      assertThat(part.itemCount()).isEqualTo(2);
      assertThat(part.resourceSpans()).hasSize(2);
      Set<String> ids = new HashSet<>();
      for (ResourceSpans rs : part.resourceSpans()) {
        assertThat(rs.scopeSpans()).hasSize(1);
        for (Span s : rs.scopeSpans().get(0).spans()) {
          ids.add(s.traceId().toHex());
          assertThat(rs.resource().attributes().getString("service.name")).isEqualTo("svc-" + s.name().charAt(1));
        }
      }
      assertThat(ids).containsExactly(key);
      partitionOfKey.put(key, rec.partition());
    }
    assertThat(partitionOfKey.keySet()).containsExactlyInAnyOrder(new TraceId(7, 1).toHex(), new TraceId(7, 2).toHex(),
        new TraceId(7, 3).toHex());

    // the same trace id again lands on the same partition
    Traces again = new Traces();
    again.resourceSpans().addNew().scopeSpans().addNew().spans().addNew().setTraceId(7, 2).setSpanId(99);
    exporter.consumer(Signal.TRACES).consume(Context.empty(), again);
    var all = KafkaTesting.read(topic, 4, Duration.ofSeconds(20));
    ConsumerRecord<byte[], byte[]> last = all.stream().filter(r -> r.value().length < 40).findFirst().orElseThrow();
    assertThat(last.partition()).isEqualTo(partitionOfKey.get(new TraceId(7, 2).toHex()));
  }

  @Test
  void metricsAreSplitPerResourceAndKeyedByAHashOfItsAttributes() throws Exception {
    String topic = KafkaTesting.createTopic(uniqueName("part-metrics"), 3);
    start("metrics: {topic: " + topic + "}\npartition_metrics_by_resource_attributes: true\n");
    Metrics m = TestData.metrics(0, 2);
    Metrics b = TestData.metrics(2, 3);
    b.resourceMetrics().get(0).resource().attributes().put("host.name", "b");
    Metrics b2 = TestData.metrics(0, 1);
    b2.resourceMetrics().get(0).resource().attributes().put("host.name", "b");
    Metrics c = TestData.metrics(5, 2); // the same attributes as m
    c.resourceMetrics().get(0).resource().attributes().clear();
    c.resourceMetrics().get(0).resource().attributes().put("service.name", "svc");
    dev.signalbox.pdata.Batches.append(m, b);
    dev.signalbox.pdata.Batches.append(m, c);
    exporter.consumer(Signal.METRICS).consume(Context.empty(), m);

    var records = KafkaTesting.read(topic, 2, Duration.ofSeconds(20));
    assertThat(records).hasSize(2);
    Map<String, Integer> itemsByKey = new HashMap<>();
    for (var rec : records) {
      assertThat(rec.key()).hasSize(16);
      Metrics part = OtlpProtoCodec.INSTANCE.decodeMetricsEager(rec.value(), 0, rec.value().length);
      itemsByKey.put(java.util.HexFormat.of().formatHex(rec.key()), part.itemCount());
    }
    var hex = java.util.HexFormat.of();
    // m and c have equal attributes: one message of 2 + 2 points; b its own of 3
    assertThat(itemsByKey).containsExactlyInAnyOrderEntriesOf(Map.of(
        hex.formatHex(Messages.hash(TestData.metrics(0, 1).resourceMetrics().get(0).resource().attributes())), 4,
        hex.formatHex(Messages.hash(b2.resourceMetrics().get(0).resource().attributes())), 3));
  }

  @Test
  void logsAreSplitPerResourceAndKeyedByAHashOfItsAttributes() throws Exception {
    String topic = KafkaTesting.createTopic(uniqueName("part-logs"), 2);
    start("logs: {topic: " + topic + "}\npartition_logs_by_resource_attributes: true\n");
    Logs l = TestData.logs(0, 2);
    Logs other = TestData.logs(2, 2);
    other.resourceLogs().get(0).resource().attributes().put("service.name", "other");
    dev.signalbox.pdata.Batches.append(l, other);
    exporter.consumer(Signal.LOGS).consume(Context.empty(), l);
    var records = KafkaTesting.read(topic, 2, Duration.ofSeconds(20));
    assertThat(records).hasSize(2);
    for (var rec : records) {
      Logs part = OtlpProtoCodec.INSTANCE.decodeLogsEager(rec.value(), 0, rec.value().length);
      assertThat(part.resourceLogs()).hasSize(1);
      assertThat(rec.key()).isEqualTo(Messages.hash(part.resourceLogs().get(0).resource().attributes()));
    }
  }

  private void start(String yaml) throws Exception {
    KafkaExporterConfig c = bind(KafkaExporterConfig.class, KafkaExporterConfig.defaults(),
        "brokers: [" + bootstrap() + "]\nsending_queue: {enabled: false}\n" + yaml);
    exporter = new KafkaExporterFactory().create(KafkaTesting.settings(Kind.EXPORTER, "kafka", new MetricRegistry()),
        c, Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS));
    exporter.start(new TestHost());
  }
}
