package dev.signalbox.exporter.kafka;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.kafka.Messages.Message;
import dev.signalbox.kafka.KafkaClientProperties;
import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka producer shared by the exporter's signals, each signal behind its own
 * {@link ExporterHelper} (queue, retry, timeout). A push sends the batch's messages and waits until
 * the broker acknowledged every one of them (as {@code required_acks} says) or the attempt's
 * deadline passes.
 */
final class KafkaExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaExporter.class);
  /** The producer's own request timeout when {@code timeout} is 0 (no limit). */
  private static final Duration NO_TIMEOUT_REQUEST = Duration.ofSeconds(30);

  private final ComponentSettings settings;
  private final KafkaExporterConfig config;
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private final Map<Signal<?>, ExporterHelper<?>> helpers = new LinkedHashMap<>();
  private final Map<Signal<?>, String> topics = new LinkedHashMap<>();
  private final Map<Signal<?>, KafkaEncoding> encodings = new LinkedHashMap<>();
  /** "exporters.kafka/x": for messages that name a key. */
  private final String key;
  private volatile Producer<byte[], byte[]> producer;
  private boolean started;
  private boolean stopped;

  KafkaExporter(ComponentSettings settings, KafkaExporterConfig config, Set<Signal<?>> signals) {
    this(settings, config, signals, props -> new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer()));
  }

  /** With a producer factory, for tests (kafka-clients' MockProducer). */
  KafkaExporter(ComponentSettings settings, KafkaExporterConfig config, Set<Signal<?>> signals,
      Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    this.settings = settings;
    this.config = config;
    this.producers = producers;
    this.key = settings.kind().section() + "." + settings.id();
    for (Signal<?> s : Signal.all()) {
      if (!signals.contains(s)) {
        continue;
      }
      if (s == Signal.PROFILES) {
        throw new IllegalArgumentException(key + ": the kafka exporter does not export profiles");
      }
      KafkaEncoding e = config.encodingFor(s);
      if (e == null || !e.supports(s, false)) {
        throw new IllegalArgumentException(key + ": encoding '" + KafkaEncoding.encodingFor(config.own(s),
            config.encoding()) + "' cannot carry " + s + "; set " + key + "." + s + ".encoding to otlp_proto or otlp_json");
      }
      encodings.put(s, e);
      topics.put(s, config.topicFor(s));
      helpers.put(s, helper(s));
    }
  }

  private <T extends Telemetry> ExporterHelper<T> helper(Signal<T> signal) {
    return ExporterHelper.builder(settings, signal, (Context ctx, T data, Deadline d) -> push(signal, data, d))
        .queue(config.sendingQueue())
        .retry(config.retryOnFailure())
        .timeout(config.timeout())
        .build();
  }

  /** The producer's properties: the client keys, then the {@code producer} block and the timeout. */
  Map<String, Object> producerProperties() {
    Map<String, Object> p = KafkaClientProperties.of(config.client());
    KafkaExporterConfig.Producer pc = config.producer();
    p.put(ProducerConfig.ACKS_CONFIG, pc.acks());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, pc.compression().key());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, pc.maxMessageBytes());
    p.put(ProducerConfig.LINGER_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, pc.linger().toMillis()));
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, pc.idempotent());
    // The buffer must hold at least one message of the largest size.
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2L * pc.maxMessageBytes()));
    // One attempt of ours is bounded by `timeout`; the producer's own waits and retries are bounded
    // to about the same, so an abandoned attempt does not go on sending long after we retried it.
    Duration t = config.timeout().timeout();
    long request = t.isPositive() ? Math.max(1000, t.toMillis()) : NO_TIMEOUT_REQUEST.toMillis();
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, request));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, request + pc.linger().toMillis()));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request);
    return p;
  }

  @Override
  public synchronized void start(Host host) throws Exception {
    if (started) {
      throw new IllegalStateException(settings.describe() + " was already started");
    }
    started = true;
    producer = producers.apply(producerProperties());
    for (ExporterHelper<?> h : helpers.values()) {
      h.start(host);
    }
    LOG.info("{} producing to {} at {}", settings.describe(), topics, String.join(",", config.client().brokers()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    ExporterHelper<?> h = helpers.get(signal);
    if (h == null) {
      throw new IllegalArgumentException(key + " was not created for " + signal);
    }
    return (Consumer<T>) h;
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    if (stopped) {
      return;
    }
    stopped = true;
    for (ExporterHelper<?> h : helpers.values()) {
      h.shutdown(deadline);
    }
    Producer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null) {
      p.close(deadline.remaining());
    }
  }

  /** One attempt: every message of the batch sent and acknowledged, or an exception that says why not. */
  <T extends Telemetry> void push(Signal<T> signal, T data, Deadline deadline) throws ConsumeException {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    List<Message> messages = messages(signal, data);
    String topic = topics.get(signal);
    List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
    Throwable retryable = null;
    Throwable permanent = null;
    int permanentItems = 0;
    for (Message m : messages) {
      try {
        sent.add(p.send(new ProducerRecord<>(topic, null, m.key(), m.value())));
      } catch (RuntimeException e) {
        // Errors of send() itself: the producer is closed, or the thread was interrupted.
        sent.add(null);
        if (retryable == null) {
          retryable = e;
        }
      }
    }
    for (int i = 0; i < messages.size(); i++) {
      Future<RecordMetadata> f = sent.get(i);
      if (f == null) {
        continue;
      }
      try {
        f.get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (isPermanent(cause)) {
          permanentItems += messages.get(i).items();
          if (permanent == null) {
            permanent = cause;
          }
        } else if (retryable == null) {
          retryable = cause;
        }
      } catch (TimeoutException e) {
        throw new RetryableException("Kafka did not acknowledge " + (messages.size() - i) + " of " + messages.size()
            + " messages to topic " + topic + " before the timeout; raise " + key + ".timeout if the brokers are just slow");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableException("interrupted while waiting for Kafka to acknowledge messages to topic " + topic);
      }
    }
    if (retryable != null) {
      throw new RetryableException("sending to Kafka topic " + topic + " failed: " + describe(retryable), retryable);
    }
    if (permanent != null) {
      String msg = "Kafka refused messages to topic " + topic + ": " + describe(permanent) + hint(permanent);
      int items = data.itemCount();
      throw permanentItems >= items ? new PermanentException(msg, permanent)
          : new PermanentException(msg, permanent, permanentItems);
    }
  }

  private <T extends Telemetry> List<Message> messages(Signal<T> signal, T data) {
    KafkaEncoding e = encodings.get(signal);
    return switch (data) {
      case Traces t -> Messages.traces(t, e, config.partitionTracesById());
      case Metrics m -> Messages.metrics(m, e, config.partitionMetricsByResourceAttributes());
      case Logs l -> Messages.logs(l, e, config.partitionLogsByResourceAttributes());
      default -> throw new IllegalArgumentException("the kafka exporter does not export " + signal);
    };
  }

  /**
   * kafka-clients' own classification: its {@link RetriableException}s (leader not available, not
   * enough replicas, timeouts, network errors) may succeed later; its other API errors (message too
   * large, invalid topic, authorization, authentication) will not.
   */
  static boolean isPermanent(Throwable e) {
    return e instanceof org.apache.kafka.common.errors.ApiException && !(e instanceof RetriableException);
  }

  private String hint(Throwable e) {
    if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException) {
      return "; raise " + key + ".producer.max_message_bytes (and the topic's max.message.bytes on the brokers)"
          + " or send smaller batches (batch processor send_batch_max_size)";
    }
    if (e instanceof org.apache.kafka.common.errors.AuthorizationException
        || e instanceof org.apache.kafka.common.errors.AuthenticationException) {
      return "; check " + key + ".auth and the topic's ACLs";
    }
    return "";
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
