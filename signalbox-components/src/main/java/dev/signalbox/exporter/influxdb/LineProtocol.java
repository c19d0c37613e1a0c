package dev.signalbox.exporter.influxdb;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.ExponentialHistogram;
import dev.signalbox.pdata.Gauge;
import dev.signalbox.pdata.Histogram;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Summary;
import dev.signalbox.pdata.SummaryDataPoint;
import dev.signalbox.pdata.ValueAtQuantile;
import dev.signalbox.sdk.prometheus.translate.PrometheusNaming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OTLP metrics as InfluxDB line protocol in the Telegraf Prometheus schemas, as the Collector's
 * influxdb exporter writes them (influxdb-observability's otel2influx):
 *
 * <pre>
 * telegraf-prometheus-v1: measurement = the metric name
 *   gauge, non-monotonic sum   cpu.temp,host.name=h1 gauge=87.3 &lt;time&gt;
 *   monotonic sum              http.requests,method=post counter=1027 &lt;time&gt;
 *   histogram                  http.duration,... count=144320,sum=53423,min=0,max=10,0.05=24054,0.1=33444,+Inf=144320 &lt;time&gt;
 *   summary                    rpc.duration,... count=2693,sum=17560473,0.01=3102,0.99=76656 &lt;time&gt;
 *
 * telegraf-prometheus-v2: measurement = prometheus, the metric name in the field key
 *   gauge, sum                 prometheus,host.name=h1 cpu.temp=87.3 &lt;time&gt;
 *   histogram                  prometheus,le=0.05 http.duration_bucket=24054 &lt;time&gt;   (one line per bound, then le=+Inf)
 *                              prometheus http.duration_count=144320,http.duration_sum=53423,http.duration_min=0,... &lt;time&gt;
 *   summary                    prometheus,quantile=0.01 rpc.duration=3102 &lt;time&gt;   (one line per quantile)
 *                              prometheus rpc.duration_count=2693,rpc.duration_sum=17560473 &lt;time&gt;
 * </pre>
 * Tags are the resource attributes, {@code otel.library.name} / {@code otel.library.version} of the
 * scope, and the point's attributes (a point attribute replaces a resource attribute of the same
 * key), sorted by key, empty keys and values left out. Every value is a float (so a metric whose
 * points change between int and double never conflicts with its field type); bucket counts are
 * cumulative; v1 lines carry {@code start_time_unix_nano} as an integer field when the point has a
 * start time. NaN and infinite values are left out (InfluxDB rejects them), and so is a line with
 * no value left. Delta sums and histograms and exponential histograms are not written (counted by
 * the caller), nor are points flagged {@code NoRecordedValue} (InfluxDB has no staleness marker).
 *
 * <p>Stateless and thread-safe.
 */
final class LineProtocol {
  static final String SCOPE_NAME_TAG = "otel.library.name";
  static final String SCOPE_VERSION_TAG = "otel.library.version";

  private final boolean v2;
  private final long precisionNanos;

  /** What one batch became: request bodies and what was left out. */
  record Encoded(List<byte[]> payloads, int lines, int droppedDelta, int droppedExponential, int skippedNoValue,
      String firstDropped) {
    int dropped() {
      return droppedDelta + droppedExponential;
    }
  }

  LineProtocol(boolean v2, long precisionNanos) {
    this.v2 = v2;
    this.precisionNanos = precisionNanos;
  }

  /** Encodes {@code batch}, cutting a payload when it reaches {@code maxLines} lines or {@code maxBytes}. */
  Encoded encode(Metrics batch, int maxLines, int maxBytes) {
    Out out = new Out(maxLines, maxBytes);
    for (ResourceMetrics rm : batch.resourceMetrics()) {
      Tags resource = new Tags();
      add(resource, rm.resource().attributes());
      for (ScopeMetrics sm : rm.scopeMetrics()) {
        Tags scope = resource.copy();
        scope.put(SCOPE_NAME_TAG, sm.scope().name());
        scope.put(SCOPE_VERSION_TAG, sm.scope().version());
        for (Metric m : sm.metrics()) {
          metric(out, scope, m);
        }
      }
    }
    out.flush();
    return new Encoded(out.payloads, out.totalLines, out.droppedDelta, out.droppedExponential, out.skipped,
        out.firstDropped);
  }

  private void metric(Out out, Tags scope, Metric m) {
    String name = m.name();
    switch (m.data()) {
      case Gauge g -> {
        for (NumberDataPoint p : g.dataPoints()) {
          number(out, scope, name, "gauge", p);
        }
      }
      case Sum s -> {
        if (s.aggregationTemporality() != AggregationTemporality.CUMULATIVE) {
          out.drop(name, s.dataPoints().size(), false);
          return;
        }
        for (NumberDataPoint p : s.dataPoints()) {
          number(out, scope, name, s.isMonotonic() ? "counter" : "gauge", p);
        }
      }
      case Histogram h -> {
        if (h.aggregationTemporality() != AggregationTemporality.CUMULATIVE) {
          out.drop(name, h.dataPoints().size(), false);
          return;
        }
        for (HistogramDataPoint p : h.dataPoints()) {
          histogram(out, scope, name, p);
        }
      }
      case Summary s -> {
        for (SummaryDataPoint p : s.dataPoints()) {
          summary(out, scope, name, p);
        }
      }
      case ExponentialHistogram e -> out.drop(name, e.dataPoints().size(), true);
      case null -> { }
    }
  }

  private Tags pointTags(Tags scope, Attributes attrs) {
    Tags t = scope.copy();
    add(t, attrs);
    return t;
  }

  private static void add(Tags t, Attributes attrs) {
    for (int i = 0; i < attrs.size(); i++) {
      t.put(attrs.key(i), attrs.value(i).asString());
    }
  }

  private long time(long nanos) {
    return Math.floorDiv(nanos, precisionNanos);
  }

  private void number(Out out, Tags scope, String name, String v1Field, NumberDataPoint p) {
    if (p.noRecordedValue()) {
      out.skipped++;
      return;
    }
    Tags tags = pointTags(scope, p.attributes());
    Fields f = new Fields();
    if (v2) {
      f.add(name, p.valueAsDouble());
      out.line("prometheus", tags, f, time(p.timeUnixNano()));
    } else {
      f.add(v1Field, p.valueAsDouble());
      f.startTime(p.startTimeUnixNano());
      out.line(name, tags, f, time(p.timeUnixNano()));
    }
  }

  private void histogram(Out out, Tags scope, String name, HistogramDataPoint p) {
    if (p.noRecordedValue()) {
      out.skipped++;
      return;
    }
    Tags tags = pointTags(scope, p.attributes());
    long ts = time(p.timeUnixNano());
    double[] bounds = p.explicitBounds();
    long[] counts = p.bucketCounts();
    int n = Math.min(bounds.length, counts.length);
    if (v2) {
      long cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += counts[i];
        Tags bt = tags.copy();
        bt.put("le", PrometheusNaming.formatBound(bounds[i]));
        Fields f = new Fields();
        f.add(name + "_bucket", cumulative);
        out.line("prometheus", bt, f, ts);
      }
      Tags inf = tags.copy();
      inf.put("le", "+Inf");
      Fields fi = new Fields();
      fi.add(name + "_bucket", p.count());
      out.line("prometheus", inf, fi, ts);
      Fields f = new Fields();
      f.add(name + "_count", p.count());
      if (p.hasSum()) {
        f.add(name + "_sum", p.sum());
      }
      if (p.hasMin()) {
        f.add(name + "_min", p.min());
      }
      if (p.hasMax()) {
        f.add(name + "_max", p.max());
      }
      out.line("prometheus", tags, f, ts);
    } else {
      Fields f = new Fields();
      f.add("count", p.count());
      if (p.hasSum()) {
        f.add("sum", p.sum());
      }
      if (p.hasMin()) {
        f.add("min", p.min());
      }
      if (p.hasMax()) {
        f.add("max", p.max());
      }
      long cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += counts[i];
        f.add(PrometheusNaming.formatBound(bounds[i]), cumulative);
      }
      f.add("+Inf", p.count());
      f.startTime(p.startTimeUnixNano());
      out.line(name, tags, f, ts);
    }
  }

  private void summary(Out out, Tags scope, String name, SummaryDataPoint p) {
    if (p.noRecordedValue()) {
      out.skipped++;
      return;
    }
    Tags tags = pointTags(scope, p.attributes());
    long ts = time(p.timeUnixNano());
    if (v2) {
      for (ValueAtQuantile q : p.quantileValues()) {
        Tags qt = tags.copy();
        qt.put("quantile", PrometheusNaming.formatBound(q.quantile()));
        Fields f = new Fields();
        f.add(name, q.value());
        out.line("prometheus", qt, f, ts);
      }
      Fields f = new Fields();
      f.add(name + "_count", p.count());
      f.add(name + "_sum", p.sum());
      out.line("prometheus", tags, f, ts);
    } else {
      Fields f = new Fields();
      f.add("count", p.count());
      f.add("sum", p.sum());
      for (ValueAtQuantile q : p.quantileValues()) {
        f.add(PrometheusNaming.formatBound(q.quantile()), q.value());
      }
      f.startTime(p.startTimeUnixNano());
      out.line(name, tags, f, ts);
    }
  }

  /** Tag key → value, last put wins; written sorted by key. */
  static final class Tags {
    private final ArrayList<String> keys;
    private final ArrayList<String> values;

    Tags() {
      keys = new ArrayList<>(16);
      values = new ArrayList<>(16);
    }

    private Tags(Tags o) {
      keys = new ArrayList<>(o.keys);
      values = new ArrayList<>(o.values);
    }

    Tags copy() {
      return new Tags(this);
    }

    void put(String k, String v) {
      int i = keys.indexOf(k);
      if (i >= 0) {
        values.set(i, v);
      } else {
        keys.add(k);
        values.add(v);
      }
    }

    void write(StringBuilder b) {
      int n = keys.size();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> keys.get(x).compareTo(keys.get(y)));
      for (int i : order) {
        String k = keys.get(i);
        String v = values.get(i);
        if (k.isEmpty() || v.isEmpty()) {
          continue;
        }
        b.append(',');
        escapeKey(b, k);
        b.append('=');
        escapeKey(b, v);
      }
    }
  }

  /** Field key → value, in the order added. */
  static final class Fields {
    private final StringBuilder b = new StringBuilder(64);
    private int n;

    void add(String key, double v) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return;
      }
      b.append(n++ == 0 ? "" : ",");
      escapeKey(b, key);
      b.append('=').append(formatFloat(v));
    }

    void startTime(long nanos) {
      if (nanos != 0 && n > 0) {
        b.append(",start_time_unix_nano=").append(nanos).append('i');
      }
    }

    boolean isEmpty() {
      return n == 0;
    }
  }

  /** A float field value: shortest decimal, an integer without a fraction (still a float without {@code i}). */
  static String formatFloat(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v).replace('E', 'e');
  }

  /** Escapes commas, equals signs and spaces (measurement, tag keys and values, field keys); newlines become spaces. */
  static void escapeKey(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ',', '=', ' ' -> b.append('\\').append(c);
        case '\n', '\r' -> b.append("\\ ");
        case '\\' -> b.append(i == s.length() - 1 ? "\\\\" : "\\");
        default -> b.append(c);
      }
    }
  }

  private static void escapeMeasurement(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ',', ' ' -> b.append('\\').append(c);
        case '\n', '\r' -> b.append("\\ ");
        case '\\' -> b.append(i == s.length() - 1 ? "\\\\" : "\\");
        default -> b.append(c);
      }
    }
  }

  /** Lines cut into payloads. */
  private static final class Out {
    final int maxLines;
    final int maxBytes;
    final List<byte[]> payloads = new ArrayList<>();
    StringBuilder cur = new StringBuilder(4096);
    int curLines;
    int curBytes;
    int totalLines;
    int droppedDelta;
    int droppedExponential;
    int skipped;
    String firstDropped;
    private final StringBuilder line = new StringBuilder(256);

    Out(int maxLines, int maxBytes) {
      this.maxLines = maxLines;
      this.maxBytes = maxBytes;
    }

    void drop(String metric, int points, boolean exponential) {
      if (exponential) {
        droppedExponential += points;
      } else {
        droppedDelta += points;
      }
      if (firstDropped == null) {
        firstDropped = metric;
      }
    }

    void line(String measurement, Tags tags, Fields fields, long ts) {
      if (fields.isEmpty()) {
        return;
      }
      line.setLength(0);
      escapeMeasurement(line, measurement);
      tags.write(line);
      line.append(' ').append(fields.b).append(' ').append(ts).append('\n');
      int bytes = utf8Length(line);
      if (curLines > 0 && (curLines >= maxLines || curBytes + bytes > maxBytes)) {
        flush();
      }
      cur.append(line);
      curLines++;
      curBytes += bytes;
      totalLines++;
    }

    void flush() {
      if (curLines > 0) {
        payloads.add(cur.toString().getBytes(StandardCharsets.UTF_8));
        cur = new StringBuilder(4096);
        curLines = 0;
        curBytes = 0;
      }
    }

    private static int utf8Length(CharSequence s) {
      int n = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
      }
      return n;
    }
  }
}
