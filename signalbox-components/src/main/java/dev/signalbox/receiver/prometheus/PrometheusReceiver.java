package dev.signalbox.receiver.prometheus;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.Receiver;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.prometheus.scrape.Labels;
import dev.signalbox.sdk.prometheus.scrape.PromRegex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code prometheus} receiver: one scrape loop per static target of every scrape config. */
final class PrometheusReceiver implements Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusReceiver.class);
  static final String SCOPE_NAME = "dev.signalbox/receiver/prometheus";

  private final ComponentSettings settings;
  private final PrometheusReceiverConfig config;
  private final Consumer<Metrics> next;
  private final Clock clock;
  private final List<ScrapeJob> jobs = new ArrayList<>();
  private final List<ScrapeLoop> loops = new ArrayList<>();

  PrometheusReceiver(ComponentSettings settings, PrometheusReceiverConfig config, Consumers next, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.next = next.get(Signal.METRICS);
    this.clock = clock;
  }

  @Override
  public synchronized void start(Host host) throws Exception {
    if (next == null) {
      return;
    }
    var prom = config.config();
    Labels external = Labels.of(prom.global().externalLabels());
    PromRegex startTime = !config.useStartTimeMetric() ? null
        : PromRegex.compile(config.startTimeMetricRegex().isEmpty() ? "process_start_time_seconds"
            : config.startTimeMetricRegex());
    String version = settings.buildInfo().version();
    String userAgent = "Signalbox/" + version;
    try {
      for (ScrapeConfig sc : prom.scrapeConfigs()) {
        ScrapeJob job = new ScrapeJob(sc, prom.global(), userAgent);
        jobs.add(job);
        for (Target t : job.targets(p -> LOG.warn("receiver {}: {}; not scraping it", settings.id(), p))) {
          TargetState state = new TargetState(t, job, external, startTime, SCOPE_NAME, version);
          loops.add(new ScrapeLoop(settings.id().toString(), t, job, state, next, settings.meter(), clock));
        }
      }
    } catch (Exception e) {
      shutdown(Deadline.in(java.time.Duration.ofSeconds(5)));
      throw e;
    }
    for (ScrapeLoop l : loops) {
      l.start();
    }
    LOG.info("receiver {}: scraping {} target(s) of {} job(s)", settings.id(), loops.size(), jobs.size());
  }

  /** The loops (for tests). */
  synchronized List<ScrapeLoop> loops() {
    return List.copyOf(loops);
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    for (ScrapeLoop l : loops) {
      l.stop();
    }
    for (ScrapeLoop l : loops) {
      try {
        if (!l.join(deadline.remaining().toMillis())) {
          LOG.warn("receiver {}: scrape of {} did not stop in time", settings.id(), l.target().describe());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    loops.clear();
    for (ScrapeJob j : jobs) {
      j.close();
    }
    jobs.clear();
  }
}
