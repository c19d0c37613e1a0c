package dev.signalbox.sdk.prometheus.translate;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.ElementList;
import dev.signalbox.pdata.Gauge;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.InstrumentationScope;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.Resource;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Summary;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.ValueAtQuantile;
import dev.signalbox.sdk.prometheus.remotewrite.LabelList;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.translate.TranslationStats.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates OTLP metrics to Prometheus samples, as the OpenTelemetry specification's "OTLP Metric
 * points to Prometheus" says, for the remote-write and the scrape exporters alike.
 *
 * <h2>Series</h2>
 * <ul>
 *   <li><b>Gauge</b> → gauge; <b>cumulative monotonic Sum</b> → counter (with its exemplars);
 *       <b>cumulative non-monotonic Sum</b> → gauge. Int values become doubles.
 *   <li><b>cumulative Histogram</b> → {@code <name>_bucket{le="<bound>"}} with cumulative counts,
 *       ending with {@code le="+Inf"} equal to the count; {@code <name>_count}; {@code <name>_sum}
 *       when the point has a sum. Each exemplar goes to the first bucket whose bound is at least
 *       its value.
 *   <li><b>Summary</b> → {@code <name>{quantile="<q>"}}, {@code <name>_sum}, {@code <name>_count}.
 *   <li><b>Dropped</b> and counted in {@link TranslationStats}: delta and unspecified-temporality
 *       sums and histograms (the scrape exporter turns deltas into cumulative values before it
 *       gets here), exponential histograms (they would need native histograms), metrics whose
 *       name has no valid character.
 *   <li>A point flagged {@code NoRecordedValue} gives every one of its series Prometheus' staleness
 *       marker ({@link Sample#STALE_NAN_BITS}), which ends those series at that time.
 *   <li>Timestamps are the points' times in milliseconds.
 * </ul>
 *
 * <h2>Labels</h2>
 * From weakest to strongest (a stronger source replaces a label of the same name):
 * <ol>
 *   <li>external / constant labels: only where no other source has the name;
 *   <li>resource attributes, with {@code resourceToTelemetry}: only where the point has no
 *       attribute of that label name;
 *   <li>the point's attributes, names made valid by {@link PrometheusNaming#labelName}; attributes
 *       whose names become the same label are joined with {@code ;} in the order of their original
 *       keys (identical values once);
 *   <li>{@code otel_scope_name}, {@code otel_scope_version}, {@code otel_scope_schema_url},
 *       {@code otel_scope_<attribute>} (unless disabled);
 *   <li>{@code job} = {@code <service.namespace>/<service.name>} (or {@code <service.name>}) and
 *       {@code instance} = {@code service.instance.id}, when present;
 *   <li>{@code __name__}, {@code le}, {@code quantile}.
 * </ol>
 * Labels with empty values are left out (Prometheus treats them as absent). Non-string attribute
 * values are written as the attribute specification says ({@link AnyValue#asString()}).
 *
 * <h2>target_info</h2>
 * One {@code target_info} series of value 1 per resource that has a {@code job} or
 * {@code instance} and other attributes: {@code job}, {@code instance}, the other resource
 * attributes (names made valid) and the external labels; at the latest time of the resource's
 * translated points. It is never prefixed with the namespace, so that
 * {@code * on(job, instance) group_left target_info} joins work whatever the namespace (the
 * Collector's remote-write exporter prefixes it).
 *
 * <p>Thread-safe; name translations are cached per instance (bounded).
 */
public final class OtlpToPrometheus {
  /** OpenMetrics' limit on the characters of an exemplar's label set. */
  public static final int MAX_EXEMPLAR_RUNES = 128;
  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_NAMESPACE = "service.namespace";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";
  private static final int NAME_CACHE_LIMIT = 16_384;
  private static final double STALE = Double.longBitsToDouble(Sample.STALE_NAN_BITS);

  private final TranslationSettings settings;
  private final String[] externalNames;
  private final String[] externalValues;
  private final Map<NameKey, String> names = new ConcurrentHashMap<>();
  private final Family targetInfoFamily;

  private record NameKey(String name, String unit, FamilyType type, boolean otelGauge) {}

  public OtlpToPrometheus(TranslationSettings settings) {
    this.settings = settings;
    this.externalNames = settings.externalLabels().keySet().toArray(String[]::new);
    this.externalValues = settings.externalLabels().values().toArray(String[]::new);
    this.targetInfoFamily = new Family("target_info", FamilyType.INFO, "Target metadata", "");
  }

  public TranslationSettings settings() {
    return settings;
  }

  /**
   * The labels a resource gives its series, computed once per resource: {@code job},
   * {@code instance}, the resource attributes for {@code resourceToTelemetry}, and those of
   * {@code target_info}.
   */
  public static final class ResourceLabels {
    final String job;
    final String instance;
    /** Name/value pairs added where absent (resource_to_telemetry_conversion). */
    final String[] telemetry;
    /** The sorted labels of target_info without __name__, or null when it has none. */
    final Label[] targetInfo;

    private ResourceLabels(String job, String instance, String[] telemetry, Label[] targetInfo) {
      this.job = job;
      this.instance = instance;
      this.telemetry = telemetry;
      this.targetInfo = targetInfo;
    }

    /** The {@code job} label value, empty if none. */
    public String job() {
      return job;
    }

    /** The {@code instance} label value, empty if none. */
    public String instance() {
      return instance;
    }
  }

  /** The {@code otel_scope_*} labels of a scope, computed once per scope. */
  public static final class ScopeLabels {
    static final ScopeLabels NONE = new ScopeLabels(new String[0]);
    final String[] pairs;

    private ScopeLabels(String[] pairs) {
      this.pairs = pairs;
    }
  }

  /** Translates every metric of {@code metrics}, then each resource's {@code target_info}. */
  public void translate(Metrics metrics, SampleSink sink, TranslationStats stats) {
    LabelsBuilder lb = new LabelsBuilder();
    for (ResourceMetrics rm : metrics.resourceMetrics()) {
      ResourceLabels rl = resourceLabels(rm.resource());
      long latest = Long.MIN_VALUE;
      for (ScopeMetrics sm : rm.scopeMetrics()) {
        ScopeLabels sl = scopeLabels(sm.scope(), sm.schemaUrl());
        for (Metric m : sm.metrics()) {
          latest = Math.max(latest, translate(rl, sl, m, sink, stats, lb));
        }
      }
      if (latest != Long.MIN_VALUE) {
        targetInfo(rl, latest, sink, stats);
      }
    }
  }

  /** The labels {@code resource} gives; see {@link ResourceLabels}. */
  public ResourceLabels resourceLabels(Resource resource) {
    Attributes attrs = resource.attributes();
    AnyValue name = attrs.get(SERVICE_NAME);
    AnyValue ns = attrs.get(SERVICE_NAMESPACE);
    AnyValue id = attrs.get(SERVICE_INSTANCE_ID);
    String job = "";
    if (name != null) {
      job = ns != null ? ns.asString() + "/" + name.asString() : name.asString();
    }
    String instance = id != null ? id.asString() : "";
    String[] telemetry = new String[0];
    if (settings.resourceToTelemetry()) {
      LabelsBuilder b = new LabelsBuilder();
      addAttributes(b, attrs, settings.excludeServiceAttributes());
      telemetry = b.pairs();
    }
    Label[] targetInfo = null;
    if (settings.targetInfo() && (!job.isEmpty() || !instance.isEmpty())) {
      LabelsBuilder b = new LabelsBuilder();
      addAttributes(b, attrs, true);
      if (b.size() > 0) {
        b.put("job", job);
        b.put("instance", instance);
        addExternal(b);
        targetInfo = b.sorted();
      }
    }
    return new ResourceLabels(job, instance, telemetry, targetInfo);
  }

  /** The {@code otel_scope_*} labels of a scope (none when scope labels are disabled). */
  public ScopeLabels scopeLabels(InstrumentationScope scope, String schemaUrl) {
    if (!settings.scopeLabels()) {
      return ScopeLabels.NONE;
    }
    LabelsBuilder b = new LabelsBuilder();
    b.put("otel_scope_name", scope.name());
    b.put("otel_scope_version", scope.version());
    b.put("otel_scope_schema_url", schemaUrl == null ? "" : schemaUrl);
    Attributes a = scope.attributes();
    for (int i = 0; i < a.size(); i++) {
      String k = a.key(i);
      if (k.equals("name") || k.equals("version") || k.equals("schema_url") || k.isEmpty()) {
        continue;
      }
      b.putJoined(PrometheusNaming.labelName("otel_scope_" + k), a.value(i).asString());
    }
    return new ScopeLabels(b.pairs());
  }

  /**
   * The labels, sorted and with {@code __name__}, that a Prometheus series forwarded as it came
   * (remote write in → remote write out without decoding, see {@code RemoteWriteChunk}) is written
   * with: what translating it into OTLP the way the {@code prometheusremotewrite} receiver does and
   * back gives. The receiver makes the metric and labels the point's name and attributes,
   * {@code job}/{@code instance} the resource, and {@code otel_scope_name}/{@code otel_scope_version}
   * the instrumentation scope ({@code scopeName}/{@code scopeVersion}, the receiver's own, where
   * absent), leaving out the other {@code otel_scope_*} labels; this class then writes, by the
   * precedence of the class comment: label names made valid as attribute names are, the scope labels
   * (unless disabled), {@code job} and {@code instance}, the external labels where absent, empty
   * values left out, and the namespace before the metric name. A {@code target_info} series (its
   * labels the resource's attributes) keeps its name and all its labels, as the one this class
   * writes for a resource; it is left out (null) when target_info is disabled. Null also without a
   * metric name.
   *
   * <p>Not reproduced, because the series is not re-assembled: label values the receiver parses
   * are kept as sent ({@code le="1.0"} stays, where the round trip writes {@code le="1"}).
   */
  public List<Label> forwardedLabels(List<Label> labels, String scopeName, String scopeVersion) {
    String name = "";
    for (int i = 0, n = labels.size(); i < n; i++) {
      if (labels.get(i).name().equals("__name__")) {
        name = labels.get(i).value();
        break;
      }
    }
    if (name.isEmpty()) {
      return null;
    }
    boolean info = name.equals("target_info");
    if (info && !settings.targetInfo()) {
      return null;
    }
    LabelsBuilder b = new LabelsBuilder();
    String sn = scopeName;
    String sv = scopeVersion;
    for (int i = 0, n = labels.size(); i < n; i++) {
      Label l = labels.get(i);
      String ln = l.name();
      if (ln.equals("__name__")) {
        continue;
      }
      if (!info && ln.startsWith("otel_scope_")) {
        if (ln.equals("otel_scope_name") && !l.value().isEmpty()) {
          sn = l.value();
        } else if (ln.equals("otel_scope_version") && !l.value().isEmpty()) {
          sv = l.value();
        }
        continue;
      }
      ln = PrometheusNaming.labelName(ln);
      if (!ln.isEmpty()) {
        b.putJoined(ln, l.value());
      }
    }
    if (!info && settings.scopeLabels()) {
      b.put("otel_scope_name", sn);
      b.put("otel_scope_version", sv);
    }
    addExternal(b);
    return withName(b.sorted(), info || settings.namespace().isEmpty() ? name : settings.namespace() + "_" + name);
  }

  /** The {@code target_info} sample of a resource at {@code timestampMillis}, if it has one. */
  public void targetInfo(ResourceLabels rl, long timestampMillis, SampleSink sink, TranslationStats stats) {
    if (rl.targetInfo == null) {
      return;
    }
    stats.sample();
    sink.sample(targetInfoFamily, withName(rl.targetInfo, "target_info"), 1.0, timestampMillis, List.of());
  }

  /**
   * Translates one metric of a resource and scope.
   *
   * @return the latest time (ms) of the points translated, or {@link Long#MIN_VALUE} if none
   */
  public long translate(ResourceLabels rl, ScopeLabels sl, Metric metric, SampleSink sink, TranslationStats stats) {
    return translate(rl, sl, metric, sink, stats, new LabelsBuilder());
  }

  /** The family {@code metric} becomes, or null when it is dropped (the reason in {@code stats}). */
  public Family family(Metric metric, TranslationStats stats) {
    FamilyType type;
    boolean otelGauge = false;
    switch (metric.data()) {
      case Gauge g -> {
        type = FamilyType.GAUGE;
        otelGauge = true;
      }
      case Sum s -> {
        AggregationTemporality t = s.aggregationTemporality();
        if (t != AggregationTemporality.CUMULATIVE) {
          stats.drop(t == AggregationTemporality.DELTA ? Reason.DELTA_TEMPORALITY : Reason.UNSPECIFIED_TEMPORALITY,
              metric.name(), s.dataPoints().size());
          return null;
        }
        type = s.isMonotonic() ? FamilyType.COUNTER : FamilyType.GAUGE;
      }
      case Histogram h -> {
        AggregationTemporality t = h.aggregationTemporality();
        if (t != AggregationTemporality.CUMULATIVE) {
          stats.drop(t == AggregationTemporality.DELTA ? Reason.DELTA_TEMPORALITY : Reason.UNSPECIFIED_TEMPORALITY,
              metric.name(), h.dataPoints().size());
          return null;
        }
        type = FamilyType.HISTOGRAM;
      }
      case Summary s -> type = FamilyType.SUMMARY;
      case dev.signalbox.pdata.ExponentialHistogram e -> {
        stats.drop(Reason.EXPONENTIAL_HISTOGRAM, metric.name(), e.dataPoints().size());
        return null;
      }
      case null -> {
        stats.drop(Reason.INVALID_METRIC, metric.name(), 0);
        return null;
      }
    }
    String name = name(metric, type, otelGauge);
    if (name.isEmpty()) {
      stats.drop(Reason.INVALID_METRIC, metric.name(), metric.dataPointCount());
      return null;
    }
    String unit = settings.addMetricSuffixes() ? PrometheusNaming.prometheusUnit(metric.unit()) : "";
    return new Family(name, type, metric.description(), unit);
  }

  private String name(Metric metric, FamilyType type, boolean otelGauge) {
    NameKey key = new NameKey(metric.name(), metric.unit(), type, otelGauge);
    String cached = names.get(key);
    if (cached != null) {
      return cached;
    }
    String n = PrometheusNaming.metricName(metric.name(), metric.unit(), type, otelGauge, settings.namespace(),
        settings.addMetricSuffixes());
    if (names.size() < NAME_CACHE_LIMIT) {
      names.put(key, n);
    }
    return n;
  }

  private long translate(ResourceLabels rl, ScopeLabels sl, Metric metric, SampleSink sink, TranslationStats stats,
      LabelsBuilder lb) {
    Family family = family(metric, stats);
    if (family == null) {
      return Long.MIN_VALUE;
    }
    long latest = Long.MIN_VALUE;
    switch (metric.data()) {
      case Gauge g -> latest = numbers(family, g.dataPoints(), false, rl, sl, sink, stats, lb);
      case Sum s -> latest = numbers(family, s.dataPoints(), family.type() == FamilyType.COUNTER, rl, sl, sink, stats,
          lb);
      case Histogram h -> {
        SeriesNames names = new SeriesNames(family.name());
        for (HistogramDataPoint p : h.dataPoints()) {
          latest = Math.max(latest, histogram(family, names, p, pointLabels(lb, p.attributes(), rl, sl), sink, stats));
        }
        stats.translated(h.dataPoints().size());
      }
      case Summary s -> {
        SeriesNames names = new SeriesNames(family.name());
        for (SummaryDataPoint p : s.dataPoints()) {
          latest = Math.max(latest, summary(family, names, p, pointLabels(lb, p.attributes(), rl, sl), sink, stats));
        }
        stats.translated(s.dataPoints().size());
      }
      default -> throw new IllegalStateException("unreachable: " + metric.type());
    }
    return latest;
  }

  private long numbers(Family family, ElementList<NumberDataPoint> points, boolean exemplars, ResourceLabels rl,
      ScopeLabels sl, SampleSink sink, TranslationStats stats, LabelsBuilder lb) {
    long latest = Long.MIN_VALUE;
    for (NumberDataPoint p : points) {
      Label[] base = pointLabels(lb, p.attributes(), rl, sl);
      long ts = millis(p.timeUnixNano());
      double v = p.noRecordedValue() ? STALE : p.valueAsDouble();
      List<Exemplar> ex = exemplars && p.hasExemplars() ? exemplars(p.exemplars()) : List.of();
      stats.sample();
      sink.sample(family, withName(base, family.name()), v, ts, ex);
      latest = Math.max(latest, ts);
    }
    stats.translated(points.size());
    return latest;
  }

  /** The series names of one histogram or summary, and its last bounds as {@code le} values. */
  private static final class SeriesNames {
    final String sum;
    final String count;
    final String bucket;
    double[] bounds;
    String[] le;

    SeriesNames(String name) {
      this.sum = name + "_sum";
      this.count = name + "_count";
      this.bucket = name + "_bucket";
    }

    String[] le(double[] b) {
      if (bounds == null || !Arrays.equals(bounds, b)) {
        String[] out = new String[b.length];
        for (int i = 0; i < b.length; i++) {
          out[i] = PrometheusNaming.formatBound(b[i]);
        }
        bounds = b;
        le = out;
      }
      return le;
    }
  }

  private long histogram(Family family, SeriesNames names, HistogramDataPoint p, Label[] base, SampleSink sink,
      TranslationStats stats) {
    long ts = millis(p.timeUnixNano());
    boolean stale = p.noRecordedValue();
    if (p.hasSum()) {
      stats.sample();
      sink.sample(family, withName(base, names.sum), stale ? STALE : p.sum(), ts, List.of());
    }
    stats.sample();
    sink.sample(family, withName(base, names.count), stale ? STALE : (double) p.count(), ts, List.of());
    double[] bounds = p.explicitBounds();
    long[] counts = p.bucketCounts();
    int n = Math.min(bounds.length, counts.length);
    List<Exemplar>[] byBucket = p.hasExemplars() ? bucketExemplars(p.exemplars(), bounds, n) : null;
    String bucket = names.bucket;
    String[] le = names.le(bounds);
    long cumulative = 0;
    for (int i = 0; i < n; i++) {
      cumulative += counts[i];
      stats.sample();
      sink.sample(family, withNameAnd(base, bucket, "le", le[i]),
          stale ? STALE : (double) cumulative, ts, byBucket == null || byBucket[i] == null ? List.of() : byBucket[i]);
    }
    stats.sample();
    sink.sample(family, withNameAnd(base, bucket, "le", "+Inf"), stale ? STALE : (double) p.count(), ts,
        byBucket == null || byBucket[n] == null ? List.of() : byBucket[n]);
    return ts;
  }

  @SuppressWarnings("unchecked")
  private static List<Exemplar>[] bucketExemplars(ElementList<dev.signalbox.pdata.Exemplar> exemplars, double[] bounds,
      int n) {
    List<Exemplar>[] out = new List[n + 1];
    for (dev.signalbox.pdata.Exemplar e : exemplars) {
      Exemplar x = exemplar(e);
      int i = 0;
      while (i < n && !(x.value() <= bounds[i])) {
        i++;
      }
      if (out[i] == null) {
        out[i] = new ArrayList<>(2);
      }
      out[i].add(x);
    }
    return out;
  }

  private long summary(Family family, SeriesNames names, SummaryDataPoint p, Label[] base, SampleSink sink,
      TranslationStats stats) {
    long ts = millis(p.timeUnixNano());
    boolean stale = p.noRecordedValue();
    String name = family.name();
    stats.sample();
    sink.sample(family, withName(base, names.sum), stale ? STALE : p.sum(), ts, List.of());
    stats.sample();
    sink.sample(family, withName(base, names.count), stale ? STALE : (double) p.count(), ts, List.of());
    for (ValueAtQuantile q : p.quantileValues()) {
      stats.sample();
      sink.sample(family, withNameAnd(base, name, "quantile", PrometheusNaming.formatBound(q.quantile())),
          stale ? STALE : q.value(), ts, List.of());
    }
    return ts;
  }

  private static List<Exemplar> exemplars(ElementList<dev.signalbox.pdata.Exemplar> exemplars) {
    List<Exemplar> out = new ArrayList<>(exemplars.size());
    for (dev.signalbox.pdata.Exemplar e : exemplars) {
      out.add(exemplar(e));
    }
    return out;
  }

  /**
   * An OTel exemplar as Prometheus': {@code trace_id} and {@code span_id} in lower-case hex when
   * set, then the filtered attributes (names made valid) unless they would take the label set over
   * {@value #MAX_EXEMPLAR_RUNES} characters; the value as a double; the time in milliseconds.
   */
  static Exemplar exemplar(dev.signalbox.pdata.Exemplar e) {
    List<Label> labels = new ArrayList<>(2 + e.filteredAttributes().size());
    int runes = 0;
    if (e.traceIdHigh() != 0 || e.traceIdLow() != 0) {
      String hex = e.traceId().toHex();
      labels.add(new Label("trace_id", hex));
      runes += "trace_id".length() + hex.length();
    }
    if (e.spanId() != 0) {
      String hex = dev.signalbox.pdata.Ids.hex16(e.spanId());
      labels.add(new Label("span_id", hex));
      runes += "span_id".length() + hex.length();
    }
    Attributes a = e.filteredAttributes();
    if (!a.isEmpty()) {
      List<Label> extra = new ArrayList<>(a.size());
      int extraRunes = 0;
      for (int i = 0; i < a.size(); i++) {
        String name = PrometheusNaming.labelName(a.key(i));
        String value = a.value(i).asString();
        if (name.isEmpty() || value.isEmpty()) {
          continue;
        }
        extra.add(new Label(name, value));
        extraRunes += name.codePointCount(0, name.length()) + value.codePointCount(0, value.length());
      }
      if (runes + extraRunes <= MAX_EXEMPLAR_RUNES) {
        labels.addAll(extra);
      }
    }
    double v = switch (e.valueKind()) {
      case INT -> (double) e.intValue();
      case DOUBLE -> e.doubleValue();
      default -> 0;
    };
    return new Exemplar(labels, v, millis(e.timeUnixNano()));
  }

  static long millis(long nanos) {
    return Math.floorDiv(nanos, 1_000_000L);
  }

  // ---- labels ----------------------------------------------------------------------------------

  /** The sorted labels of a point without {@code __name__}: see the class comment for precedence. */
  private Label[] pointLabels(LabelsBuilder b, Attributes attrs, ResourceLabels rl, ScopeLabels sl) {
    b.reset();
    addAttributes(b, attrs, false);
    String[] t = rl.telemetry;
    for (int i = 0; i < t.length; i += 2) {
      b.putIfAbsent(t[i], t[i + 1]);
    }
    String[] s = sl.pairs;
    for (int i = 0; i < s.length; i += 2) {
      b.put(s[i], s[i + 1]);
    }
    if (!rl.job.isEmpty()) {
      b.put("job", rl.job);
    }
    if (!rl.instance.isEmpty()) {
      b.put("instance", rl.instance);
    }
    addExternal(b);
    return b.sorted();
  }

  private void addExternal(LabelsBuilder b) {
    for (int i = 0; i < externalNames.length; i++) {
      b.putIfAbsent(externalNames[i], externalValues[i]);
    }
  }

  /**
   * Adds attributes in the order of their keys, joining those that map to one label name with
   * {@code ;}; {@code skipService}: leaves out the service triplet.
   */
  private static void addAttributes(LabelsBuilder b, Attributes attrs, boolean skipService) {
    int n = attrs.size();
    if (n == 0) {
      return;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 1; i < n; i++) { // insertion sort by key: attribute lists are short and often sorted
      int cur = order[i];
      String key = attrs.key(cur);
      int j = i - 1;
      while (j >= 0 && attrs.key(order[j]).compareTo(key) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = cur;
    }
    for (int i = 0; i < n; i++) {
      String key = attrs.key(order[i]);
      if (skipService && (key.equals(SERVICE_NAME) || key.equals(SERVICE_NAMESPACE)
          || key.equals(SERVICE_INSTANCE_ID))) {
        continue;
      }
      String name = PrometheusNaming.labelName(key);
      if (!name.isEmpty()) {
        b.putJoined(name, attrs.value(order[i]).asString());
      }
    }
  }

  /** {@code base} plus {@code __name__}, sorted. */
  static List<Label> withName(Label[] base, String name) {
    return insert(base, new Label("__name__", name), null);
  }

  /** {@code base} plus {@code __name__} and one more label (replacing one of the same name), sorted. */
  static List<Label> withNameAnd(Label[] base, String name, String extraName, String extraValue) {
    return insert(base, new Label("__name__", name), new Label(extraName, extraValue));
  }

  private static List<Label> insert(Label[] base, Label a, Label b) {
    int replaced = 0;
    for (Label l : base) {
      if (l.name().equals(a.name()) || (b != null && l.name().equals(b.name()))) {
        replaced++;
      }
    }
    Label[] out = new Label[base.length - replaced + (b == null ? 1 : 2)];
    int o = 0;
    if (replaced == 0) {
      System.arraycopy(base, 0, out, 0, base.length);
      o = base.length;
    } else {
      for (Label l : base) {
        if (!l.name().equals(a.name()) && (b == null || !l.name().equals(b.name()))) {
          out[o++] = l;
        }
      }
    }
    o = insertSorted(out, o, a);
    if (b != null) {
      insertSorted(out, o, b);
    }
    return new LabelList(out); // takes the array over; hashes once as a series-map key
  }

  private static int insertSorted(Label[] arr, int n, Label x) {
    int i = n;
    while (i > 0 && arr[i - 1].name().compareTo(x.name()) > 0) {
      arr[i] = arr[i - 1];
      i--;
    }
    arr[i] = x;
    return n + 1;
  }

  /** A small name → value map in insertion order; sorted and stripped of empty values on output. */
  static final class LabelsBuilder {
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int n;

    void reset() {
      n = 0;
    }

    int size() {
      return n;
    }

    private int indexOf(String name) {
      for (int i = 0; i < n; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private void add(String name, String value) {
      if (n == names.length) {
        names = Arrays.copyOf(names, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      names[n] = name;
      values[n] = value;
      n++;
    }

    void put(String name, String value) {
      int i = indexOf(name);
      if (i >= 0) {
        values[i] = value;
      } else {
        add(name, value);
      }
    }

    void putIfAbsent(String name, String value) {
      if (indexOf(name) < 0) {
        add(name, value);
      }
    }

    void putJoined(String name, String value) {
      int i = indexOf(name);
      if (i < 0) {
        add(name, value);
      } else if (!values[i].equals(value)) {
        values[i] = values[i] + ";" + value;
      }
    }

    /** Name/value pairs, empty values included (they may override). */
    String[] pairs() {
      String[] out = new String[n * 2];
      for (int i = 0; i < n; i++) {
        out[2 * i] = names[i];
        out[2 * i + 1] = values[i];
      }
      return out;
    }

    Label[] sorted() {
      int m = 0;
      Label[] out = new Label[n];
      for (int i = 0; i < n; i++) {
        if (!values[i].isEmpty()) {
          out[m++] = new Label(names[i], values[i]);
        }
      }
      if (m != n) {
        out = Arrays.copyOf(out, m);
      }
      for (int i = 1; i < m; i++) {
        Label cur = out[i];
        int j = i - 1;
        while (j >= 0 && out[j].name().compareTo(cur.name()) > 0) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = cur;
      }
      return out;
    }
  }
}
