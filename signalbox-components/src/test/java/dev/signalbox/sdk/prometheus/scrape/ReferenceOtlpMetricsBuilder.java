package dev.signalbox.sdk.prometheus.scrape;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.Exemplar;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.ValueAtQuantile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code OtlpMetricsBuilder} as it was before its hot path was made cheaper, kept unchanged as the
 * reference {@code RemoteWriteTranslatorDifferentialTest} compares the optimized code with.
 *
 * <p>The original comment:
 * Turns the Prometheus samples of one resource (one scrape target, or one job/instance of a
 * remote-write request) into OTLP metrics, the way the Collector's Prometheus receiver does.
 * Not thread-safe; one builder per resource and batch.
 *
 * <p>Families: a sample belongs to the family its name has metadata for, or to the family its
 * name has once a type suffix is trimmed ({@code _total}, {@code _created}, {@code _bucket},
 * {@code _count}, {@code _sum}, {@code _info}, {@code _gcount}, {@code _gsum}) when that family's
 * type has that suffix; otherwise it is a family of its own of type unknown. Types map as:
 * counter → monotonic cumulative sum named as its value samples ({@code foo_total}); gauge and
 * unknown → gauge; histogram → explicit-bucket cumulative histogram (named as the family, from
 * {@code _bucket}/{@code _count}/{@code _sum}); summary → summary; info and stateset →
 * non-monotonic cumulative sum; gaugehistogram → dropped (the Collector drops it too).
 * {@code <family>_created} sets the start time of its counter, histogram or summary point.
 *
 * <p>Each metric gets the family's help as description, its unit in UCUM
 * ({@link UnitWords}) and {@code prometheus.type} in its metadata. Data point attributes are the
 * labels except {@code __name__}, {@code job}, {@code instance}, {@code le} (histograms),
 * {@code quantile} (summaries) and {@code otel_scope_*}; {@code otel_scope_name} and
 * {@code otel_scope_version} choose the instrumentation scope. A staleness marker becomes a point
 * with the no-recorded-value flag and no value (zero counts for histograms and summaries).
 * Exemplars' {@code trace_id} and {@code span_id} labels become the exemplar's ids when they are
 * well-formed hex of the right length, every other label a filtered attribute.
 *
 * <p>Start times are left to the caller ({@link StartTimeAdjuster}) unless a {@code _created}
 * sample gave one.
 */
public final class ReferenceOtlpMetricsBuilder {
  /** Metadata key the Collector writes the Prometheus type under. */
  public static final String TYPE_METADATA_KEY = "prometheus.type";
  public static final String SCOPE_NAME_LABEL = "otel_scope_name";
  public static final String SCOPE_VERSION_LABEL = "otel_scope_version";

  private static final String[] COUNTER_SUFFIXES = {"_total", "_created"};
  private static final String[] HISTOGRAM_SUFFIXES = {"_bucket", "_count", "_sum", "_created"};
  private static final String[] GAUGE_HISTOGRAM_SUFFIXES = {"_bucket", "_gcount", "_gsum"};
  private static final String[] SUMMARY_SUFFIXES = {"_count", "_sum", "_created"};
  private static final String[] INFO_SUFFIXES = {"_info"};
  private static final String[] TRIMMED = {"_total", "_created", "_bucket", "_count", "_sum", "_info", "_gcount",
      "_gsum"};

  /** Where family metadata comes from. */
  @FunctionalInterface
  public interface MetadataSource {
    /** The metadata of family {@code name}, or null when unknown. */
    FamilyMetadata get(String name);
  }

  /** What to do with a histogram or summary group that has no {@code _count} sample. */
  public enum IncompleteGroups {
    /** Drop it, as the Collector's scrape receiver does. */
    DROP,
    /** Emit its samples as gauges named as their series (all labels kept). */
    FLATTEN
  }

  private final MetadataSource metadata;
  private final String defaultScopeName;
  private final String defaultScopeVersion;
  private final IncompleteGroups incomplete;
  private final Map<ScopeKey, Map<String, Family>> scopes = new LinkedHashMap<>();
  private final Map<String, Resolved> resolved = new java.util.HashMap<>();
  private int droppedSamples;

  public ReferenceOtlpMetricsBuilder(MetadataSource metadata, String defaultScopeName, String defaultScopeVersion,
      IncompleteGroups incomplete) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.defaultScopeName = Objects.requireNonNull(defaultScopeName, "defaultScopeName");
    this.defaultScopeVersion = Objects.requireNonNull(defaultScopeVersion, "defaultScopeVersion");
    this.incomplete = Objects.requireNonNull(incomplete, "incomplete");
  }

  /** Samples left out because they could not be placed (histogram series without a valid {@code le}, ...). */
  public int droppedSamples() {
    return droppedSamples;
  }

  /**
   * Adds one sample.
   *
   * @param labels the series, {@code __name__} included
   * @param timestampMillis the sample's time
   * @param exemplar its exemplar, or null
   */
  public void add(Labels labels, long timestampMillis, double value, PromExemplar exemplar) {
    addWithExemplars(labels, timestampMillis, value, exemplar == null ? List.of() : List.of(exemplar));
  }

  /** Adds one sample with any number of exemplars (remote write carries them per series). */
  public void addWithExemplars(Labels labels, long timestampMillis, double value, List<PromExemplar> exemplars) {
    String name = labels.metricName();
    Resolved r = resolved.computeIfAbsent(name, this::resolve);
    ScopeKey scope = new ScopeKey(orDefault(labels.get(SCOPE_NAME_LABEL), defaultScopeName),
        orDefault(labels.get(SCOPE_VERSION_LABEL), defaultScopeVersion));
    Map<String, Family> families = scopes.computeIfAbsent(scope, k -> new LinkedHashMap<>());
    Family f = families.get(r.key);
    if (f == null) {
      f = new Family(r.md, r.md.type() == PromType.COUNTER ? null : r.md.family());
      families.put(r.key, f);
    }
    f.add(name, r.role, labels, timestampMillis, value, exemplars);
  }

  /** A sample name's family, its role in it, and the family's key within a scope. */
  private record Resolved(FamilyMetadata md, Role role, String key) {
    Resolved(FamilyMetadata md, Role role) {
      this(md, role, md.type() + "/" + md.family());
    }
  }

  private Resolved resolve(String name) {
    FamilyMetadata md = metadata.get(name);
    if (md != null) {
      if (md.type() == PromType.UNKNOWN || md.type() == PromType.GAUGE) {
        return new Resolved(md.family().equals(name) ? md : new FamilyMetadata(name, md.type(), md.help(), md.unit()),
            Role.VALUE);
      }
      Role role = switch (md.type()) {
        case COUNTER, INFO, STATESET -> Role.VALUE;
        case SUMMARY -> Role.QUANTILE;
        default -> Role.BUCKET;
      };
      return new Resolved(new FamilyMetadata(name, md.type(), md.help(), md.unit()), role);
    }
    for (String suffix : TRIMMED) {
      if (name.length() > suffix.length() && name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        FamilyMetadata bm = metadata.get(base);
        if (bm != null && hasSuffix(bm.type(), suffix)) {
          FamilyMetadata fm = new FamilyMetadata(base, bm.type(), bm.help(), bm.unit());
          return new Resolved(fm, roleOf(bm.type(), suffix));
        }
      }
    }
    return new Resolved(FamilyMetadata.unknown(name), Role.VALUE);
  }

  private static boolean hasSuffix(PromType type, String suffix) {
    String[] accepted = switch (type) {
      case COUNTER -> COUNTER_SUFFIXES;
      case HISTOGRAM -> HISTOGRAM_SUFFIXES;
      case GAUGEHISTOGRAM -> GAUGE_HISTOGRAM_SUFFIXES;
      case SUMMARY -> SUMMARY_SUFFIXES;
      case INFO -> INFO_SUFFIXES;
      default -> new String[0];
    };
    for (String s : accepted) {
      if (s.equals(suffix)) {
        return true;
      }
    }
    return false;
  }

  private static Role roleOf(PromType type, String suffix) {
    return switch (suffix) {
      case "_created" -> Role.CREATED;
      case "_count", "_gcount" -> Role.COUNT;
      case "_sum", "_gsum" -> Role.SUM;
      case "_bucket" -> Role.BUCKET;
      default -> Role.VALUE; // _total, _info
    };
  }

  /**
   * Appends the metrics built so far to {@code rm}, one {@link ScopeMetrics} per scope (reusing one
   * already in {@code rm} with the same name and version), and returns the number of data points
   * appended. Families that end up with no point add no metric.
   */
  public int appendTo(ResourceMetrics rm) {
    int points = 0;
    for (var e : scopes.entrySet()) {
      ScopeMetrics sm = null;
      for (ScopeMetrics existing : rm.scopeMetrics()) {
        if (existing.scope().name().equals(e.getKey().name) && existing.scope().version().equals(e.getKey().version)) {
          sm = existing;
          break;
        }
      }
      List<Metric> built = new ArrayList<>();
      for (Family f : e.getValue().values()) {
        points += f.build(built);
      }
      if (built.isEmpty()) {
        continue;
      }
      if (sm == null) {
        sm = rm.scopeMetrics().addNew();
        sm.scope().setName(e.getKey().name).setVersion(e.getKey().version);
      }
      for (Metric m : built) {
        sm.metrics().add(m);
      }
    }
    return points;
  }

  private static String orDefault(String v, String d) {
    return v.isEmpty() ? d : v;
  }

  private record ScopeKey(String name, String version) {}

  private enum Role { VALUE, CREATED, BUCKET, QUANTILE, COUNT, SUM }

  private record GroupKey(Labels labels, long timestampMillis) {}

  /** One sample kept as written, for {@link IncompleteGroups#FLATTEN}. */
  private record Part(Labels labels, long timestampMillis, double value) {}

  private final class Family {
    final FamilyMetadata md;
    /** The OTLP name; for counters the name of the first value sample. */
    String name;
    final Map<GroupKey, Group> groups = new LinkedHashMap<>();

    Family(FamilyMetadata md, String name) {
      this.md = md;
      this.name = name;
    }

    void add(String sampleName, Role role, Labels labels, long ts, double value, List<PromExemplar> exemplars) {
      if (md.type() == PromType.GAUGEHISTOGRAM) {
        droppedSamples++;
        return;
      }
      if (role == Role.VALUE && name == null) {
        name = sampleName;
      }
      Labels key;
      double bound = 0;
      if (md.type() == PromType.HISTOGRAM) {
        key = labels.without(Labels.METRIC_NAME, "le");
      } else if (md.type() == PromType.SUMMARY) {
        key = labels.without(Labels.METRIC_NAME, "quantile");
      } else {
        key = labels.without(Labels.METRIC_NAME);
      }
      if (role == Role.BUCKET || role == Role.QUANTILE) {
        try {
          bound = GoFloat.parse(labels.get(md.type() == PromType.HISTOGRAM ? "le" : "quantile"));
        } catch (NumberFormatException e) {
          droppedSamples++;
          return;
        }
      }
      GroupKey gk = new GroupKey(key, ts);
      Group g = groups.get(gk);
      if (g == null) {
        g = new Group(labels, ts);
        groups.put(gk, g);
      }
      if (role == Role.CREATED) {
        g.createdSeconds = value;
        return;
      }
      if (incomplete == IncompleteGroups.FLATTEN) {
        g.parts.add(new Part(labels, ts, value));
      }
      switch (role) {
        case VALUE -> {
          g.value = value;
          g.hasValue = true;
        }
        case COUNT -> {
          g.count = value;
          g.hasCount = true;
        }
        case SUM -> {
          g.sum = value;
          g.hasSum = true;
        }
        default -> g.bounds.add(new double[] {bound, value});
      }
      if (!exemplars.isEmpty() && md.type() != PromType.SUMMARY) {
        g.exemplars.addAll(exemplars);
      }
    }

    int build(List<Metric> out) {
      if (groups.isEmpty()) {
        return 0;
      }
      Metric m = new Metric();
      m.setName(name == null ? md.family() : name);
      m.setDescription(md.help());
      m.setUnit(UnitWords.toUcum(md.unit()));
      m.metadata().put(TYPE_METADATA_KEY, md.type().text());
      int points = 0;
      List<Part> flattened = new ArrayList<>();
      switch (md.type()) {
        case HISTOGRAM -> {
          var h = m.setEmptyHistogram();
          h.setAggregationTemporality(AggregationTemporality.CUMULATIVE);
          for (Group g : groups.values()) {
            if (!g.hasCount) {
              incompleteGroup(g, flattened);
              continue;
            }
            HistogramDataPoint p = histogramPoint(g);
            if (p != null) {
              h.dataPoints().add(p);
              points++;
            }
          }
        }
        case SUMMARY -> {
          var s = m.setEmptySummary();
          for (Group g : groups.values()) {
            // the rule of f880cea (a summary without its _sum is kept as its parts), which landed
            // on main after this reference was copied
            if (!g.hasCount || incomplete == IncompleteGroups.FLATTEN && !g.hasSum) {
              incompleteGroup(g, flattened);
              continue;
            }
            s.dataPoints().add(summaryPoint(g));
            points++;
          }
        }
        case COUNTER, INFO, STATESET -> {
          var s = m.setEmptySum();
          s.setAggregationTemporality(AggregationTemporality.CUMULATIVE).setMonotonic(md.type() == PromType.COUNTER);
          for (Group g : groups.values()) {
            if (g.hasValue) {
              s.dataPoints().add(numberPoint(g, true));
              points++;
            }
          }
        }
        default -> {
          var gauge = m.setEmptyGauge();
          for (Group g : groups.values()) {
            if (g.hasValue) {
              gauge.dataPoints().add(numberPoint(g, false));
              points++;
            }
          }
        }
      }
      if (points > 0) {
        out.add(m);
      }
      points += flatten(flattened, out);
      return points;
    }

    private void incompleteGroup(Group g, List<Part> flattened) {
      if (incomplete == IncompleteGroups.FLATTEN) {
        flattened.addAll(g.parts);
      } else {
        droppedSamples += Math.max(1, g.parts.size());
      }
    }

    private int flatten(List<Part> parts, List<Metric> out) {
      if (parts.isEmpty()) {
        return 0;
      }
      Map<String, Metric> byName = new LinkedHashMap<>();
      for (Part p : parts) {
        String n = p.labels.metricName();
        Metric m = byName.computeIfAbsent(n, k -> {
          Metric x = new Metric().setName(k).setDescription(md.help()).setUnit(UnitWords.toUcum(md.unit()));
          x.metadata().put(TYPE_METADATA_KEY, md.type().text());
          x.setEmptyGauge();
          return x;
        });
        NumberDataPoint dp = m.gauge().dataPoints().addNew();
        dp.setTimeUnixNano(millisToNanos(p.timestampMillis));
        setValue(dp, p.value);
        putAttributes(dp, p.labels, false);
      }
      out.addAll(byName.values());
      return parts.size();
    }

    private NumberDataPoint numberPoint(Group g, boolean sum) {
      NumberDataPoint p = new NumberDataPoint();
      p.setTimeUnixNano(millisToNanos(g.ts));
      if (sum && g.createdSeconds != 0) {
        p.setStartTimeUnixNano(secondsToNanos(g.createdSeconds));
      }
      setValue(p, g.value);
      putAttributes(p, g.labels, true);
      for (PromExemplar e : g.exemplars) {
        exemplar(p.exemplars().addNew(), e, g.ts);
      }
      return p;
    }

    private HistogramDataPoint histogramPoint(Group g) {
      boolean stale = Sample.isStaleNaN(g.sum) || Sample.isStaleNaN(g.count);
      g.bounds.sort(Comparator.comparingDouble(b -> b[0]));
      int n = g.bounds.size();
      if (n > 0 && g.bounds.get(n - 1)[0] == Double.POSITIVE_INFINITY) {
        n--;
      }
      if (!stale) {
        double prev = 0;
        for (int i = 0; i < n; i++) {
          double v = g.bounds.get(i)[1];
          if (Double.isNaN(v) || v < prev) {
            droppedSamples += g.parts.size();
            return null;
          }
          prev = v;
        }
        if (Double.isNaN(g.count) || g.count < prev) {
          droppedSamples += g.parts.size();
          return null;
        }
      }
      HistogramDataPoint p = new HistogramDataPoint();
      p.setTimeUnixNano(millisToNanos(g.ts));
      if (g.createdSeconds != 0) {
        p.setStartTimeUnixNano(secondsToNanos(g.createdSeconds));
      }
      double[] bounds = new double[n];
      long[] counts = new long[n + 1];
      for (int i = 0; i < n; i++) {
        bounds[i] = g.bounds.get(i)[0];
        if (!stale) {
          counts[i] = (long) (g.bounds.get(i)[1] - (i == 0 ? 0 : g.bounds.get(i - 1)[1]));
        }
      }
      if (!stale) {
        counts[n] = (long) (g.count - (n == 0 ? 0 : g.bounds.get(n - 1)[1]));
        p.setCount((long) g.count);
        if (g.hasSum) {
          p.setSum(g.sum);
        }
      } else {
        p.setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
      }
      p.setExplicitBounds(bounds).setBucketCounts(counts);
      putAttributes(p, g.labels, true);
      for (PromExemplar e : g.exemplars) {
        exemplar(p.exemplars().addNew(), e, g.ts);
      }
      return p;
    }

    private SummaryDataPoint summaryPoint(Group g) {
      boolean stale = Sample.isStaleNaN(g.sum) || Sample.isStaleNaN(g.count);
      g.bounds.sort(Comparator.comparingDouble(b -> b[0]));
      SummaryDataPoint p = new SummaryDataPoint();
      p.setTimeUnixNano(millisToNanos(g.ts));
      if (g.createdSeconds != 0) {
        p.setStartTimeUnixNano(secondsToNanos(g.createdSeconds));
      }
      if (stale) {
        p.setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
      } else {
        p.setCount((long) g.count);
        if (g.hasSum) {
          p.setSum(g.sum);
        }
      }
      List<ValueAtQuantile> q = new ArrayList<>(g.bounds.size());
      for (double[] b : g.bounds) {
        q.add(new ValueAtQuantile(b[0], stale ? 0 : b[1]));
      }
      p.setQuantileValues(q);
      putAttributes(p, g.labels, true);
      return p;
    }

    private void putAttributes(DataPoint<?> p, Labels labels, boolean dropBounds) {
      var attrs = p.attributes();
      for (int i = 0; i < labels.size(); i++) {
        String n = labels.name(i);
        if (n.equals(Labels.METRIC_NAME) || n.equals("job") || n.equals("instance")
            || n.startsWith("otel_scope_")) {
          continue;
        }
        if (dropBounds && (md.type() == PromType.HISTOGRAM && n.equals("le")
            || md.type() == PromType.SUMMARY && n.equals("quantile"))) {
          continue;
        }
        attrs.add(n, dev.signalbox.pdata.AnyValue.of(labels.value(i)));
      }
    }
  }

  private static void setValue(NumberDataPoint p, double v) {
    if (Sample.isStaleNaN(v)) {
      p.setFlags(DataPoint.FLAG_NO_RECORDED_VALUE);
    } else {
      p.setDoubleValue(v);
    }
  }

  private static void exemplar(Exemplar out, PromExemplar e, long pointMillis) {
    out.setTimeUnixNano(millisToNanos(e.timestampMillis() == Sample.NO_TIMESTAMP ? pointMillis : e.timestampMillis()));
    out.setDoubleValue(e.value());
    Labels l = e.labels();
    long traceHi = 0;
    long traceLo = 0;
    for (int i = 0; i < l.size(); i++) {
      String n = l.name(i);
      String v = l.value(i);
      switch (n.toLowerCase(Locale.ROOT)) {
        case "trace_id" -> {
          long[] t = hexTraceId(v);
          if (t != null) {
            traceHi = t[0];
            traceLo = t[1];
            continue;
          }
        }
        case "span_id" -> {
          if (v.length() == 16 && isHex(v)) {
            long id = HexFormat.fromHexDigitsToLong(v);
            if (id != 0) {
              out.setSpanId(id);
              continue;
            }
          }
        }
        default -> {
          // an attribute
        }
      }
      out.filteredAttributes().add(n, dev.signalbox.pdata.AnyValue.of(v));
    }
    if (traceHi != 0 || traceLo != 0) {
      out.setTraceId(traceHi, traceLo);
    }
  }

  private static long[] hexTraceId(String v) {
    if (v.length() != 32 || !isHex(v)) {
      return null;
    }
    long hi = HexFormat.fromHexDigitsToLong(v, 0, 16);
    long lo = HexFormat.fromHexDigitsToLong(v, 16, 32);
    return hi == 0 && lo == 0 ? null : new long[] {hi, lo};
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  static long millisToNanos(long ms) {
    return ms * 1_000_000L;
  }

  /** Seconds to nanoseconds as the Collector's {@code timestampFromFloat64}: whole seconds first, then the fraction. */
  static long secondsToNanos(double s) {
    long secs = (long) s;
    return secs * 1_000_000_000L + (long) ((s - secs) * 1e9);
  }

  private static final class Group {
    final Labels labels;
    long ts;
    double value;
    boolean hasValue;
    double count;
    boolean hasCount;
    double sum;
    boolean hasSum;
    double createdSeconds;
    final List<double[]> bounds = new ArrayList<>(4);
    final List<PromExemplar> exemplars = new ArrayList<>(0);
    final List<Part> parts = new ArrayList<>(0);

    Group(Labels labels, long ts) {
      this.labels = labels;
      this.ts = ts;
    }

  }
}
