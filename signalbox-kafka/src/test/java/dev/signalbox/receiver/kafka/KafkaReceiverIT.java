package dev.signalbox.receiver.kafka;

import static dev.signalbox.kafka.KafkaTesting.bind;
import static dev.signalbox.kafka.KafkaTesting.bootstrap;
import static dev.signalbox.kafka.KafkaTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.kafka.KafkaTesting;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The receiver against a real broker: malformed records, back-pressure, commits and restarts. */
class KafkaReceiverIT {
  private final MetricRegistry metrics = new MetricRegistry();
  private final List<KafkaReceiver> receivers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (KafkaReceiver r : receivers) {
      r.shutdown(Deadline.in(Duration.ofSeconds(10)));
    }
  }

  @Test
  void aMalformedRecordIsSkippedCountedAndLoggedWithItsOffsetAndLaterRecordsArrive() throws Exception {
    String topic = uniqueName("bad");
    KafkaTesting.produce(topic, null, spans(0, 2));
    KafkaTesting.produce(topic, null, "this is not OTLP".getBytes(StandardCharsets.UTF_8));
    KafkaTesting.produce(topic, null, spans(2, 3));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(KafkaReceiver.class)).addAppender(log);
    try {
      SinkConsumer<Traces> sink = new SinkConsumer<>();
      start(topic, topic, sink);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.itemCount() == 5);
      assertThat(seqs(sink)).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(metrics.value("otelcol_receiver_refused_requests", "receiver", "kafka", "transport", "kafka",
          "reason", "malformed")).isEqualTo(1.0);
      assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
          .contains("skipped a malformed traces record at topic " + topic + " partition 0 offset 1"));
    } finally {
      ((Logger) LoggerFactory.getLogger(KafkaReceiver.class)).detachAppender(log);
    }
  }

  @Test
  void aRetryableRefusalPausesThePartitionAndDeliversTheSameRecordsAgainInOrder() throws Exception {
    String topic = uniqueName("refuse");
    for (int i = 0; i < 5; i++) {
      KafkaTesting.produce(topic, null, spans(i, 1));
    }
    SinkConsumer<Traces> sink = new SinkConsumer<>();
    sink.refuseWith(new RetryableException("queue full", null, Duration.ofMillis(200), true));
    start(topic, topic, sink);
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.calls() >= 3);
    assertThat(sink.itemCount()).isZero();
    sink.refuseWith(null);
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.itemCount() == 5);
    assertThat(seqs(sink)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void aPermanentRefusalDropsTheRecordAndGoesOn() throws Exception {
    String topic = uniqueName("permanent");
    KafkaTesting.produce(topic, null, spans(0, 1));
    KafkaTesting.produce(topic, null, spans(1, 1));
    SinkConsumer<Traces> sink = new SinkConsumer<>();
    dev.signalbox.component.Consumer<Traces> refuseSeq0 = (ctx, data) -> {
      if (data.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).attributes().get("seq").toString().equals("0")) {
        throw new PermanentException("bad data");
      }
      sink.consume(ctx, data);
    };
    start(topic, topic, refuseSeq0, "");
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.itemCount() == 1);
    assertThat(seqs(sink)).containsExactly(1L);
  }

  @Test
  void acceptedOffsetsAreCommittedAndRefusedOnesAreNot() throws Exception {
    String topic = uniqueName("commit");
    String group = topic;
    KafkaTesting.produce(topic, null, spans(0, 1));
    KafkaTesting.produce(topic, null, spans(1, 1));
    SinkConsumer<Traces> first = new SinkConsumer<>();
    KafkaReceiver r1 = start(topic, group, first);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.itemCount() == 2);
    // the pipeline now refuses: records 2 and 3 are read but never accepted
    first.refuseWith(new RetryableException("backend down"));
    KafkaTesting.produce(topic, null, spans(2, 1));
    KafkaTesting.produce(topic, null, spans(3, 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> first.calls() >= 4);
    r1.shutdown(Deadline.in(Duration.ofSeconds(10)));
    receivers.remove(r1);

    // a new member of the same group starts after the last accepted record: 2 and 3, nothing twice
    SinkConsumer<Traces> second = new SinkConsumer<>();
    start(topic, group, second);
    await().atMost(Duration.ofSeconds(30)).until(() -> second.itemCount() == 2);
    assertThat(seqs(second)).containsExactly(2L, 3L);
  }

  @Test
  void autocommitOffCommitsAfterEveryPoll() throws Exception {
    String topic = uniqueName("sync-commit");
    KafkaTesting.produce(topic, null, spans(0, 1));
    SinkConsumer<Traces> first = new SinkConsumer<>();
    KafkaReceiver r1 = start(topic, topic, first, "autocommit: {enable: false}\n");
    await().atMost(Duration.ofSeconds(30)).until(() -> first.itemCount() == 1);
    r1.shutdown(Deadline.in(Duration.ofSeconds(10)));
    receivers.remove(r1);
    KafkaTesting.produce(topic, null, spans(1, 1));
    SinkConsumer<Traces> second = new SinkConsumer<>();
    start(topic, topic, second, "autocommit: {enable: false}\n");
    await().atMost(Duration.ofSeconds(30)).until(() -> second.itemCount() == 1);
    assertThat(seqs(second)).containsExactly(1L);
  }

  private KafkaReceiver start(String topic, String group, SinkConsumer<Traces> sink) throws Exception {
    return start(topic, group, sink, "");
  }

  private KafkaReceiver start(String topic, String group, dev.signalbox.component.Consumer<Traces> sink, String extra) throws Exception {
    KafkaReceiverConfig c = bind(KafkaReceiverConfig.class, KafkaReceiverConfig.defaults(),
        "brokers: [" + bootstrap() + "]\ninitial_offset: earliest\ntraces: {topic: " + topic + "}\ngroup_id: "
            + group + "\n" + extra);
    KafkaReceiver r = new KafkaReceiver(KafkaTesting.settings(Kind.RECEIVER, "kafka", metrics), c,
        Consumers.of(Signal.TRACES, sink));
    r.start(new TestHost());
    receivers.add(r);
    return r;
  }

  private static byte[] spans(long firstSeq, int n) {
    return OtlpProtoCodec.INSTANCE.encode(TestData.traces("svc", firstSeq, n));
  }

  static List<Long> seqs(SinkConsumer<Traces> sink) {
    List<Long> out = new ArrayList<>();
    for (Traces t : sink.batches()) {
      t.resourceSpans().forEach(rs -> rs.scopeSpans().forEach(ss -> ss.spans().forEach(
          s -> out.add(Long.parseLong(s.attributes().get("seq").toString())))));
    }
    return out;
  }
}
