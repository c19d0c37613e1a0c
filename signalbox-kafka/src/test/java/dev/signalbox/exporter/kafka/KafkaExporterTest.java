package dev.signalbox.exporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.TestHost;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The push function against kafka-clients' MockProducer: what is sent, and how errors are classified. */
class KafkaExporterTest {
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private KafkaExporter exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }


  private void start(String yaml) throws Exception {
    KafkaExporterConfig c = ConfigBinder.bind(ConfigSource.of("t.yaml", yaml), KafkaExporterConfig.class,
        KafkaExporterConfig.defaults(), n -> null);
    exporter = new KafkaExporter(ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("kafka")), c,
        Set.of(Signal.TRACES), props -> producer);
    exporter.start(new TestHost());
  }

  @Test
  void aBatchIsOneMessageOnTheSignalsTopic() throws Exception {
    start("traces: {topic: spans}\n");
    Traces t = TestData.traces(3);
    byte[] expected = OtlpProtoCodec.INSTANCE.encode(t);
    Thread ack = Thread.ofVirtual().start(() -> {
      while (!producer.completeNext()) {
        Thread.onSpinWait();
      }
    });
    exporter.push(Signal.TRACES, t, Deadline.in(Duration.ofSeconds(5)));
    ack.join();
    assertThat(producer.history()).hasSize(1);
    assertThat(producer.history().getFirst().topic()).isEqualTo("spans");
    assertThat(producer.history().getFirst().value()).isEqualTo(expected);
  }

  @Test
  void retriableBrokerErrorsAreRetryable() throws Exception {
    start("");
    Thread t = Thread.ofVirtual().start(() -> {
      while (!producer.errorNext(new NotEnoughReplicasException("not enough replicas"))) {
        Thread.onSpinWait();
      }
    });
    RetryableException e = catchThrowableOfType(RetryableException.class,
        () -> exporter.push(Signal.TRACES, TestData.traces(1), Deadline.in(Duration.ofSeconds(5))));
    t.join();
    assertThat(e).hasMessageContaining("sending to Kafka topic otlp_spans failed: NotEnoughReplicasException");
  }

  @Test
  void aMessageTooLargeIsPermanentAndNamesTheKey() throws Exception {
    start("");
    Thread t = Thread.ofVirtual().start(() -> {
      while (!producer.errorNext(new RecordTooLargeException("The message is 2000000 bytes"))) {
        Thread.onSpinWait();
      }
    });
    PermanentException e = catchThrowableOfType(PermanentException.class,
        () -> exporter.push(Signal.TRACES, TestData.traces(1), Deadline.in(Duration.ofSeconds(5))));
    t.join();
    assertThat(e).hasMessage("Kafka refused messages to topic otlp_spans: RecordTooLargeException: The message is"
        + " 2000000 bytes; raise exporters.kafka.producer.max_message_bytes (and the topic's max.message.bytes on"
        + " the brokers) or send smaller batches (batch processor send_batch_max_size)");
    assertThat(e.rejectedItems()).isEqualTo(-1);
  }

  @Test
  void classificationFollowsKafkaClients() {
    assertThat(KafkaExporter.isPermanent(new TopicAuthorizationException("no"))).isTrue();
    assertThat(KafkaExporter.isPermanent(new RecordTooLargeException("big"))).isTrue();
    assertThat(KafkaExporter.isPermanent(new NotEnoughReplicasException("later"))).isFalse();
    assertThat(KafkaExporter.isPermanent(new org.apache.kafka.common.errors.TimeoutException("slow"))).isFalse();
    assertThat(KafkaExporter.isPermanent(new IllegalStateException("closed"))).isFalse();
  }

  @Test
  void noAcknowledgementBeforeTheDeadlineIsRetryable() throws Exception {
    start("");
    RetryableException e = catchThrowableOfType(RetryableException.class,
        () -> exporter.push(Signal.TRACES, TestData.traces(1), Deadline.in(Duration.ofMillis(50))));
    assertThat(e).hasMessage("Kafka did not acknowledge 1 of 1 messages to topic otlp_spans before the timeout;"
        + " raise exporters.kafka.timeout if the brokers are just slow");
  }

  @Test
  void consumeGoesThroughTheHelper() throws Exception {
    start("sending_queue: {enabled: false}\nretry_on_failure: {enabled: false}\n");
    producer.close();
    assertThat(catchThrowableOfType(RetryableException.class,
        () -> exporter.consumer(Signal.TRACES).consume(Context.empty(), TestData.traces(1)))).isNotNull();
  }
}
