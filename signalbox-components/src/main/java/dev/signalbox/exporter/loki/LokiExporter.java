package dev.signalbox.exporter.loki;

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
import dev.signalbox.exporter.loki.LokiExporterConfig.Encoding;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code loki} exporter: one HTTP client, one exporter helper for logs. A push converts the
 * batch into one push request per tenant and POSTs them in turn. When a later tenant's request
 * fails retryably, the tenants already sent are remembered for that batch, so the retry sends only
 * the rest.
 */
final class LokiExporter implements Exporter {
  /** How much of a response body is read (for error messages). */
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(LokiExporter.class);

  private final ComponentSettings settings;
  private final LokiExporterConfig config;
  private final LogsToLoki translator;
  private final URI uri;
  private final ExporterHelper<Logs> helper;
  private final Object lifecycle = new Object();
  /** Batches part-sent by a failed attempt, with the tenants already delivered. Small: one per retrying batch. */
  private final List<Sent> partlySent = new ArrayList<>();
  private volatile HttpSender poster;
  private boolean started;
  private boolean stopped;

  private record Sent(WeakReference<Logs> batch, List<String> tenants) {}

  LokiExporter(ComponentSettings settings, LokiExporterConfig config) {
    this(settings, config, Clock.systemUTC());
  }

  LokiExporter(ComponentSettings settings, LokiExporterConfig config, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.translator = new LogsToLoki(config, clock);
    try {
      this.uri = URI.create(config.client().endpoint().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(settings.kind().section() + "." + settings.id() + ".endpoint: invalid URL", e);
    }
    // As the Collector: no helper timeout, the HTTP client's timeout bounds each request.
    this.helper = ExporterHelper.builder(settings, Signal.LOGS, this::push)
        .queue(config.sendingQueue())
        .retry(config.retryOnFailure())
        .timeout(new TimeoutConfig(Duration.ZERO))
        .build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    if (signal != Signal.LOGS) {
      throw new IllegalArgumentException("the loki exporter sends logs only, not " + signal);
    }
    return (Consumer<T>) helper;
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
      try {
        helper.start(host);
      } catch (Exception | Error e) {
        p.client().close();
        throw e;
      }
      poster = p;
      LOG.info("{} pushing {} to {}://{}:{}{}", settings.describe(),
          config.encoding() == Encoding.JSON ? "JSON" : "protobuf", uri.getScheme(), uri.getHost(), uri.getPort(),
          uri.getRawPath());
    }
  }

  @Override
  public void shutdown(Deadline deadline) {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    try {
      helper.shutdown(deadline);
    } finally {
      HttpSender p = poster;
      poster = null;
      if (p != null) {
        p.client().close();
      }
    }
  }

  private void push(Context ctx, Logs data, Deadline deadline) throws ConsumeException {
    HttpSender p = poster;
    if (p == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    LogsToLoki.Result r = translator.translate(data);
    List<String> done = new ArrayList<>(alreadySent(data));
    int rejected = r.dropped();
    String firstError = r.dropped() > 0 ? "cannot convert " + r.dropped() + " log record(s) for Loki: "
        + r.firstProblem() : null;
    for (LogsToLoki.Request req : r.requests()) {
      if (done.contains(req.tenant())) {
        continue;
      }
      byte[] body = config.encoding() == Encoding.JSON ? LokiPush.json(req.streams())
          : LokiPush.protobuf(req.streams());
      String contentType = config.encoding() == Encoding.JSON ? LokiPush.JSON_TYPE : LokiPush.PROTOBUF;
      Map<String, String> headers = req.tenant().isEmpty() ? Map.of() : Map.of("X-Scope-OrgID", req.tenant());
      try {
        p.send("POST", uri, contentType, body, config.encoding() == Encoding.JSON ? config.client().effectiveCompression() : Compression.NONE, headers, MAX_RESPONSE_BYTES);
      } catch (RetryableException e) {
        if (!done.isEmpty()) {
          remember(data, done);
        }
        throw e;
      } catch (PermanentException e) {
        rejected += req.records();
        firstError = firstError != null ? firstError : e.getMessage();
      }
      done.add(req.tenant());
    }
    forget(data);
    if (rejected > 0) {
      throw new PermanentException(firstError, null, rejected);
    }
  }

  private List<String> alreadySent(Logs data) {
    synchronized (partlySent) {
      for (Iterator<Sent> it = partlySent.iterator(); it.hasNext(); ) {
        Sent s = it.next();
        Logs b = s.batch().get();
        if (b == null) {
          it.remove();
        } else if (b == data) {
          return s.tenants();
        }
      }
      return List.of();
    }
  }

  private void remember(Logs data, List<String> tenants) {
    synchronized (partlySent) {
      forget(data);
      partlySent.add(new Sent(new WeakReference<>(data), List.copyOf(tenants)));
    }
  }

  private void forget(Logs data) {
    synchronized (partlySent) {
      partlySent.removeIf(s -> s.batch().get() == null || s.batch().get() == data);
    }
  }
}
