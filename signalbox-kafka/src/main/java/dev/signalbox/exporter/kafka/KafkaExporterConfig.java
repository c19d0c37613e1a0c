package dev.signalbox.exporter.kafka;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.kafka.KafkaClientConfig;
import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.kafka.TopicConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Config of the {@code kafka} exporter: the Collector's keys and defaults. See the package
 * documentation for the keys and where Signalbox differs.
 *
 * @param client {@code brokers}, {@code client_id}, {@code protocol_version}, {@code auth}, {@code metadata}
 * @param timeout how long one send may take, until every message of the batch is acknowledged (5s)
 * @param sendingQueue the exporter helper's queue
 * @param retryOnFailure the exporter helper's retries
 * @param topic the older single topic for every signal (default empty: each signal's own)
 * @param encoding the older single encoding for every signal (default empty: each signal's own)
 * @param traces topic and encoding of spans (otlp_spans, otlp_proto)
 * @param metrics topic and encoding of metrics (otlp_metrics, otlp_proto)
 * @param logs topic and encoding of logs (otlp_logs, otlp_proto)
 * @param partitionTracesById one message per trace id, keyed by the trace id in hex (false)
 * @param partitionMetricsByResourceAttributes one message per resource, keyed by a hash of its attributes (false)
 * @param partitionLogsByResourceAttributes one message per resource, keyed by a hash of its attributes (false)
 * @param producer producer settings
 */
public record KafkaExporterConfig(
    @Squash KafkaClientConfig client,
    @Squash TimeoutConfig timeout,
    QueueConfig sendingQueue,
    RetryConfig retryOnFailure,
    String topic,
    String encoding,
    TopicConfig traces,
    TopicConfig metrics,
    TopicConfig logs,
    boolean partitionTracesById,
    boolean partitionMetricsByResourceAttributes,
    boolean partitionLogsByResourceAttributes,
    Producer producer) implements ComponentConfig {

  public KafkaExporterConfig {
    topic = topic == null ? "" : topic;
    encoding = encoding == null ? "" : encoding;
  }

  /** Message compression (the producer's {@code compression.type}). */
  public enum Compression {
    NONE, GZIP, SNAPPY, LZ4, ZSTD;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The {@code producer} block.
   *
   * @param maxMessageBytes the largest message (request) the producer sends, {@code max.request.size}
   *     (1000000); a batch encoding larger is refused permanently; the broker's
   *     {@code message.max.bytes} must allow it too
   * @param requiredAcks 0 (no acknowledgement), 1 (the leader, default) or -1 (all in-sync replicas): {@code acks}
   * @param compression none (default), gzip, snappy, lz4, zstd
   * @param flushMaxMessages accepted for compatibility (0); kafka-clients batches by bytes and
   *     {@code linger}, not by message count
   * @param linger how long the producer waits to fill a batch, {@code linger.ms} (10ms)
   * @param idempotent ours: {@code enable.idempotence}, no duplicates from the producer's own
   *     retries; needs {@code required_acks: -1} (false)
   */
  public record Producer(
      int maxMessageBytes,
      int requiredAcks,
      Compression compression,
      int flushMaxMessages,
      Duration linger,
      boolean idempotent) implements ConfigBlock {

    public static Producer defaults() {
      return new Producer(1_000_000, 1, Compression.NONE, 0, Duration.ofMillis(10), false);
    }

    @Override
    public void validate(Problems problems) {
      if (maxMessageBytes <= 0) {
        problems.error("max_message_bytes", "must be > 0, got " + maxMessageBytes);
      }
      if (requiredAcks != 0 && requiredAcks != 1 && requiredAcks != -1) {
        problems.error("required_acks", "must be 0 (no wait), 1 (leader) or -1 (all in-sync replicas), got "
            + requiredAcks);
      }
      if (compression == null) {
        problems.error("compression", "must be one of none, gzip, snappy, lz4, zstd");
      }
      if (flushMaxMessages < 0) {
        problems.error("flush_max_messages", "must not be negative, got " + flushMaxMessages);
      }
      if (linger == null || linger.isNegative()) {
        problems.error("linger", "must not be negative, got " + linger);
      }
      if (idempotent && requiredAcks != -1) {
        problems.error("idempotent", "needs required_acks: -1 (the idempotent producer waits for all in-sync replicas)");
      }
    }

    /** The {@code acks} property. */
    public String acks() {
      return requiredAcks == -1 ? "all" : Integer.toString(requiredAcks);
    }
  }

  public static KafkaExporterConfig defaults() {
    return new KafkaExporterConfig(KafkaClientConfig.defaults(), TimeoutConfig.defaults(), QueueConfig.defaults(),
        RetryConfig.defaults(), "", "", TopicConfig.UNSET, TopicConfig.UNSET, TopicConfig.UNSET, false, false, false,
        Producer.defaults());
  }

  /** The topic of {@code signal}'s messages. */
  public String topicFor(Signal<?> signal) {
    return KafkaEncoding.topicFor(signal, own(signal), topic);
  }

  /** The encoding of {@code signal}'s messages (checked by validate and at creation). */
  public KafkaEncoding encodingFor(Signal<?> signal) {
    return KafkaEncoding.byKey(KafkaEncoding.encodingFor(own(signal), encoding));
  }

  TopicConfig own(Signal<?> signal) {
    if (signal == Signal.TRACES) {
      return traces;
    }
    if (signal == Signal.METRICS) {
      return metrics;
    }
    return logs;
  }

  @Override
  public void validate(Problems problems) {
    KafkaEncoding.validate(problems, "encoding", encoding, List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS), false);
    KafkaEncoding.validate(problems, "traces.encoding", traces.encoding(), List.of(Signal.TRACES), false);
    KafkaEncoding.validate(problems, "metrics.encoding", metrics.encoding(), List.of(Signal.METRICS), false);
    KafkaEncoding.validate(problems, "logs.encoding", logs.encoding(), List.of(Signal.LOGS), false);
  }
}
