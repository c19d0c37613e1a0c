package dev.signalbox.kafka;

import dev.signalbox.config.ConfigBlock;

/**
 * A signal's block ({@code traces}, {@code metrics}, {@code logs}): its topic and encoding, the
 * Collector's current layout. Empty means "not written": the older top-level {@code topic} /
 * {@code encoding} apply, then the signal's default (see {@link KafkaClientConfig#topicFor}).
 *
 * @param topic the topic of this signal (default: the top-level {@code topic}, else
 *     {@code otlp_spans} / {@code otlp_metrics} / {@code otlp_logs})
 * @param encoding the encoding of this signal's messages (default: the top-level {@code encoding},
 *     else {@code otlp_proto})
 */
public record TopicConfig(String topic, String encoding) implements ConfigBlock {
  public static final TopicConfig UNSET = new TopicConfig("", "");

  public TopicConfig {
    topic = topic == null ? "" : topic;
    encoding = encoding == null ? "" : encoding;
  }

  public static TopicConfig defaults() {
    return UNSET;
  }
}
