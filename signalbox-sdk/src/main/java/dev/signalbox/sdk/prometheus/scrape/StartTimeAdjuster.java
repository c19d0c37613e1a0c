package dev.signalbox.sdk.prometheus.scrape;

import dev.signalbox.pdata.Attributes;
import dev.signalbox.pdata.DataPoint;
import dev.signalbox.pdata.HistogramDataPoint;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.pdata.ScopeMetrics;
import dev.signalbox.pdata.SummaryDataPoint;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Gives cumulative points of one target a start time, as the Collector's initial-point adjuster:
 * a series' first point starts at its own time (or at the process start time when the caller
 * knows it, as {@code use_start_time_metric} does); later points keep that start; a value lower
 * than the previous one (count or sum lower, for histograms and summaries) is a reset and starts
 * a new run at the reset point's time. Points that already have a start time before their time
 * (from {@code _created}) are left as they are. A point without a recorded value (staleness)
 * keeps the run's start and does not reset it. Non-monotonic sums (info, stateset) never reset.
 *
 * <p>State is per series (metric name and type, attributes); {@link #sweep} forgets series not
 * seen since the previous sweep. Not thread-safe: one per target, used by its scrape loop.
 */
public final class StartTimeAdjuster {
  private final Map<String, State> series = new HashMap<>();

  /** Name, type and attributes, copied (the point itself goes down the pipeline). */
  private static String key(String metric, char type, Attributes attributes) {
    StringBuilder b = new StringBuilder(metric.length() + 16 * attributes.size() + 2).append(metric).append('\0')
        .append(type);
    for (int i = 0; i < attributes.size(); i++) {
      b.append('\0').append(attributes.key(i)).append('\1').append(attributes.value(i).asString());
    }
    return b.toString();
  }

  private static final class State {
    long startNanos;
    double previous;
    double previousSum;
    boolean touched;
  }

  /** Series tracked now. */
  public int size() {
    return series.size();
  }

  /**
   * Sets the start time of every sum, histogram and summary point in {@code rm}.
   *
   * @param processStartNanos start time for new series, or 0 to use each series' first point time
   */
  public void adjust(ResourceMetrics rm, long processStartNanos) {
    for (ScopeMetrics sm : rm.scopeMetrics()) {
      for (Metric m : sm.metrics()) {
        switch (m.type()) {
          case SUM -> {
            boolean monotonic = m.sum().isMonotonic();
            for (NumberDataPoint p : m.sum().dataPoints()) {
              adjust(m.name(), 's', p, p.valueAsDouble(), 0, monotonic, processStartNanos);
            }
          }
          case HISTOGRAM -> {
            for (HistogramDataPoint p : m.histogram().dataPoints()) {
              adjust(m.name(), 'h', p, p.count(), p.sum(), true, processStartNanos);
            }
          }
          case SUMMARY -> {
            for (SummaryDataPoint p : m.summary().dataPoints()) {
              adjust(m.name(), 'q', p, p.count(), p.sum(), true, processStartNanos);
            }
          }
          default -> {
            // gauges have no start time
          }
        }
      }
    }
  }

  private void adjust(String name, char type, DataPoint<?> p, double value, double sum, boolean resets,
      long processStartNanos) {
    if (p.startTimeUnixNano() != 0 && p.startTimeUnixNano() < p.timeUnixNano() && !p.noRecordedValue()) {
      return; // from _created
    }
    String key = key(name, type, p.attributes());
    State st = series.get(key);
    if (st == null) {
      st = new State();
      st.startNanos = processStartNanos > 0 && processStartNanos <= p.timeUnixNano() ? processStartNanos
          : p.timeUnixNano();
      st.previous = value;
      st.previousSum = sum;
      st.touched = true;
      series.put(key, st);
      p.setStartTimeUnixNano(st.startNanos);
      return;
    }
    st.touched = true;
    if (p.noRecordedValue()) {
      p.setStartTimeUnixNano(st.startNanos);
      return;
    }
    if (resets && (value < st.previous || type != 's' && sum < st.previousSum)) {
      st.startNanos = p.timeUnixNano();
    }
    st.previous = value;
    st.previousSum = sum;
    p.setStartTimeUnixNano(st.startNanos);
  }

  /** Forgets series not adjusted since the previous sweep. */
  public void sweep() {
    Iterator<State> it = series.values().iterator();
    while (it.hasNext()) {
      State st = it.next();
      if (!st.touched) {
        it.remove();
      } else {
        st.touched = false;
      }
    }
  }
}
