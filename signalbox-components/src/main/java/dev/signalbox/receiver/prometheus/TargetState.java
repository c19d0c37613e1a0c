package dev.signalbox.receiver.prometheus;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceMetrics;
import dev.signalbox.sdk.prometheus.scrape.Exposition;
import dev.signalbox.sdk.prometheus.scrape.ExpositionFormat;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParseException;
import dev.signalbox.sdk.prometheus.scrape.ExpositionParser;
import dev.signalbox.sdk.prometheus.scrape.FamilyMetadata;
import dev.signalbox.sdk.prometheus.scrape.Labels;
import dev.signalbox.sdk.prometheus.scrape.OtlpMetricsBuilder;
import dev.signalbox.sdk.prometheus.scrape.PromRegex;
import dev.signalbox.sdk.prometheus.scrape.PromType;
import dev.signalbox.sdk.prometheus.scrape.Relabeler;
import dev.signalbox.sdk.prometheus.scrape.Sample;
import dev.signalbox.sdk.prometheus.scrape.StartTimeAdjuster;
import dev.signalbox.sdk.prometheus.scrape.TargetResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scrape loop remembers about its target between scrapes, and the conversion of one
 * scrape's outcome into OTLP: target labels and metric relabeling, staleness markers for series
 * that disappeared (or all of them when the scrape failed), the report series ({@code up},
 * {@code scrape_duration_seconds}, ...), the resource, and start times. Time is whatever the
 * caller says it is. Not thread-safe: owned by one loop.
 */
final class TargetState {
  static final String UP = "up";
  private static final Map<String, FamilyMetadata> REPORT_METADATA = Map.of(
      UP, new FamilyMetadata(UP, PromType.GAUGE, "The scraping was successful", ""),
      "scrape_duration_seconds", new FamilyMetadata("scrape_duration_seconds", PromType.GAUGE,
          "Duration of the scrape", "seconds"),
      "scrape_samples_scraped", new FamilyMetadata("scrape_samples_scraped", PromType.GAUGE,
          "The number of samples the target exposed", ""),
      "scrape_samples_post_metric_relabeling", new FamilyMetadata("scrape_samples_post_metric_relabeling",
          PromType.GAUGE, "The number of samples remaining after metric relabeling was applied", ""),
      "scrape_series_added", new FamilyMetadata("scrape_series_added", PromType.GAUGE,
          "The approximate number of new series in this scrape", ""));

  /** Why a scrape failed: a short reason (a metric label) and what happened. */
  record ScrapeError(String reason, String message) {}

  /** One scrape's metrics, its data points, and its error (null when it succeeded). */
  record Outcome(Metrics metrics, int points, ScrapeError error) {}

  private final Target target;
  private final ScrapeJob job;
  private final Labels externalLabels;
  private final PromRegex startTimeMetric;
  private final String scopeName;
  private final String scopeVersion;
  private final StartTimeAdjuster adjuster = new StartTimeAdjuster();
  private Set<Labels> previousSeries = new HashSet<>();
  private Map<String, FamilyMetadata> previousMetadata = Map.of();
  private Map<String, String> targetInfo = Map.of();

  /**
   * @param startTimeMetric the start-time metric's name pattern when {@code use_start_time_metric}
   *     is on, else null
   */
  TargetState(Target target, ScrapeJob job, Labels externalLabels, PromRegex startTimeMetric, String scopeName,
      String scopeVersion) {
    this.target = target;
    this.job = job;
    this.externalLabels = externalLabels;
    this.startTimeMetric = startTimeMetric;
    this.scopeName = scopeName;
    this.scopeVersion = scopeVersion;
  }

  /** Series the last successful scrape had (for tests). */
  int trackedSeries() {
    return previousSeries.size();
  }

  /** A scrape that fetched {@code body} with this {@code Content-Type}. */
  Outcome scraped(byte[] body, String contentType, long scrapeMillis, double durationSeconds) {
    Exposition e;
    try {
      e = ExpositionParser.parse(body, ExpositionFormat.forContentType(contentType));
    } catch (ExpositionParseException ex) {
      return failed(new ScrapeError("parse", "invalid " + (ExpositionFormat.forContentType(contentType)
          == ExpositionFormat.OPENMETRICS ? "OpenMetrics" : "text format") + " body: " + ex.getMessage()),
          scrapeMillis, durationSeconds);
    }
    List<Sample> kept = new ArrayList<>(e.samples().size());
    for (Sample s : e.samples()) {
      Labels l = Relabeler.process(withTargetLabels(s.labels()), job.metricRelabel());
      if (l == null || l.metricName().isEmpty()) {
        continue;
      }
      kept.add(new Sample(withExternalLabels(l), s.value(),
          job.honorTimestamps() && s.hasTimestamp() ? s.timestampMillis() : Sample.NO_TIMESTAMP, s.exemplar()));
    }
    if (job.sampleLimit() > 0 && kept.size() > job.sampleLimit()) {
      return failed(new ScrapeError("sample_limit", "sample_limit exceeded: " + kept.size()
          + " samples after metric relabeling, the limit is " + job.sampleLimit()), scrapeMillis, durationSeconds);
    }
    Map<String, FamilyMetadata> metadata = e.metadata();
    Map<String, FamilyMetadata> previous = previousMetadata;
    OtlpMetricsBuilder b = builder(name -> {
      FamilyMetadata md = metadata.get(name);
      if (md == null) {
        md = REPORT_METADATA.get(name);
      }
      return md != null ? md : previous.get(name);
    });
    Set<Labels> seen = new HashSet<>(Math.max(16, kept.size() * 2));
    Map<String, String> info = null;
    double processStart = 0;
    for (Sample s : kept) {
      String name = s.name();
      if (name.equals("target_info")) {
        if (info == null) {
          info = new LinkedHashMap<>();
        }
        Map<String, String> attrs = info;
        s.labels().forEach((k, v) -> {
          if (!k.equals(Labels.METRIC_NAME) && !k.equals("job") && !k.equals("instance")) {
            attrs.put(k, v);
          }
        });
        continue;
      }
      long ts = s.hasTimestamp() ? s.timestampMillis() : scrapeMillis;
      b.add(s.labels(), ts, s.value(), s.exemplar());
      if (!s.hasTimestamp()) {
        seen.add(s.labels());
      }
      if (startTimeMetric != null && processStart == 0 && startTimeMetric.matches(name) && !Double.isNaN(s.value())) {
        processStart = s.value();
      }
    }
    int added = 0;
    for (Labels l : seen) {
      if (!previousSeries.contains(l)) {
        added++;
      }
    }
    staleMarkers(b, seen, scrapeMillis);
    previousSeries = seen;
    previousMetadata = metadata; // a series going stale next time was in this scrape
    if (info != null) {
      targetInfo = info;
    }
    report(b, scrapeMillis, 1, durationSeconds, e.samples().size(), kept.size(), added);
    return build(b, processStart, null);
  }

  /** A scrape that failed: up=0, and every series of the last good scrape goes stale. */
  Outcome failed(ScrapeError error, long scrapeMillis, double durationSeconds) {
    OtlpMetricsBuilder b = builder(name -> {
      FamilyMetadata md = REPORT_METADATA.get(name);
      return md != null ? md : previousMetadata.get(name);
    });
    staleMarkers(b, Set.of(), scrapeMillis);
    previousSeries = new HashSet<>();
    report(b, scrapeMillis, 0, durationSeconds, 0, 0, 0);
    return build(b, 0, error);
  }

  private OtlpMetricsBuilder builder(OtlpMetricsBuilder.MetadataSource md) {
    return new OtlpMetricsBuilder(md, scopeName, scopeVersion, OtlpMetricsBuilder.IncompleteGroups.DROP);
  }

  private void staleMarkers(OtlpMetricsBuilder b, Set<Labels> seen, long scrapeMillis) {
    List<Labels> gone = new ArrayList<>();
    for (Labels l : previousSeries) {
      if (!seen.contains(l)) {
        gone.add(l);
      }
    }
    gone.sort(Comparator.comparing(Labels::toString));
    for (Labels l : gone) {
      b.add(l, scrapeMillis, Sample.STALE_NAN, null);
    }
  }

  private void report(OtlpMetricsBuilder b, long ts, double up, double duration, int scraped, int post, int added) {
    b.add(reportLabels(UP), ts, up, null);
    b.add(reportLabels("scrape_duration_seconds"), ts, duration, null);
    b.add(reportLabels("scrape_samples_scraped"), ts, scraped, null);
    b.add(reportLabels("scrape_samples_post_metric_relabeling"), ts, post, null);
    b.add(reportLabels("scrape_series_added"), ts, added, null);
  }

  private Labels reportLabels(String name) {
    Labels.Builder lb = target.labels().toBuilder().set(Labels.METRIC_NAME, name);
    return withExternalLabels(lb.build());
  }

  private Outcome build(OtlpMetricsBuilder b, double processStartSeconds, ScrapeError error) {
    Metrics m = new Metrics();
    ResourceMetrics rm = m.resourceMetrics().addNew();
    TargetResource.fill(rm.resource(), target.job(), target.instance(), target.scheme());
    targetInfo.forEach((k, v) -> rm.resource().attributes().put(k, v));
    int points = b.appendTo(rm);
    long startNanos = processStartSeconds > 0 ? (long) processStartSeconds * 1_000_000_000L
        + (long) ((processStartSeconds - (long) processStartSeconds) * 1e9) : 0;
    adjuster.adjust(rm, startNanos);
    adjuster.sweep();
    return new Outcome(m, points, error);
  }

  /**
   * Prometheus' {@code mutateSampleLabels} before metric relabeling: target labels are added;
   * with {@code honor_labels} a scraped label wins, otherwise the target's wins and the scraped
   * one is kept as {@code exported_<name>}.
   */
  Labels withTargetLabels(Labels scraped) {
    Labels targetLabels = target.labels();
    Labels.Builder lb = scraped.toBuilder();
    if (job.honorLabels()) {
      targetLabels.forEach((k, v) -> {
        if (!scraped.has(k)) {
          lb.set(k, v);
        }
      });
      return lb.build();
    }
    List<String[]> conflicts = new ArrayList<>();
    targetLabels.forEach((k, v) -> {
      String exposed = scraped.get(k);
      if (!exposed.isEmpty()) {
        conflicts.add(new String[] {k, exposed});
      }
      lb.set(k, v);
    });
    if (!conflicts.isEmpty()) {
      conflicts.sort(Comparator.comparingInt(c -> c[0].length()));
      Set<String> taken = new HashSet<>();
      for (String[] c : conflicts) {
        String name = c[0];
        while (true) {
          name = "exported_" + name;
          if (!scraped.has(name) && !targetLabels.has(name) && !taken.contains(name)) {
            break;
          }
        }
        taken.add(name);
        c[0] = name;
      }
      for (String[] c : conflicts) {
        lb.set(c[0], c[1]);
      }
    }
    return lb.build();
  }

  private Labels withExternalLabels(Labels l) {
    if (externalLabels.isEmpty()) {
      return l;
    }
    Labels.Builder lb = null;
    for (int i = 0; i < externalLabels.size(); i++) {
      if (!l.has(externalLabels.name(i))) {
        if (lb == null) {
          lb = l.toBuilder();
        }
        lb.set(externalLabels.name(i), externalLabels.value(i));
      }
    }
    return lb == null ? l : lb.build();
  }
}
