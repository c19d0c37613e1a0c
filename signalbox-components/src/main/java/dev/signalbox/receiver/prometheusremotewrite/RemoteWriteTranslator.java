package dev.signalbox.receiver.prometheusremotewrite;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.sdk.prometheus.remotewrite.LabelInterner;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.prometheus.scrape.FamilyMetadata;
import dev.signalbox.sdk.prometheus.scrape.Labels;
import dev.signalbox.sdk.prometheus.scrape.OtlpMetricsBuilder;
import dev.signalbox.sdk.prometheus.scrape.PromExemplar;
import dev.signalbox.sdk.prometheus.scrape.PromType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remote write 1.0 → OTLP. Thread-safe: the metadata and resource caches are shared by every
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
final class RemoteWriteTranslator {
  static final int METADATA_CACHE = 10_000;
  static final int RESOURCE_CACHE = 1_000;
  private static final String[] SUFFIXES = {"_total", "_created", "_bucket", "_count", "_sum", "_info", "_gcount",
      "_gsum"};

  /** A request that cannot be translated: the message says which series and why. */
  static final class InvalidRequestException extends Exception {
    InvalidRequestException(String message) {
      super(message, null, false, false);
    }
  }

  /** The translation of one request. */
  record Translation(Metrics metrics, int points, int droppedSamples) {}

  /** Label sets whose {@link Series} are remembered; past this the memory is cleared. */
  static final int SERIES_CACHE = 16_384;

  private final String scopeName;
  private final String scopeVersion;
  private final Map<String, FamilyMetadata> metadata = lru(METADATA_CACHE);
  private final Map<String, Map<String, String>> resourceAttributes = lru(RESOURCE_CACHE);
  /**
   * What a label set gives, for label lists the receiver's interner did not hand out (those carry
   * theirs, {@link LabelInterner.Interned#attachment()}): senders resend the same series every
   * interval.
   */
  private final Map<List<WriteRequest.Label>, Series> seriesCache = new ConcurrentHashMap<>();

  /**
   * What translation needs of one label set, all derived from the labels only: the sorted
   * {@link Labels} (or why they are refused), the metric name, job and instance, the names whose
   * metadata is looked up, and the type guesses the name and labels suggest.
   */
  private static final class Series {
    final Labels labels;
    /** Why the labels are refused (after "timeseries[i]: "), or null. */
    final String error;
    final String name;
    final String job;
    final String instance;
    final String resourceKey;
    final boolean targetInfo;
    /** The name, then the name without each of {@link #SUFFIXES} it ends with. */
    final String[] lookups;
    /** {@code <f>_bucket} with an {@code le} label: {@code <f>} as a histogram, else null. */
    final FamilyMetadata histogramGuess;
    /** With a {@code quantile} label: the name as a summary, else null. */
    final FamilyMetadata summaryGuess;
    /** Ends with {@code _total}: the name as a counter, else null. */
    final FamilyMetadata counterGuess;
    /** For {@link #counterGuess}: the name without {@code _total}. */
    final String counterBase;

    Series(String error) {
      this.labels = null;
      this.error = error;
      this.name = null;
      this.job = null;
      this.instance = null;
      this.resourceKey = null;
      this.targetInfo = false;
      this.lookups = null;
      this.histogramGuess = null;
      this.summaryGuess = null;
      this.counterGuess = null;
      this.counterBase = null;
    }

    Series(Labels l) {
      this.labels = l;
      this.error = null;
      this.name = l.metricName();
      this.job = l.get("job");
      this.instance = l.get("instance");
      this.resourceKey = job + "\u00ff" + instance;
      this.targetInfo = name.equals("target_info");
      List<String> look = new ArrayList<>(2);
      look.add(name);
      for (String suffix : SUFFIXES) {
        if (name.endsWith(suffix) && name.length() > suffix.length()) {
          look.add(name.substring(0, name.length() - suffix.length()));
        }
      }
      this.lookups = look.toArray(String[]::new);
      if (name.endsWith("_bucket") && l.has("le")) {
        String base = name.substring(0, name.length() - "_bucket".length());
        this.histogramGuess = new FamilyMetadata(base, PromType.HISTOGRAM, "", "");
        this.summaryGuess = null;
      } else {
        this.histogramGuess = null;
        this.summaryGuess = l.has("quantile") ? new FamilyMetadata(name, PromType.SUMMARY, "", "") : null;
      }
      if (name.endsWith("_total")) {
        this.counterGuess = new FamilyMetadata(name, PromType.COUNTER, "", "");
        this.counterBase = name.substring(0, name.length() - "_total".length());
      } else {
        this.counterGuess = null;
        this.counterBase = null;
      }
    }
  }

  RemoteWriteTranslator(String scopeName, String scopeVersion) {
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
  Translation translate(WriteRequest req, long oldestMillis) throws InvalidRequestException {
    List<TimeSeries> ts = req.timeseries();
    Series[] series = check(ts);
    rememberMetadata(req.metadata());
    Map<String, FamilyMetadata> known = new HashMap<>();
    synchronized (metadata) {
      if (!metadata.isEmpty()) { // (looking up in an empty map finds nothing and changes nothing)
        for (Series s : series) {
          for (String name : s.lookups) {
            lookup(name, known);
          }
        }
      }
    }
    Map<String, FamilyMetadata> guessed = guesses(series, known);
    OtlpMetricsBuilder.MetadataSource source = name -> {
      FamilyMetadata md = known.get(name);
      return md != null ? md : guessed.get(name);
    };

    Map<String, Resource> resources = new LinkedHashMap<>();
    int dropped = 0;
    Resource r = null;
    for (int i = 0; i < ts.size(); i++) {
      Series s = series[i];
      Labels l = s.labels;
      if (r == null || !r.key.equals(s.resourceKey)) {
        r = resources.get(s.resourceKey);
        if (r == null) {
          r = new Resource(s.job, s.instance, s.resourceKey, new OtlpMetricsBuilder(source, scopeName, scopeVersion,
              OtlpMetricsBuilder.IncompleteGroups.FLATTEN));
          resources.put(s.resourceKey, r);
        }
      }
      if (s.targetInfo) {
        Resource target = r;
        l.forEach((n, v) -> {
          if (!n.equals(Labels.METRIC_NAME) && !n.equals("job") && !n.equals("instance")) {
            target.info.put(n, v);
          }
        });
        continue;
      }
      TimeSeries t = ts.get(i);
      List<PromExemplar> exemplars = t.exemplars().isEmpty() ? List.of() : new ArrayList<>(t.exemplars().size());
      for (WriteRequest.Exemplar e : t.exemplars()) {
        Labels.Builder eb = Labels.builder();
        e.labels().forEach(x -> eb.set(x.name(), x.value()));
        Labels el = eb.build();
        exemplars.add(new PromExemplar(el, e.value(), e.timestampMillis()));
      }
      List<WriteRequest.Sample> samples = t.samples();
      for (int k = 0; k < samples.size(); k++) {
        WriteRequest.Sample x = samples.get(k);
        if (x.timestampMillis() < oldestMillis) {
          dropped++;
          continue;
        }
        r.builder.addWithExemplars(l, x.timestampMillis(), x.value(), k == samples.size() - 1 ? exemplars : List.of());
      }
    }

    Metrics out = new Metrics();
    int points = 0;
    for (Resource res : resources.values()) {
      ResourceMetrics rm = new ResourceMetrics();
      Map<String, String> attrs = resourceAttributes(res);
      attrs.forEach((k, v) -> rm.resource().attributes().put(k, v));
      int n = res.builder.appendTo(rm);
      if (n > 0) {
        out.resourceMetrics().add(rm);
        points += n;
      }
      dropped += res.builder.droppedSamples();
    }
    return new Translation(out, points, dropped);
  }

  /**
   * Checks the label sets of {@code ts} (a metric name, no label twice) and returns what each gives;
   * the message of the exception names the first series refused and why.
   */
  private Series[] check(List<TimeSeries> ts) throws InvalidRequestException {
    Series[] series = new Series[ts.size()];
    for (int i = 0; i < ts.size(); i++) {
      Series s = series(ts.get(i).labels());
      if (s.error != null) {
        throw new InvalidRequestException("timeseries[" + i + "]: " + s.error);
      }
      series[i] = s;
    }
    return series;
  }

  /**
   * Checks {@code req} as {@link #translate} does and remembers its metadata, without translating:
   * for series forwarded as they came. {@code target_info} series are not remembered as resource
   * attributes (they are forwarded as series).
   */
  void checkAndRemember(WriteRequest req) throws InvalidRequestException {
    check(req.timeseries());
    rememberMetadata(req.metadata());
  }

  private void rememberMetadata(List<MetricMetadata> mds) {
    if (mds.isEmpty()) {
      return;
    }
    synchronized (metadata) {
      for (MetricMetadata m : mds) {
        if (!m.metricFamilyName().isEmpty()) {
          metadata.put(m.metricFamilyName(), new FamilyMetadata(m.metricFamilyName(), type(m.type()), m.help(),
              m.unit()));
        }
      }
    }
  }

  /** What {@code labels} give (remembered: with the interned label set, else in {@link #seriesCache}). */
  private Series series(List<WriteRequest.Label> ls) {
    if (ls instanceof LabelInterner.Interned interned) {
      if (interned.attachment() instanceof Series s) {
        return s;
      }
      Series s = derive(ls);
      interned.attach(s);
      return s;
    }
    Series s = seriesCache.get(ls);
    if (s != null) {
      return s;
    }
    s = derive(ls);
    if (seriesCache.size() >= SERIES_CACHE) {
      seriesCache.clear();
    }
    seriesCache.put(ls, s);
    return s;
  }

  private static Series derive(List<WriteRequest.Label> ls) {
    Series s;
    List<String> names = new ArrayList<>(ls.size());
    List<String> values = new ArrayList<>(ls.size());
    for (WriteRequest.Label l : ls) {
      names.add(l.name());
      values.add(l.value());
    }
    try {
      Labels labels = Labels.ofUnique(names, values);
      s = labels.metricName().isEmpty()
          ? new Series("missing metric name (label __name__) in " + labels.toMap())
          : new Series(labels);
    } catch (IllegalArgumentException e) {
      s = new Series(e.getMessage());
    }
    return s;
  }

  private void lookup(String name, Map<String, FamilyMetadata> known) {
    FamilyMetadata md = metadata.get(name);
    if (md != null) {
      known.put(name, md);
    }
  }

  /** Types guessed from names and labels for families no metadata describes. */
  private static Map<String, FamilyMetadata> guesses(Series[] series, Map<String, FamilyMetadata> known) {
    Map<String, FamilyMetadata> g = new HashMap<>();
    for (Series s : series) {
      String name = s.name;
      if (s.histogramGuess != null) {
        String base = s.histogramGuess.family();
        if (!known.containsKey(base) && !known.containsKey(name)) {
          g.put(base, s.histogramGuess);
        }
      } else if (s.summaryGuess != null && !known.containsKey(name)) {
        g.put(name, s.summaryGuess);
      }
    }
    for (Series s : series) {
      String name = s.name;
      if (s.counterGuess != null && !known.containsKey(name) && !g.containsKey(name)
          && !known.containsKey(s.counterBase)) {
        g.put(name, s.counterGuess);
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
  static PromType type(WriteRequest.MetricType t) {
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
    final String key;
    final OtlpMetricsBuilder builder;
    final Map<String, String> info = new LinkedHashMap<>();

    Resource(String job, String instance, String key, OtlpMetricsBuilder builder) {
      this.job = job;
      this.instance = instance;
      this.key = key;
      this.builder = builder;
    }
  }
}
