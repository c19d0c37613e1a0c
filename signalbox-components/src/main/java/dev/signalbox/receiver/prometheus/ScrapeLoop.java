package dev.signalbox.receiver.prometheus;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.receiver.prometheus.ScrapeJob.Fetched;
import dev.signalbox.receiver.prometheus.ScrapeJob.ScrapeFailure;
import dev.signalbox.receiver.prometheus.TargetState.Outcome;
import dev.signalbox.receiver.prometheus.TargetState.ScrapeError;
import dev.signalbox.telemetry.Meter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target every interval on its own virtual thread, so a target that hangs or answers
 * garbage delays nobody else. The first scrape happens at an offset within the interval derived
 * from the target's labels (as Prometheus spreads its scrapes); a scrape that overruns skips the
 * ticks it missed.
 *
 * <p>A failed scrape is counted in {@code otelcol_receiver_prometheus_scrape_errors{job, instance,
 * reason}}, and logged at WARN when the target starts failing or fails differently (then DEBUG
 * while it keeps failing the same way) and at INFO when it recovers.
 */
final class ScrapeLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeLoop.class);
  private static final Context CONTEXT = Context.of(Map.of(), "http");

  private final String receiverId;
  private final Target target;
  private final ScrapeJob job;
  private final TargetState state;
  private final Consumer<Metrics> next;
  private final Meter meter;
  private final Clock clock;
  private final Map<String, Meter.Counter> errors = new ConcurrentHashMap<>();
  private volatile boolean stopped;
  private volatile boolean up;
  private String lastError;
  private Thread thread;

  ScrapeLoop(String receiverId, Target target, ScrapeJob job, TargetState state, Consumer<Metrics> next, Meter meter,
      Clock clock) {
    this.receiverId = receiverId;
    this.target = target;
    this.job = job;
    this.state = state;
    this.next = next;
    this.meter = meter;
    this.clock = clock;
    meter.gauge("otelcol_receiver_prometheus_target_up", "1 when the last scrape of the target succeeded",
        () -> up ? 1 : 0, "job", target.job(), "instance", target.instance());
  }

  Target target() {
    return target;
  }

  void start() {
    thread = Thread.ofVirtual().name("prometheus-scrape " + target.describe()).start(this);
  }

  /** Asks the loop to stop and interrupts a scrape in progress. */
  void stop() {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Waits for the loop to end; false if it did not within {@code millis}. */
  boolean join(long millis) throws InterruptedException {
    return thread == null || thread.join(java.time.Duration.ofMillis(Math.max(1, millis)));
  }

  @Override
  public void run() {
    long interval = target.interval().toNanos();
    long next = System.nanoTime() + Math.floorMod(target.labels().hashCode() * 0x9E3779B97F4A7C15L, interval);
    try {
      while (!stopped) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (stopped) {
          return;
        }
        scrapeOnce();
        next += interval;
        long now = System.nanoTime();
        if (next <= now) {
          next = now + interval - Math.floorMod(now - next, interval);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One scrape: fetch, convert, hand on. */
  void scrapeOnce() throws InterruptedException {
    long startMillis = clock.millis();
    long t0 = System.nanoTime();
    Outcome o;
    try {
      Fetched f = job.fetch(target);
      double seconds = (System.nanoTime() - t0) / 1e9;
      o = state.scraped(f.body(), f.contentType(), startMillis, seconds);
    } catch (ScrapeFailure e) {
      o = state.failed(e.error, startMillis, (System.nanoTime() - t0) / 1e9);
    }
    if (stopped) {
      return;
    }
    record(o.error());
    try {
      next.consume(CONTEXT, o.metrics());
    } catch (ConsumeException e) {
      LOG.debug("receiver {}: the pipeline refused the scrape of {}: {}", receiverId, target.describe(),
          e.getMessage());
    }
  }

  private void record(ScrapeError error) {
    if (error == null) {
      if (!up && lastError != null) {
        LOG.info("receiver {}: scrape of {} ({}) succeeds again", receiverId, target.describe(), target.url());
      }
      up = true;
      lastError = null;
      return;
    }
    up = false;
    errors.computeIfAbsent(error.reason(), r -> meter.counter("otelcol_receiver_prometheus_scrape_errors",
        "Scrapes that failed, by reason (timeout, connection, http_status, parse, body_too_large, sample_limit)",
        "job", target.job(), "instance", target.instance(), "reason", r)).inc();
    String text = error.reason() + ": " + error.message();
    if (!Objects.equals(text, lastError)) {
      LOG.warn("receiver {}: scrape of {} ({}) failed ({}): {}; up=0 for this target, others are unaffected",
          receiverId, target.describe(), target.url(), error.reason(), error.message());
    } else {
      LOG.debug("receiver {}: scrape of {} failed again ({}): {}", receiverId, target.describe(), error.reason(),
          error.message());
    }
    lastError = text;
  }
}
