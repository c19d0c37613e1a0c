package dev.signalbox.receiver.kafka;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.kafka.KafkaClientConfig;
import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.kafka.TopicConfig;
import dev.signalbox.pdata.Signal;
import java.time.Duration;
import java.util.List;

/**
 * Config of the {@code kafka} receiver: the Collector's keys and defaults. See the package
 * documentation for the keys and where Signalbox differs.
 *
 * @param client {@code brokers}, {@code client_id}, {@code protocol_version}, {@code auth}, {@code metadata}
 * @param topic the older single topic (default empty: each signal's own)
 * @param encoding the older single encoding (default empty: each signal's own)
 * @param traces topic and encoding of spans (otlp_spans, otlp_proto)
 * @param metrics topic and encoding of metrics (otlp_metrics, otlp_proto)
 * @param logs topic and encoding of logs (otlp_logs, otlp_proto)
 * @param groupId the consumer group ({@code otel-collector})
 * @param groupInstanceId static group membership, {@code group.instance.id} (empty: dynamic)
 * @param initialOffset where a group with no committed offset starts: {@code latest} (default) or {@code earliest}
 * @param sessionTimeout {@code session.timeout.ms} (10s)
 * @param heartbeatInterval {@code heartbeat.interval.ms} (3s)
 * @param groupRebalanceStrategy {@code range} (default), {@code roundrobin}, {@code sticky} or
 *     {@code cooperative-sticky}: {@code partition.assignment.strategy}
 * @param minFetchSize {@code fetch.min.bytes} (1)
 * @param defaultFetchSize {@code max.partition.fetch.bytes} (1048576)
 * @param maxFetchSize {@code fetch.max.bytes}; 0 = kafka-clients' default (0)
 * @param maxFetchWait {@code fetch.max.wait.ms} (250ms)
 * @param autocommit when accepted offsets are committed
 */
public record KafkaReceiverConfig(
    @Squash KafkaClientConfig client,
    String topic,
    String encoding,
    TopicConfig traces,
    TopicConfig metrics,
    TopicConfig logs,
    String groupId,
    String groupInstanceId,
    InitialOffset initialOffset,
    Duration sessionTimeout,
    Duration heartbeatInterval,
    String groupRebalanceStrategy,
    int minFetchSize,
    int defaultFetchSize,
    int maxFetchSize,
    Duration maxFetchWait,
    AutoCommit autocommit) implements ComponentConfig {

  static final List<String> STRATEGIES = List.of("range", "roundrobin", "sticky", "cooperative-sticky");

  public KafkaReceiverConfig {
    topic = topic == null ? "" : topic;
    encoding = encoding == null ? "" : encoding;
    groupId = groupId == null ? "" : groupId;
    groupInstanceId = groupInstanceId == null ? "" : groupInstanceId;
    groupRebalanceStrategy = groupRebalanceStrategy == null ? "" : groupRebalanceStrategy;
  }

  /** {@code initial_offset}: {@code auto.offset.reset}. */
  public enum InitialOffset {
    LATEST, EARLIEST
  }

  /**
   * The {@code autocommit} block. Offsets are committed only up to records the pipeline accepted,
   * whatever these say (see the package documentation).
   *
   * @param enable true (default): accepted offsets are committed every {@code interval},
   *     asynchronously; false: after every poll's records are handled, synchronously
   * @param interval how often accepted offsets are committed (1s)
   */
  public record AutoCommit(boolean enable, Duration interval) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (interval == null || !interval.isPositive()) {
        problems.error("interval", "must be > 0, got " + interval);
      }
    }
  }

  public static KafkaReceiverConfig defaults() {
    return new KafkaReceiverConfig(KafkaClientConfig.defaults(), "", "", TopicConfig.UNSET, TopicConfig.UNSET,
        TopicConfig.UNSET, "otel-collector", "", InitialOffset.LATEST, Duration.ofSeconds(10), Duration.ofSeconds(3),
        "range", 1, 1_048_576, 0, Duration.ofMillis(250), new AutoCommit(true, Duration.ofSeconds(1)));
  }

  /** The topic {@code signal} is read from. */
  public String topicFor(Signal<?> signal) {
    return KafkaEncoding.topicFor(signal, own(signal), topic);
  }

  /** The encoding of {@code signal}'s messages, or null if the name is unknown. */
  public KafkaEncoding encodingFor(Signal<?> signal) {
    return KafkaEncoding.byKey(encodingName(signal));
  }

  String encodingName(Signal<?> signal) {
    return KafkaEncoding.encodingFor(own(signal), encoding);
  }

  private TopicConfig own(Signal<?> signal) {
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
    KafkaEncoding.validate(problems, "encoding", encoding, List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS), true);
    KafkaEncoding.validate(problems, "traces.encoding", traces.encoding(), List.of(Signal.TRACES), true);
    KafkaEncoding.validate(problems, "metrics.encoding", metrics.encoding(), List.of(Signal.METRICS), true);
    KafkaEncoding.validate(problems, "logs.encoding", logs.encoding(), List.of(Signal.LOGS), true);
    if (groupId.isBlank()) {
      problems.error("group_id", "must be set: consumers of one group share the topic's partitions");
    }
    if (initialOffset == null) {
      problems.error("initial_offset", "must be latest or earliest");
    }
    if (sessionTimeout == null || !sessionTimeout.isPositive()) {
      problems.error("session_timeout", "must be > 0, got " + sessionTimeout);
    }
    if (heartbeatInterval == null || !heartbeatInterval.isPositive()) {
      problems.error("heartbeat_interval", "must be > 0, got " + heartbeatInterval);
    } else if (sessionTimeout != null && heartbeatInterval.compareTo(sessionTimeout) >= 0) {
      problems.error("heartbeat_interval", "must be less than session_timeout (" + sessionTimeout + "), got "
          + heartbeatInterval);
    }
    if (!STRATEGIES.contains(groupRebalanceStrategy)) {
      problems.error("group_rebalance_strategy", "unknown strategy '" + groupRebalanceStrategy + "': use one of "
          + String.join(", ", STRATEGIES));
    }
    if (minFetchSize < 0) {
      problems.error("min_fetch_size", "must not be negative, got " + minFetchSize);
    }
    if (defaultFetchSize <= 0) {
      problems.error("default_fetch_size", "must be > 0, got " + defaultFetchSize);
    }
    if (maxFetchSize < 0) {
      problems.error("max_fetch_size", "must not be negative (0 = the client's default), got " + maxFetchSize);
    }
    if (maxFetchWait == null || maxFetchWait.isNegative()) {
      problems.error("max_fetch_wait", "must not be negative, got " + maxFetchWait);
    }
  }
}
