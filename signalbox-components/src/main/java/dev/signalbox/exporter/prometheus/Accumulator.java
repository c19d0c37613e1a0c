package dev.signalbox.exporter.prometheus;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.ExponentialHistogram;
import dev.signalbox.pdata.Gauge;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.NumberKind;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Summary;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus.ResourceLabels;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus.ScopeLabels;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest point of every series, as the Collector's prometheus exporter keeps them: a series is
 * a metric (name and type), its scope, its point attributes and its resource's {@code job} and
 * {@code instance} (and the other resource attributes when they become labels).
 *
 * <ul>
 *   <li>Gauges, cumulative sums and histograms, summaries: the point with the latest time wins
 *       (an older point arriving late is ignored).
 *   <li>Delta monotonic sums and delta histograms are accumulated into cumulative ones: a point
 *       whose start is the previous point's time is added to it (histograms bucket by bucket when
 *       the bounds are the same, else the new point replaces it); a point starting later is a
 *       reset; one starting earlier overlaps what was counted and is dropped.
 *   <li>Delta non-monotonic sums and exponential histograms are dropped (counted by the caller).
 *   <li>A point flagged {@code NoRecordedValue} removes its series: the next scrape no longer has
 *       it, and Prometheus marks it stale.
 *   <li>A series not updated for {@code metric_expiration} is removed.
 * </ul>
 * Thread-safe: updates of one series are atomic; a scrape sees each series' latest complete point.
 */
final class Accumulator {
  /** One series' latest point: a metric holding exactly one data point, and its resource and scope labels. */
  record Entry(Metric metric, ResourceLabels resource, ScopeLabels scope, long updatedNanos, long timeUnixNano) {}

  /** What accumulating one batch did. */
  record Result(int accepted, int droppedDeltaNonMonotonic, int droppedExponential, int droppedMisaligned,
      String firstDropped) {
    int dropped() {
      return droppedDeltaNonMonotonic + droppedExponential + droppedMisaligned;
    }
  }

  private final OtlpToPrometheus translator;
  private final boolean resourceToTelemetry;
  private final Duration expiration;
  private final Clock clock;
  private final Map<String, Entry> series = new ConcurrentHashMap<>();

  Accumulator(OtlpToPrometheus translator, boolean resourceToTelemetry, Duration expiration, Clock clock) {
    this.translator = translator;
    this.resourceToTelemetry = resourceToTelemetry;
    this.expiration = expiration;
    this.clock = clock;
  }

  private long nowNanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  int size() {
    return series.size();
  }

  Result accumulate(Metrics batch) {
    long now = nowNanos();
    int[] counts = new int[4];
    String[] first = new String[1];
    for (ResourceMetrics rm : batch.resourceMetrics()) {
      ResourceLabels rl = translator.resourceLabels(rm.resource());
      String resourceKey = resourceKey(rl, rm.resource().attributes());
      for (ScopeMetrics sm : rm.scopeMetrics()) {
        ScopeLabels sl = translator.scopeLabels(sm.scope(), sm.schemaUrl());
        StringBuilder scopeKey = new StringBuilder();
        scopeKey.append(sm.scope().name()).append('\u0000').append(sm.scope().version()).append('\u0000')
            .append(sm.schemaUrl()).append('\u0000');
        appendAttributes(scopeKey, sm.scope().attributes());
        String sk = scopeKey.toString();
        for (Metric m : sm.metrics()) {
          add(m, rl, sl, resourceKey + '\u0001' + sk, now, counts, first);
        }
      }
    }
    return new Result(counts[0], counts[1], counts[2], counts[3], first[0]);
  }

  private String resourceKey(ResourceLabels rl, Attributes attrs) {
    StringBuilder b = new StringBuilder().append(rl.job()).append('\u0000').append(rl.instance()).append('\u0000');
    if (resourceToTelemetry) {
      appendAttributes(b, attrs);
    }
    return b.toString();
  }

  private static void appendAttributes(StringBuilder b, Attributes a) {
    int n = a.size();
    if (n == 0) {
      return;
    }
    String[] kv = new String[n];
    for (int i = 0; i < n; i++) {
      kv[i] = a.key(i) + '\u0000' + a.value(i).asString();
    }
    Arrays.sort(kv);
    for (String s : kv) {
      b.append(s).append('\u0002');
    }
  }

  private void add(Metric m, ResourceLabels rl, ScopeLabels sl, String prefix, long now, int[] counts,
      String[] first) {
    String base = prefix + '\u0001' + m.name() + '\u0000' + m.type() + '\u0000';
    switch (m.data()) {
      case Gauge g -> {
        for (NumberDataPoint p : g.dataPoints()) {
          keepLatest(key(base, p), m, p, rl, sl, now, counts);
        }
      }
      case Sum s -> {
        AggregationTemporality t = s.aggregationTemporality();
        for (NumberDataPoint p : s.dataPoints()) {
          if (t == AggregationTemporality.CUMULATIVE) {
            keepLatest(key(base, p), m, p, rl, sl, now, counts);
          } else if (t == AggregationTemporality.DELTA && s.isMonotonic()) {
            accumulateDelta(key(base, p), m, p, rl, sl, now, counts, first);
          } else {
            counts[1]++;
            first[0] = first[0] == null ? m.name() : first[0];
          }
        }
      }
      case Histogram h -> {
        AggregationTemporality t = h.aggregationTemporality();
        for (HistogramDataPoint p : h.dataPoints()) {
          if (t == AggregationTemporality.CUMULATIVE) {
            keepLatest(key(base, p), m, p, rl, sl, now, counts);
          } else if (t == AggregationTemporality.DELTA) {
            accumulateDelta(key(base, p), m, p, rl, sl, now, counts, first);
          } else {
            counts[1]++;
            first[0] = first[0] == null ? m.name() : first[0];
          }
        }
      }
      case Summary s -> {
        for (SummaryDataPoint p : s.dataPoints()) {
          keepLatest(key(base, p), m, p, rl, sl, now, counts);
        }
      }
      case ExponentialHistogram e -> {
        counts[2] += e.dataPoints().size();
        first[0] = first[0] == null ? m.name() : first[0];
      }
      case null -> { }
    }
  }

  private static String key(String base, DataPoint<?> p) {
    StringBuilder b = new StringBuilder(base.length() + 64).append(base);
    appendAttributes(b, p.attributes());
    return b.toString();
  }

  /** A metric like {@code m} holding only a copy of {@code p}, cumulative. */
  private static Metric single(Metric m, DataPoint<?> p) {
    Metric out = new Metric().setName(m.name()).setDescription(m.description()).setUnit(m.unit());
    switch (p) {
      case NumberDataPoint n -> {
        if (m.data() instanceof Sum s) {
          out.setEmptySum().setMonotonic(s.isMonotonic()).setAggregationTemporality(AggregationTemporality.CUMULATIVE)
              .dataPoints().add(n.copy());
        } else {
          out.setEmptyGauge().dataPoints().add(n.copy());
        }
      }
      case HistogramDataPoint h -> out.setEmptyHistogram().setAggregationTemporality(AggregationTemporality.CUMULATIVE)
          .dataPoints().add(h.copy());
      case SummaryDataPoint s -> out.setEmptySummary().dataPoints().add(s.copy());
      default -> throw new IllegalArgumentException("unexpected point " + p.getClass());
    }
    return out;
  }

  private void keepLatest(String key, Metric m, DataPoint<?> p, ResourceLabels rl, ScopeLabels sl, long now,
      int[] counts) {
    if (p.noRecordedValue()) {
      series.remove(key);
      return;
    }
    Entry fresh = new Entry(single(m, p), rl, sl, now, p.timeUnixNano());
    series.compute(key, (k, old) -> old != null && p.timeUnixNano() < old.timeUnixNano() ? old : fresh);
    counts[0]++;
  }

  private void accumulateDelta(String key, Metric m, DataPoint<?> p, ResourceLabels rl, ScopeLabels sl, long now,
      int[] counts, String[] first) {
    if (p.noRecordedValue()) {
      series.remove(key);
      return;
    }
    boolean[] dropped = new boolean[1];
    series.compute(key, (k, old) -> {
      if (old == null || p.startTimeUnixNano() > old.timeUnixNano()) {
        return new Entry(single(m, p), rl, sl, now, p.timeUnixNano()); // first point, or a reset
      }
      if (p.startTimeUnixNano() < old.timeUnixNano()) {
        dropped[0] = true; // overlaps what was already counted
        return old;
      }
      Metric acc = single(m, p);
      switch (p) {
        case NumberDataPoint n -> {
          NumberDataPoint prev = ((Sum) old.metric().data()).dataPoints().get(0);
          NumberDataPoint cur = ((Sum) acc.data()).dataPoints().get(0);
          cur.setStartTimeUnixNano(prev.startTimeUnixNano());
          if (n.valueKind() == NumberKind.INT && prev.valueKind() == NumberKind.INT) {
            cur.setIntValue(prev.intValue() + n.intValue());
          } else {
            cur.setDoubleValue(prev.valueAsDouble() + n.valueAsDouble());
          }
        }
        case HistogramDataPoint h -> {
          HistogramDataPoint prev = ((Histogram) old.metric().data()).dataPoints().get(0);
          HistogramDataPoint cur = ((Histogram) acc.data()).dataPoints().get(0);
          cur.setStartTimeUnixNano(prev.startTimeUnixNano());
          if (Arrays.equals(prev.explicitBounds(), h.explicitBounds())
              && prev.bucketCounts().length == h.bucketCounts().length) {
            long[] sum = h.bucketCounts().clone();
            long[] before = prev.bucketCounts();
            for (int i = 0; i < sum.length; i++) {
              sum[i] += before[i];
            }
            cur.setBucketCounts(sum).setCount(prev.count() + h.count());
            if (prev.hasSum() && h.hasSum()) {
              cur.setSum(prev.sum() + h.sum());
            } else {
              cur.clearSum();
            }
          }
        }
        default -> throw new IllegalArgumentException("unexpected delta point " + p.getClass());
      }
      return new Entry(acc, rl, sl, now, p.timeUnixNano());
    });
    if (dropped[0]) {
      counts[3]++;
      first[0] = first[0] == null ? m.name() : first[0];
    } else {
      counts[0]++;
    }
  }

  /** Every series updated within {@code metric_expiration}; expired ones are removed. */
  List<Entry> collect() {
    long cutoff = nowNanos() - expiration.toNanos();
    List<Entry> out = new ArrayList<>(series.size());
    series.entrySet().removeIf(e -> e.getValue().updatedNanos() < cutoff);
    out.addAll(series.values());
    return out;
  }
}
