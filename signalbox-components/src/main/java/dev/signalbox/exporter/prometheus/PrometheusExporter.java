package dev.signalbox.exporter.prometheus;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.http.HttpRequest;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.TranslationStats;
import dev.signalbox.telemetry.Meter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code prometheus} exporter: keeps the latest point of every series ({@link Accumulator}) and
 * serves them at {@code GET /metrics} on {@code endpoint}, translated by {@link OtlpToPrometheus}
 * and written by {@link Exposition}. See the package comment.
 */
final class PrometheusExporter implements Exporter, Consumer<Metrics> {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusExporter.class);
  static final String PATH = "/metrics";
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final ComponentSettings settings;
  private final PrometheusExporterConfig config;
  private final OtlpToPrometheus translator;
  private final Accumulator accumulator;
  private final Meter.Counter accepted;
  private final Map<String, Meter.Counter> failed = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastLog = new ConcurrentHashMap<>();
  private final Object lifecycle = new Object();
  private volatile HttpServer server;
  private volatile boolean running;
  private boolean started;
  private boolean stopped;

  PrometheusExporter(ComponentSettings settings, PrometheusExporterConfig config, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.translator = new OtlpToPrometheus(config.translationSettings());
    this.accumulator = new Accumulator(translator, config.resourceToTelemetryConversion().enabled(),
        config.metricExpiration(), clock);
    Meter meter = settings.meter();
    this.accepted = meter.counter("otelcol_exporter_sent_metric_points",
        "Metric points accepted into the scrape endpoint's state", "data_type", "metrics");
    meter.gauge("otelcol_exporter_prometheus_series", "Series held for scraping", () -> accumulator.size());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    return signal == Signal.METRICS ? (Consumer<T>) this : null;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.NON_MUTATING;
  }

  @Override
  public void start(Host host) throws Exception {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException(settings.describe() + " was already started");
      }
      started = true;
      if (stopped) {
        return;
      }
      server = HttpServer.start(config.server(), List.of(HttpRoute.of(PATH, this::scrape, "GET", "HEAD")));
      running = true;
      LOG.info("{} serving {} on {}{}", settings.describe(), config.enableOpenMetrics()
          ? "OpenMetrics 1.0 and the text format 0.0.4" : "the text format 0.0.4", server.localAddress(), PATH);
    }
  }

  /** The bound port (tests listen on port 0). */
  int port() {
    return server.port();
  }

  @Override
  public void shutdown(Deadline deadline) {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      running = false;
    }
    HttpServer s = server;
    server = null;
    if (s != null) {
      Duration left = deadline.remaining();
      s.shutdown(left.isNegative() ? Duration.ZERO : left);
    }
  }

  @Override
  public void consume(Context ctx, Metrics data) throws ConsumeException {
    if (!running) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    Accumulator.Result r = accumulator.accumulate(data);
    accepted.add(r.accepted());
    count("delta_temporality", r.droppedDeltaNonMonotonic(), r.firstDropped(),
        "delta non-monotonic sums cannot be made cumulative");
    count("exponential_histogram", r.droppedExponential(), r.firstDropped(),
        "exponential histograms need native histograms, which this exporter does not write");
    count("misaligned_delta", r.droppedMisaligned(), r.firstDropped(),
        "delta points overlapping the time already accumulated (two writers of one series?)");
  }

  private void count(String reason, int n, String metric, String why) {
    if (n == 0) {
      return;
    }
    failed.computeIfAbsent(reason, k -> settings.meter().counter("otelcol_exporter_send_failed_metric_points",
        "Metric points that could not be exposed", "data_type", "metrics", "reason", k)).add(n);
    AtomicLong last = lastLog.computeIfAbsent(reason, k -> new AtomicLong(System.nanoTime() - 2 * LOG_INTERVAL_NANOS));
    long now = System.nanoTime();
    long prev = last.get();
    if (now - prev >= LOG_INTERVAL_NANOS && last.compareAndSet(prev, now)) {
      LOG.warn("{} dropped {} metric points ({}; first: {}): {}", settings.describe(), n, reason, metric, why);
    }
  }

  /** {@code GET /metrics}. */
  HttpResponse scrape(HttpRequest request) throws IOException {
    Exposition e = collect();
    boolean om = config.enableOpenMetrics() && acceptsOpenMetrics(request.header("accept"));
    byte[] body = om ? e.openMetrics(config.sendTimestamps()) : e.text(config.sendTimestamps());
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", om ? Exposition.OPENMETRICS_TYPE : Exposition.TEXT_TYPE);
    String ae = request.header("accept-encoding");
    if (ae != null && ae.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 1024) {
      body = gzip(body);
      headers.put("Content-Encoding", "gzip");
    }
    return new HttpResponse(200, headers, "HEAD".equals(request.method()) ? new byte[0] : body);
  }

  /** The current exposition of every series (for the scrape handler and tests). */
  Exposition collect() {
    Exposition e = new Exposition();
    TranslationStats stats = new TranslationStats();
    Map<String, Object[]> targets = new HashMap<>();
    for (Accumulator.Entry entry : accumulator.collect()) {
      long ts = translator.translate(entry.resource(), entry.scope(), entry.metric(), e, stats);
      if (ts != Long.MIN_VALUE) {
        String key = entry.resource().job() + '\u0000' + entry.resource().instance();
        Object[] t = targets.get(key);
        if (t == null || (long) t[1] < ts) {
          targets.put(key, new Object[] {entry.resource(), ts});
        }
      }
    }
    for (Object[] t : targets.values()) {
      translator.targetInfo((OtlpToPrometheus.ResourceLabels) t[0], (long) t[1], e, stats);
    }
    if (!e.conflicts().isEmpty()) {
      count("type_conflict", e.conflicts().size(), e.conflicts().get(0),
          "another metric has the same Prometheus name with a different type");
    }
    return e;
  }

  static boolean acceptsOpenMetrics(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      z.write(body);
    }
    return out.toByteArray();
  }
}
