package dev.signalbox.kafka;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.backends.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The shared broker and plain kafka-clients helpers for tests: topics, raw produce and read. */
public final class KafkaTesting {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private KafkaTesting() {}

  public static KafkaBroker broker() {
    return KafkaBroker.shared();
  }

  public static String bootstrap() {
    return broker().bootstrap();
  }

  /** A topic name no other test uses. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffffL);
  }

  /** Creates a topic with {@code partitions} partitions and waits until it exists. */
  public static String createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    }
    return name;
  }

  /** Writes one record and waits for its acknowledgement. */
  public static void produce(String topic, byte[] key, byte[] value) {
    try (var p = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap(), "acks", "all"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      p.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code count} records from the start of every partition of {@code topic}, without a group. */
  public static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
    try (var c = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long end = System.nanoTime() + timeout.toNanos();
      while (out.size() < count && System.nanoTime() < end) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  /** Binds {@code yaml} onto a config class as the service would (defaults, validation). */
  public static <C> C bind(Class<C> type, C defaults, String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("test.yaml", yaml), type, defaults, name -> null);
  }

  /** Settings of a component with metrics recorded in {@code metrics}. */
  public static ComponentSettings settings(Kind kind, String id, MetricRegistry metrics) {
    return new ComponentSettings(ComponentId.of(id), kind, "", metrics.meter().withLabels(kind.label(), id),
        StatusReporter.NOOP, BuildInfo.DEFAULT);
  }
}
