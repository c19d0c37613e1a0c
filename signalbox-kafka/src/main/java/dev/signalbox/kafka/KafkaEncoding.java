package dev.signalbox.kafka;

import dev.signalbox.config.Problems;
import dev.signalbox.pdata.Signal;
import java.util.List;
import java.util.Map;

/**
 * The message encodings, by their Collector names, and which signal each serves.
 *
 * <ul>
 *   <li>{@code otlp_proto}: an {@code Export*ServiceRequest} in protobuf (default);
 *   <li>{@code otlp_json}: the same request as OTLP/JSON;
 *   <li>{@code raw} (logs): each message is one log record's body; the exporter writes bytes
 *       bodies as they are, strings as UTF-8 and other values as JSON, the receiver makes a log
 *       record with the message as a bytes body;
 *   <li>{@code text} (logs, receiver only): as {@code raw} with the message decoded as a UTF-8
 *       string body.
 * </ul>
 * The Collector's Jaeger and Zipkin encodings and encoding extensions are not available: their
 * names are refused at startup with a message saying so.
 */
public enum KafkaEncoding {
  OTLP_PROTO("otlp_proto"),
  OTLP_JSON("otlp_json"),
  RAW("raw"),
  TEXT("text");

  /** The default when neither the signal's nor the top-level {@code encoding} is written. */
  public static final KafkaEncoding DEFAULT = OTLP_PROTO;

  private static final List<String> NOT_AVAILABLE = List.of("zipkin_json", "zipkin_proto", "zipkin_thrift",
      "jaeger_proto", "jaeger_json", "json", "azure_resource_logs");
  /** Default topics, the Collector's. */
  private static final Map<Signal<?>, String> DEFAULT_TOPICS = Map.of(Signal.TRACES, "otlp_spans",
      Signal.METRICS, "otlp_metrics", Signal.LOGS, "otlp_logs");

  private final String key;

  KafkaEncoding(String key) {
    this.key = key;
  }

  /** The YAML value. */
  public String key() {
    return key;
  }

  /** The encoding called {@code name}, or null. */
  public static KafkaEncoding byKey(String name) {
    for (KafkaEncoding e : values()) {
      if (e.key.equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Whether this encoding can carry {@code signal}, for the exporter ({@code receiver} false) or receiver. */
  public boolean supports(Signal<?> signal, boolean receiver) {
    return switch (this) {
      case OTLP_PROTO, OTLP_JSON -> true;
      case RAW -> signal == Signal.LOGS;
      case TEXT -> signal == Signal.LOGS && receiver;
    };
  }

  /** The topic of {@code signal}: its own block's, else the top-level {@code topic}, else the default. */
  public static String topicFor(Signal<?> signal, TopicConfig own, String legacyTopic) {
    if (!own.topic().isEmpty()) {
      return own.topic();
    }
    if (legacyTopic != null && !legacyTopic.isEmpty()) {
      return legacyTopic;
    }
    return DEFAULT_TOPICS.get(signal);
  }

  /** The encoding name of {@code signal}: its own block's, else the top-level one, else otlp_proto. */
  public static String encodingFor(TopicConfig own, String legacyEncoding) {
    if (!own.encoding().isEmpty()) {
      return own.encoding();
    }
    if (legacyEncoding != null && !legacyEncoding.isEmpty()) {
      return legacyEncoding;
    }
    return DEFAULT.key;
  }

  /**
   * Checks an encoding name written at {@code key} ({@code encoding} or {@code traces.encoding}) for
   * the signals it may apply to; reports unknown, unavailable and signal-mismatched names.
   */
  public static void validate(Problems problems, String key, String name, List<Signal<?>> signals, boolean receiver) {
    if (name == null || name.isEmpty()) {
      return;
    }
    KafkaEncoding e = byKey(name);
    if (e == null) {
      if (NOT_AVAILABLE.contains(name)) {
        problems.error(key, "encoding '" + name + "' is not available in Signalbox; use otlp_proto or otlp_json"
            + (signals.contains(Signal.LOGS) ? " (or raw for logs)" : ""));
      } else {
        problems.error(key, "unknown encoding '" + name + "': use otlp_proto, otlp_json"
            + (signals.contains(Signal.LOGS) ? ", raw" + (receiver ? ", text" : "") + " (logs)" : ""));
      }
      return;
    }
    if (signals.size() == 1 && !e.supports(signals.get(0), receiver)) {
      problems.error(key, "encoding '" + name + "' cannot carry " + signals.get(0) + "; use otlp_proto or otlp_json");
    }
  }
}
