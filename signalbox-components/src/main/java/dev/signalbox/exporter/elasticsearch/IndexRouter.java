package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.LogstashFormat;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.KeyValue;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the index of a document, as the Collector's v0.110 {@code routeWithDefaults}: the static
 * index, or, with dynamic routing, by attributes in this order:
 * <ol>
 *   <li>{@code data_stream.dataset} / {@code data_stream.namespace} (record, then scope, then
 *       resource attributes): {@code <type>-<dataset>-<namespace>}, the missing one defaulting to
 *       {@code generic} / {@code default};
 *   <li>{@code elasticsearch.index.prefix} / {@code elasticsearch.index.suffix} (resource, then
 *       scope, then record): {@code <prefix><static index><suffix>};
 *   <li>otherwise {@code <type>-generic-default}, or {@code <type>-<receiver>-default} when the
 *       scope name is a Collector receiver's package ({@code .../receiver/hostmetricsreceiver/...}).
 * </ol>
 * In data stream routing (1 and 3) the chosen {@code data_stream.*} values are added to the
 * document's attributes, and in the otel mapping the dataset gets the suffix {@code .otel}. With
 * {@code logstash_format} the result gets {@code <separator><strftime(date_format, now UTC)>}.
 * Thread-safe.
 */
final class IndexRouter {
  static final String TYPE = "data_stream.type";
  static final String DATASET = "data_stream.dataset";
  static final String NAMESPACE = "data_stream.namespace";
  static final String PREFIX = "elasticsearch.index.prefix";
  static final String SUFFIX = "elasticsearch.index.suffix";
  private static final Pattern RECEIVER = Pattern.compile("/receiver/(\\w*receiver)");

  /** The index and the attributes to add to the document (empty when none). */
  record Route(String index, List<KeyValue> extra) {}

  private final String staticIndex;
  private final boolean dynamic;
  private final String type;
  private final boolean otel;
  private final LogstashFormat logstash;
  private final Clock clock;

  /**
   * @param type the data stream type of the signal: {@code logs} or {@code traces}
   */
  IndexRouter(String staticIndex, boolean dynamic, String type, boolean otel, LogstashFormat logstash, Clock clock) {
    this.staticIndex = staticIndex;
    this.dynamic = dynamic;
    this.type = type;
    this.otel = otel;
    this.logstash = logstash;
    this.clock = clock;
  }

  Route route(Attributes record, Attributes scope, Attributes resource, String scopeName) {
    if (!dynamic) {
      return new Route(logstash(staticIndex), List.of());
    }
    String dataset = first(DATASET, record, scope, resource);
    String namespace = first(NAMESPACE, record, scope, resource);
    if (dataset == null && namespace == null) {
      String prefix = first(PREFIX, resource, scope, record);
      String suffix = first(SUFFIX, resource, scope, record);
      if (prefix != null || suffix != null) {
        return new Route(logstash((prefix == null ? "" : prefix) + staticIndex + (suffix == null ? "" : suffix)),
            List.of());
      }
    }
    if (dataset == null) {
      dataset = "generic";
      Matcher m = RECEIVER.matcher(scopeName);
      if (m.find()) {
        dataset = m.group(1);
      }
    }
    if (namespace == null) {
      namespace = "default";
    }
    if (otel) {
      dataset += ".otel";
    }
    List<KeyValue> extra = List.of(new KeyValue(DATASET, AnyValue.of(dataset)),
        new KeyValue(NAMESPACE, AnyValue.of(namespace)), new KeyValue(TYPE, AnyValue.of(type)));
    return new Route(logstash(type + "-" + dataset + "-" + namespace), extra);
  }

  private String logstash(String index) {
    if (!logstash.enabled()) {
      return index;
    }
    return index + logstash.prefixSeparator() + Strftime.format(logstash.dateFormat(), ZonedDateTime.now(clock));
  }

  private static String first(String key, Attributes a, Attributes b, Attributes c) {
    for (Attributes x : new Attributes[] {a, b, c}) {
      AnyValue v = x.get(key);
      if (v != null) {
        return v.asString();
      }
    }
    return null;
  }
}
