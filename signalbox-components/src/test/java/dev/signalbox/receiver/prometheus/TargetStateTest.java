package dev.signalbox.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NumberDataPoint;
import dev.signalbox.sdk.prometheus.scrape.Labels;
import dev.signalbox.sdk.prometheus.scrape.PromRegex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One target's scrapes converted at explicit times: staleness, up, start times, labels. */
class TargetStateTest {
  static final long T0 = 1_700_000_000_000L;
  static final long NS = 1_000_000L;
  static final String TEXT = "text/plain; version=0.0.4";

  ScrapeJob job;

  @AfterEach
  void close() {
    if (job != null) {
      job.close();
    }
  }

  TargetState state(String scrapeConfigYaml, Map<String, String> external, PromRegex startTime) throws Exception {
    PrometheusReceiverConfig c = PrometheusReceiverConfigTest.bind("config:\n  scrape_configs:\n    - "
        + scrapeConfigYaml.strip().replace("\n", "\n      ") + "\n");
    ScrapeConfig sc = c.config().scrapeConfigs().get(0);
    job = new ScrapeJob(sc, c.config().global(), "test");
    List<Target> targets = job.targets(p -> {
      throw new AssertionError(p);
    });
    return new TargetState(targets.get(0), job, Labels.of(external), startTime, "scope", "1");
  }

  TargetState state() throws Exception {
    return state("""
        job_name: node
        static_configs: [{targets: ["127.0.0.1:9100"], labels: {team: infra}}]
        """, Map.of(), null);
  }

  static TargetState.Outcome scrape(TargetState s, long millis, String body) {
    return s.scraped(body.getBytes(StandardCharsets.UTF_8), TEXT, millis, 0.25);
  }

  static Metric metric(Metrics m, String name) {
    return m.resourceMetrics().get(0).scopeMetrics().stream().flatMap(sm -> sm.metrics().stream())
        .filter(x -> x.name().equals(name)).findFirst().orElse(null);
  }

  static NumberDataPoint point(Metrics m, String name) {
    Metric x = metric(m, name);
    assertThat(x).as(name).isNotNull();
    return x.data().dataPoints().get(0) instanceof NumberDataPoint p ? p : null;
  }

  @Test
  void successfulScrapeHasResourceReportSeriesAndTargetLabels() throws Exception {
    TargetState s = state();
    TargetState.Outcome o = scrape(s, T0, """
        # HELP c_total A counter.
        # TYPE c_total counter
        c_total{mode="idle"} 5
        g 1
        """);
    assertThat(o.error()).isNull();
    var rm = o.metrics().resourceMetrics().get(0);
    assertThat(rm.resource().attributes().asMap()).containsExactly(
        Map.entry("service.name", AnyValue.of("node")),
        Map.entry("service.instance.id", AnyValue.of("127.0.0.1:9100")),
        Map.entry("server.port", AnyValue.of("9100")),
        Map.entry("url.scheme", AnyValue.of("http")));
    assertThat(rm.scopeMetrics().get(0).scope().name()).isEqualTo("scope");
    NumberDataPoint c = point(o.metrics(), "c_total");
    assertThat(c.attributes().asMap()).containsExactly(Map.entry("mode", AnyValue.of("idle")),
        Map.entry("team", AnyValue.of("infra")));
    assertThat(c.startTimeUnixNano()).isEqualTo(T0 * NS);
    assertThat(c.timeUnixNano()).isEqualTo(T0 * NS);
    assertThat(point(o.metrics(), "up").doubleValue()).isEqualTo(1);
    assertThat(point(o.metrics(), "up").attributes().asMap()).containsExactly(Map.entry("team", AnyValue.of("infra")));
    assertThat(metric(o.metrics(), "up").description()).isEqualTo("The scraping was successful");
    assertThat(point(o.metrics(), "scrape_duration_seconds").doubleValue()).isEqualTo(0.25);
    assertThat(metric(o.metrics(), "scrape_duration_seconds").unit()).isEqualTo("s");
    assertThat(point(o.metrics(), "scrape_samples_scraped").doubleValue()).isEqualTo(2);
    assertThat(point(o.metrics(), "scrape_samples_post_metric_relabeling").doubleValue()).isEqualTo(2);
    assertThat(point(o.metrics(), "scrape_series_added").doubleValue()).isEqualTo(2);
    assertThat(o.points()).isEqualTo(7);
  }

  @Test
  void aSeriesThatDisappearsGoesStaleOnceAndCounterStartsPersist() throws Exception {
    TargetState s = state();
    scrape(s, T0, "a_total 1\nb 2\n# TYPE a_total counter\n");
    TargetState.Outcome second = scrape(s, T0 + 15_000, "# TYPE a_total counter\na_total 3\n");
    NumberDataPoint a = point(second.metrics(), "a_total");
    assertThat(a.startTimeUnixNano()).as("first seen").isEqualTo(T0 * NS);
    NumberDataPoint b = point(second.metrics(), "b");
    assertThat(b.noRecordedValue()).isTrue();
    assertThat(b.timeUnixNano()).isEqualTo((T0 + 15_000) * NS);
    assertThat(point(second.metrics(), "scrape_series_added").doubleValue()).isZero();
    TargetState.Outcome third = scrape(s, T0 + 30_000, "# TYPE a_total counter\na_total 1\n");
    assertThat(metric(third.metrics(), "b")).as("stale only once").isNull();
    assertThat(point(third.metrics(), "a_total").startTimeUnixNano()).as("a reset starts a new run")
        .isEqualTo((T0 + 30_000) * NS);
  }

  @Test
  void aFailedScrapeIsUpZeroAndMakesEverySeriesStale() throws Exception {
    TargetState s = state();
    scrape(s, T0, """
        # TYPE h histogram
        h_bucket{le="1"} 1
        h_bucket{le="+Inf"} 2
        h_count 2
        h_sum 3
        g 1
        """);
    TargetState.Outcome down = s.failed(new TargetState.ScrapeError("timeout", "timed out"), T0 + 15_000, 1.0);
    assertThat(down.error().reason()).isEqualTo("timeout");
    assertThat(point(down.metrics(), "up").doubleValue()).isZero();
    assertThat(point(down.metrics(), "scrape_samples_scraped").doubleValue()).isZero();
    assertThat(point(down.metrics(), "g").noRecordedValue()).isTrue();
    var h = metric(down.metrics(), "h").histogram().dataPoints().get(0);
    assertThat(h.noRecordedValue()).isTrue();
    assertThat(h.startTimeUnixNano()).as("a stale point keeps its run's start").isEqualTo(T0 * NS);
    assertThat(s.trackedSeries()).isZero();
    TargetState.Outcome stillDown = s.failed(new TargetState.ScrapeError("timeout", "timed out"), T0 + 30_000, 1.0);
    assertThat(metric(stillDown.metrics(), "g")).isNull();
    assertThat(point(stillDown.metrics(), "up").doubleValue()).isZero();
  }

  @Test
  void garbageIsAParseFailureNamingTheLine() throws Exception {
    TargetState s = state();
    TargetState.Outcome o = scrape(s, T0, "ok 1\n<html>nope</html>\n");
    assertThat(o.error()).isEqualTo(new TargetState.ScrapeError("parse",
        "invalid text format body: line 2: expected a metric name, got '<html>nope</html>'"));
    assertThat(point(o.metrics(), "up").doubleValue()).isZero();
  }

  @Test
  void clashingLabelsAreExportedUnlessHonored() throws Exception {
    TargetState s = state();
    NumberDataPoint p = point(scrape(s, T0, "x{job=\"other\",team=\"web\",instance=\"i\"} 1\n").metrics(), "x");
    assertThat(p.attributes().asMap()).containsExactly(Map.entry("exported_instance", AnyValue.of("i")),
        Map.entry("exported_job", AnyValue.of("other")), Map.entry("exported_team", AnyValue.of("web")),
        Map.entry("team", AnyValue.of("infra")));
    close();
    TargetState honoring = state("""
        job_name: node
        honor_labels: true
        static_configs: [{targets: ["127.0.0.1:9100"], labels: {team: infra}}]
        """, Map.of(), null);
    NumberDataPoint q = point(scrape(honoring, T0, "x{team=\"web\"} 1\n").metrics(), "x");
    assertThat(q.attributes().asMap()).containsExactly(Map.entry("team", AnyValue.of("web")));
  }

  @Test
  void metricRelabelingExternalLabelsAndSampleLimit() throws Exception {
    TargetState s = state("""
        job_name: node
        sample_limit: 2
        static_configs: [{targets: ["127.0.0.1:9100"]}]
        metric_relabel_configs:
          - {source_labels: [__name__], regex: "go_.*", action: drop}
          - {source_labels: [mode], regex: "(.*)", target_label: state, replacement: "cpu_$1"}
          - {action: labeldrop, regex: mode}
        """, Map.of("region", "eu"), null);
    TargetState.Outcome o = scrape(s, T0, "go_goroutines 7\ngo_threads 8\ncpu{mode=\"idle\"} 1\nmem{region=\"own\"} 2\n");
    assertThat(o.error()).isNull();
    assertThat(metric(o.metrics(), "go_goroutines")).isNull();
    assertThat(point(o.metrics(), "cpu").attributes().asMap()).containsExactly(
        Map.entry("region", AnyValue.of("eu")), Map.entry("state", AnyValue.of("cpu_idle")));
    assertThat(point(o.metrics(), "mem").attributes().getString("region")).as("a series' own label wins")
        .isEqualTo("own");
    assertThat(point(o.metrics(), "scrape_samples_scraped").doubleValue()).isEqualTo(4);
    assertThat(point(o.metrics(), "scrape_samples_post_metric_relabeling").doubleValue()).isEqualTo(2);
    assertThat(point(o.metrics(), "up").attributes().getString("region")).isEqualTo("eu");
    TargetState.Outcome over = scrape(s, T0 + 1000, "a 1\nb 2\nc 3\n");
    assertThat(over.error()).isEqualTo(new TargetState.ScrapeError("sample_limit",
        "sample_limit exceeded: 3 samples after metric relabeling, the limit is 2"));
  }

  @Test
  void targetInfoBecomesResourceAttributesAndStaysWhileDown() throws Exception {
    TargetState s = state();
    TargetState.Outcome o = scrape(s, T0, "# TYPE target_info gauge\ntarget_info{env=\"prod\",version=\"1.2\"} 1\na 1\n");
    assertThat(metric(o.metrics(), "target_info")).isNull();
    assertThat(o.metrics().resourceMetrics().get(0).resource().attributes().getString("env")).isEqualTo("prod");
    TargetState.Outcome down = s.failed(new TargetState.ScrapeError("connection", "refused"), T0 + 1000, 0);
    assertThat(down.metrics().resourceMetrics().get(0).resource().attributes().getString("version")).isEqualTo("1.2");
  }

  @Test
  void honoredTimestampsAreKeptAndNotTrackedForStaleness() throws Exception {
    TargetState s = state();
    TargetState.Outcome o = scrape(s, T0, "a 1 1600000000000\nb 2\n");
    assertThat(point(o.metrics(), "a").timeUnixNano()).isEqualTo(1_600_000_000_000L * NS);
    assertThat(s.trackedSeries()).isEqualTo(1);
    TargetState.Outcome next = scrape(s, T0 + 1000, "b 2\n");
    assertThat(metric(next.metrics(), "a")).as("no staleness for series with their own timestamps").isNull();
  }

  @Test
  void processStartTimeStartsCumulativeSeriesWhenAsked() throws Exception {
    TargetState s = state("""
        job_name: node
        static_configs: [{targets: ["127.0.0.1:9100"]}]
        """, Map.of(), PromRegex.compile("process_start_time_seconds"));
    TargetState.Outcome o = scrape(s, T0, "# TYPE c_total counter\nc_total 3\nprocess_start_time_seconds 1600000000.5\n");
    assertThat(point(o.metrics(), "c_total").startTimeUnixNano()).isEqualTo(1_600_000_000_500_000_000L);
  }

  @Test
  void targetsArePopulatedAsPrometheusDoes() throws Exception {
    state("""
        job_name: blackbox
        metrics_path: /probe
        params: {module: [http_2xx], extra: [a, b]}
        static_configs: [{targets: ["example.com", "10.0.0.1:9115"]}]
        relabel_configs:
          - {source_labels: [__address__], target_label: __param_target}
          - {source_labels: [__param_target], target_label: instance}
          - {target_label: __address__, replacement: "127.0.0.1:9115"}
        """, Map.of(), null);
    List<Target> targets = job.targets(p -> {
      throw new AssertionError(p);
    });
    assertThat(targets).extracting(t -> t.url().toString()).containsExactly(
        "http://127.0.0.1:9115/probe?extra=a&extra=b&module=http_2xx&target=example.com",
        "http://127.0.0.1:9115/probe?extra=a&extra=b&module=http_2xx&target=10.0.0.1%3A9115");
    assertThat(targets.get(0).labels()).isEqualTo(Labels.of("job", "blackbox", "instance", "example.com"));
    assertThat(targets.get(0).interval()).isEqualTo(Duration.ofMinutes(1));
    close();
    state("""
        job_name: j
        scheme: https
        static_configs: [{targets: ["a", "b:1"]}]
        relabel_configs: [{source_labels: [__address__], regex: "b.*", action: drop}]
        """, Map.of(), null);
    assertThat(job.targets(p -> { }).stream().map(t -> t.instance()).toList())
        .as("default port for https; b dropped").containsExactly("a:443");
  }
}
