package dev.signalbox.exporter.splunkhec;

import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.PushFunction;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import java.io.ByteArrayOutputStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code splunk_hec} exporter: one HTTP client and one exporter helper per signal. A push turns
 * the batch into HEC events ({@link HecEvents}), groups them by token, cuts them into requests of at
 * most {@code max_content_length_*} bytes of concatenated events, and POSTs those in turn. When a
 * later request fails retryably, the requests already delivered are remembered for that batch, so
 * the retry sends only the rest.
 */
final class SplunkHecExporter implements Exporter {
  /** How much of a response body is read (for error messages). */
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(SplunkHecExporter.class);
  /** Bodies smaller than this are not compressed, as the Collector (gzip costs more than it saves). */
  static final int MIN_COMPRESSION_LENGTH = 1500;

  private final ComponentSettings settings;
  private final SplunkHecExporterConfig config;
  private final HecEvents events;
  private final URI uri;
  private final Map<Signal<?>, ExporterHelper<?>> helpers = new LinkedHashMap<>();
  private final String appVersion;
  private final Object lifecycle = new Object();
  private final List<Sent> partlySent = new ArrayList<>();
  private volatile HttpSender poster;
  private boolean started;
  private boolean stopped;

  /** Requests of a batch already delivered by an attempt that then failed. */
  private record Sent(WeakReference<Telemetry> batch, int requests) {}

  /** One request: its token, its body, and the items of its events. */
  private record Chunk(String token, byte[] body, BitSet items) {}

  SplunkHecExporter(ComponentSettings settings, SplunkHecExporterConfig config, Set<Signal<?>> signals) {
    this.settings = settings;
    this.config = config;
    this.events = new HecEvents(config);
    this.appVersion = config.splunkAppVersion().isEmpty() ? settings.buildInfo().version() : config.splunkAppVersion();
    try {
      this.uri = URI.create(config.client().endpoint().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(settings.kind().section() + "." + settings.id() + ".endpoint: invalid URL", e);
    }
    if (signals.contains(Signal.TRACES)) {
      helpers.put(Signal.TRACES, helper(Signal.TRACES, (ctx, t, d) -> send(t, events.traces(t))));
    }
    if (signals.contains(Signal.METRICS)) {
      helpers.put(Signal.METRICS, helper(Signal.METRICS, (ctx, m, d) -> send(m, events.metrics(m))));
    }
    if (signals.contains(Signal.LOGS)) {
      helpers.put(Signal.LOGS, helper(Signal.LOGS, this::pushLogs));
    }
  }

  private <T extends Telemetry> ExporterHelper<T> helper(Signal<T> signal, PushFunction<T> push) {
    // As the Collector: no helper timeout, the HTTP client's timeout (10s) bounds each request.
    return ExporterHelper.builder(settings, signal, push)
        .queue(config.sendingQueue())
        .retry(config.retryOnFailure())
        .timeout(new TimeoutConfig(Duration.ZERO))
        .build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    ExporterHelper<?> h = helpers.get(signal);
    if (h == null) {
      throw new IllegalArgumentException("this exporter was not created for " + signal);
    }
    return (Consumer<T>) h;
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
      HttpSender p = HttpSender.create(config.client(), HttpSender.RetryableStatuses.TOO_MANY_REQUESTS_AND_5XX);
      List<ExporterHelper<?>> ok = new ArrayList<>();
      try {
        for (ExporterHelper<?> h : helpers.values()) {
          h.start(host);
          ok.add(h);
        }
      } catch (Exception | Error e) {
        ok.forEach(h -> h.shutdown(Deadline.in(Duration.ZERO)));
        p.client().close();
        throw e;
      }
      poster = p;
      LOG.info("{} sending {} to Splunk HEC at {}://{}:{}{}", settings.describe(), helpers.keySet(), uri.getScheme(),
          uri.getHost(), uri.getPort(), uri.getRawPath());
    }
  }

  @Override
  public void shutdown(Deadline deadline) throws InterruptedException {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    try {
      List<Thread> threads = new ArrayList<>();
      for (ExporterHelper<?> h : helpers.values()) {
        threads.add(Thread.ofVirtual().start(() -> h.shutdown(deadline)));
      }
      for (Thread t : threads) {
        t.join();
      }
    } finally {
      HttpSender p = poster;
      poster = null;
      if (p != null) {
        p.client().close();
      }
    }
  }

  private void pushLogs(Context ctx, Logs data, Deadline deadline) throws ConsumeException {
    if (!config.logDataEnabled()) {
      return; // log_data_enabled: false drops log data, as the Collector
    }
    send(data, events.logs(data));
  }

  private void send(Telemetry data, HecEvents.Result r) throws ConsumeException {
    HttpSender p = poster;
    if (p == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    BitSet rejected = new BitSet();
    r.dropped().forEach(rejected::set);
    String firstError = r.firstProblem();
    long max = config.maxContentLength(data.signal());
    List<Chunk> chunks = new ArrayList<>();
    Map<String, List<HecEvents.Event>> byToken = new LinkedHashMap<>();
    for (HecEvents.Event e : r.events()) {
      byToken.computeIfAbsent(e.token(), k -> new ArrayList<>()).add(e);
    }
    for (var group : byToken.entrySet()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      BitSet items = new BitSet();
      for (HecEvents.Event e : group.getValue()) {
        if (max > 0 && e.json().length > max) {
          rejected.set(e.item());
          firstError = firstError != null ? firstError : "dropped an event of " + e.json().length
              + " bytes: larger than " + maxKey(data) + " (" + max + ")";
          continue;
        }
        if (max > 0 && body.size() + e.json().length > max) {
          chunks.add(new Chunk(group.getKey(), body.toByteArray(), items));
          body = new ByteArrayOutputStream();
          items = new BitSet();
        }
        body.writeBytes(e.json());
        items.set(e.item());
      }
      if (body.size() > 0) {
        chunks.add(new Chunk(group.getKey(), body.toByteArray(), items));
      }
    }
    int done = alreadySent(data);
    for (int i = done; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      Map<String, String> headers = Map.of("Authorization", "Splunk " + c.token(),
          "__splunk_app_name", config.splunkAppName(), "__splunk_app_version", appVersion,
          "User-Agent", settings.buildInfo().description() + "/" + settings.buildInfo().version());
      boolean gzip = !config.disableCompression() && c.body().length >= MIN_COMPRESSION_LENGTH;
      try {
        p.send("POST", uri, "application/json", c.body(), gzip ? Compression.GZIP : Compression.NONE, headers, MAX_RESPONSE_BYTES);
      } catch (RetryableException e) {
        if (i > 0) {
          remember(data, i);
        }
        throw e;
      } catch (PermanentException e) {
        rejected.or(c.items());
        firstError = firstError != null ? firstError : e.getMessage();
      }
    }
    forget(data);
    int n = rejected.cardinality();
    if (n > 0) {
      throw new PermanentException(firstError, null, n);
    }
  }

  private static String maxKey(Telemetry data) {
    return "max_content_length_" + data.signal().name();
  }

  private int alreadySent(Telemetry data) {
    synchronized (partlySent) {
      for (Iterator<Sent> it = partlySent.iterator(); it.hasNext(); ) {
        Sent s = it.next();
        Telemetry b = s.batch().get();
        if (b == null) {
          it.remove();
        } else if (b == data) {
          return s.requests();
        }
      }
      return 0;
    }
  }

  private void remember(Telemetry data, int requests) {
    synchronized (partlySent) {
      forget(data);
      partlySent.add(new Sent(new WeakReference<>(data), requests));
    }
  }

  private void forget(Telemetry data) {
    synchronized (partlySent) {
      partlySent.removeIf(s -> s.batch().get() == null || s.batch().get() == data);
    }
  }
}
