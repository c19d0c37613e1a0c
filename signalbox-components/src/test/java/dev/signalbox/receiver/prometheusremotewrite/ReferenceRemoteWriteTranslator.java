package dev.signalbox.receiver.prometheusremotewrite;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.prometheus.scrape.FamilyMetadata;
import dev.signalbox.sdk.prometheus.scrape.Labels;
import dev.signalbox.sdk.prometheus.scrape.ReferenceOtlpMetricsBuilder;
import dev.signalbox.sdk.prometheus.scrape.PromExemplar;
import dev.signalbox.sdk.prometheus.scrape.PromType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RemoteWriteTranslator} as it was before its hot path was made cheaper, kept unchanged as
 * the reference {@code RemoteWriteTranslatorDifferentialTest} compares the optimized code with
 * (its exceptions are the translator's own, so that their messages can be compared).
 *
 * <p>The original comment: Remote write 1.0 → OTLP. Thread-safe: the metadata and resource caches are shared by every
 * request; each translation builds its own metrics.
 *
 * <p>Types come from the metadata senders send (Prometheus sends it in requests of its own, every
 * {@code metadata_config.send_interval}; it is cached by family name, at most
 * {@value #METADATA_CACHE} families). Without metadata: a name ending in {@code _total} is a
 * counter; {@code <f>_bucket} series with an {@code le} label make {@code <f>} a histogram, and
 * series {@code <f>} with a {@code quantile} label make it a summary; anything else is a gauge
 * (type {@code unknown}). A histogram or summary is reassembled from the series of one request
 * when its {@code _count} is among them; when a sender splits one across requests, the parts
 * arrive as gauges named as their series (all labels kept, {@code prometheus.type} still saying
 * what they belong to). Series {@code target_info} become resource attributes of their
 * job/instance, remembered for later requests ({@value #RESOURCE_CACHE} resources).
 */
final class ReferenceRemoteWriteTranslator {
  static final int METADATA_CACHE = 10_000;
  static final int RESOURCE_CACHE = 1_000;
  private static final String[] SUFFIXES = {"_total", "_created", "_bucket", "_count", "_sum", "_info", "_gcount",
      "_gsum"};

  private final String scopeName;
  private final String scopeVersion;
  private final Map<String, FamilyMetadata> metadata = lru(METADATA_CACHE);
  private final Map<String, Map<String, String>> resourceAttributes = lru(RESOURCE_CACHE);

  ReferenceRemoteWriteTranslator(String scopeName, String scopeVersion) {
    this.scopeName = scopeName;
    this.scopeVersion = scopeVersion;
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  /**
   * Translates {@code req}.
   *
   * @param oldestMillis samples older than this are dropped (Long.MIN_VALUE keeps all)
   */
  RemoteWriteTranslator.Translation translate(WriteRequest req, long oldestMillis)
      throws RemoteWriteTranslator.InvalidRequestException {
    List<Labels> series = new ArrayList<>(req.timeseries().size());
    List<TimeSeries> ts = req.timeseries();
    for (int i = 0; i < ts.size(); i++) {
      List<WriteRequest.Label> ls = ts.get(i).labels();
      List<String> names = new ArrayList<>(ls.size());
      List<String> values = new ArrayList<>(ls.size());
      for (WriteRequest.Label l : ls) {
        names.add(l.name());
        values.add(l.value());
      }
      Labels labels;
      try {
        labels = Labels.ofUnique(names, values);
      } catch (IllegalArgumentException e) {
        throw new RemoteWriteTranslator.InvalidRequestException("timeseries[" + i + "]: " + e.getMessage());
      }
      if (labels.metricName().isEmpty()) {
        throw new RemoteWriteTranslator.InvalidRequestException("timeseries[" + i + "]: missing metric name (label __name__) in "
            + labels.toMap());
      }
      series.add(labels);
    }
    Map<String, FamilyMetadata> known = new HashMap<>();
    synchronized (metadata) {
      for (MetricMetadata m : req.metadata()) {
        if (!m.metricFamilyName().isEmpty()) {
          metadata.put(m.metricFamilyName(), new FamilyMetadata(m.metricFamilyName(), typeOf(m.type()), m.help(),
              m.unit()));
        }
      }
      for (Labels l : series) {
        String name = l.metricName();
        lookup(name, known);
        for (String s : SUFFIXES) {
          if (name.endsWith(s) && name.length() > s.length()) {
            lookup(name.substring(0, name.length() - s.length()), known);
          }
        }
      }
    }
    Map<String, FamilyMetadata> guessed = guesses(series, known);
    ReferenceOtlpMetricsBuilder.MetadataSource source = name -> {
      FamilyMetadata md = known.get(name);
      return md != null ? md : guessed.get(name);
    };

    Map<String, Resource> resources = new LinkedHashMap<>();
    int dropped = 0;
    for (int i = 0; i < ts.size(); i++) {
      Labels l = series.get(i);
      String key = l.get("job") + "\u00ff" + l.get("instance");
      Resource r = resources.computeIfAbsent(key, k -> new Resource(l.get("job"), l.get("instance"),
          new ReferenceOtlpMetricsBuilder(source, scopeName, scopeVersion, ReferenceOtlpMetricsBuilder.IncompleteGroups.FLATTEN)));
      if (l.metricName().equals("target_info")) {
        l.forEach((n, v) -> {
          if (!n.equals(Labels.METRIC_NAME) && !n.equals("job") && !n.equals("instance")) {
            r.info.put(n, v);
          }
        });
        continue;
      }
      TimeSeries t = ts.get(i);
      List<PromExemplar> exemplars = new ArrayList<>(t.exemplars().size());
      for (WriteRequest.Exemplar e : t.exemplars()) {
        Labels.Builder eb = Labels.builder();
        e.labels().forEach(x -> eb.set(x.name(), x.value()));
        Labels el = eb.build();
        exemplars.add(new PromExemplar(el, e.value(), e.timestampMillis()));
      }
      List<WriteRequest.Sample> samples = t.samples();
      for (int k = 0; k < samples.size(); k++) {
        WriteRequest.Sample s = samples.get(k);
        if (s.timestampMillis() < oldestMillis) {
          dropped++;
          continue;
        }
        r.builder.addWithExemplars(l, s.timestampMillis(), s.value(), k == samples.size() - 1 ? exemplars : List.of());
      }
    }

    Metrics out = new Metrics();
    int points = 0;
    for (Resource r : resources.values()) {
      ResourceMetrics rm = new ResourceMetrics();
      Map<String, String> attrs = resourceAttributes(r);
      attrs.forEach((k, v) -> rm.resource().attributes().put(k, v));
      int n = r.builder.appendTo(rm);
      if (n > 0) {
        out.resourceMetrics().add(rm);
        points += n;
      }
      dropped += r.builder.droppedSamples();
    }
    return new RemoteWriteTranslator.Translation(out, points, dropped);
  }

  private void lookup(String name, Map<String, FamilyMetadata> known) {
    FamilyMetadata md = metadata.get(name);
    if (md != null) {
      known.put(name, md);
    }
  }

  /** Types guessed from names and labels for families no metadata describes. */
  private static Map<String, FamilyMetadata> guesses(List<Labels> series, Map<String, FamilyMetadata> known) {
    Map<String, FamilyMetadata> g = new HashMap<>();
    for (Labels l : series) {
      String name = l.metricName();
      if (name.endsWith("_bucket") && l.has("le")) {
        String base = name.substring(0, name.length() - "_bucket".length());
        if (!known.containsKey(base) && !known.containsKey(name)) {
          g.put(base, new FamilyMetadata(base, PromType.HISTOGRAM, "", ""));
        }
      } else if (l.has("quantile") && !known.containsKey(name)) {
        g.put(name, new FamilyMetadata(name, PromType.SUMMARY, "", ""));
      }
    }
    for (Labels l : series) {
      String name = l.metricName();
      if (name.endsWith("_total") && !known.containsKey(name) && !g.containsKey(name)
          && !known.containsKey(name.substring(0, name.length() - "_total".length()))) {
        g.put(name, new FamilyMetadata(name, PromType.COUNTER, "", ""));
      }
    }
    return g;
  }

  /** The resource's attributes: job/instance, plus target_info from this or an earlier request. */
  private Map<String, String> resourceAttributes(Resource r) {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (!r.job.isEmpty()) {
      int slash = r.job.indexOf('/');
      if (slash >= 0 && r.job.indexOf('/', slash + 1) < 0) {
        attrs.put("service.namespace", r.job.substring(0, slash));
        attrs.put("service.name", r.job.substring(slash + 1));
      } else {
        attrs.put("service.name", r.job);
      }
    }
    if (!r.instance.isEmpty()) {
      attrs.put("service.instance.id", r.instance);
    }
    String key = r.job + "\u00ff" + r.instance;
    synchronized (resourceAttributes) {
      if (!r.info.isEmpty()) {
        resourceAttributes.put(key, Map.copyOf(r.info));
      }
      Map<String, String> info = resourceAttributes.get(key);
      if (info != null) {
        info.forEach(attrs::putIfAbsent);
      }
    }
    return attrs;
  }

  /**
   * The type of a metadata entry by its wire number, as {@code prompb.MetricMetadata.MetricType}
   * numbers them: 0 unknown, 1 counter, 2 gauge, 3 histogram, 4 gaugehistogram, 5 summary, 6 info,
   * 7 stateset. Read through the enum constant's ordinal (which {@code RemoteWriteCodec} decodes
   * the wire number into), so it does not depend on the order of the model's constant names.
   */
  static PromType typeOf(WriteRequest.MetricType t) {
    return switch (t.ordinal()) {
      case 1 -> PromType.COUNTER;
      case 2 -> PromType.GAUGE;
      case 3 -> PromType.HISTOGRAM;
      case 4 -> PromType.GAUGEHISTOGRAM;
      case 5 -> PromType.SUMMARY;
      case 6 -> PromType.INFO;
      case 7 -> PromType.STATESET;
      default -> PromType.UNKNOWN;
    };
  }

  private static final class Resource {
    final String job;
    final String instance;
    final ReferenceOtlpMetricsBuilder builder;
    final Map<String, String> info = new LinkedHashMap<>();

    Resource(String job, String instance, ReferenceOtlpMetricsBuilder builder) {
      this.job = job;
      this.instance = instance;
      this.builder = builder;
    }
  }
}
