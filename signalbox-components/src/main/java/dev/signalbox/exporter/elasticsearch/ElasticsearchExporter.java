package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.MappingMode;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanEvent;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.http.HttpClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code elasticsearch} exporter: one HTTP client and one {@link BulkIndexer} shared by logs and
 * traces, each signal behind its own exporter helper. A push encodes one document per log record
 * or span (see {@link DocumentEncoder}), routes it (see {@link IndexRouter}) and waits for the
 * bulk outcome; only the items that could not be indexed are counted as failed.
 */
final class ElasticsearchExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchExporter.class);

  private final ComponentSettings settings;
  private final ElasticsearchExporterConfig config;
  private final DocumentEncoder encoder;
  private final IndexRouter logsRouter;
  private final IndexRouter tracesRouter;
  /** Span events (otel mode): the traces index, or routed as data stream type logs. */
  private final IndexRouter eventsRouter;
  private final Map<Signal<?>, ExporterHelper<?>> helpers = new LinkedHashMap<>();
  private final BulkIndexer.Sleeper sleeper;
  private final Object lifecycle = new Object();
  private volatile BulkIndexer indexer;
  private HttpClient client;
  private boolean started;
  private boolean stopped;

  ElasticsearchExporter(ComponentSettings settings, ElasticsearchExporterConfig config, Set<Signal<?>> signals,
      Clock clock, BulkIndexer.Sleeper sleeper) {
    this.settings = settings;
    this.config = config;
    this.sleeper = sleeper;
    MappingMode mode = config.mapping().mode();
    this.encoder = new DocumentEncoder(mode, config.mapping().dedot());
    boolean otel = mode == MappingMode.OTEL;
    this.logsRouter = new IndexRouter(config.logsIndex(), config.logsDynamicIndex().enabled(), "logs", otel,
        config.logstashFormat(), clock);
    this.tracesRouter = new IndexRouter(config.tracesIndex(), config.tracesDynamicIndex().enabled(), "traces", otel,
        config.logstashFormat(), clock);
    this.eventsRouter = new IndexRouter(config.tracesIndex(), config.tracesDynamicIndex().enabled(), "logs", otel,
        config.logstashFormat(), clock);
    if (signals.contains(Signal.TRACES)) {
      helpers.put(Signal.TRACES, helper(Signal.TRACES, this::pushTraces));
    }
    if (signals.contains(Signal.LOGS)) {
      helpers.put(Signal.LOGS, helper(Signal.LOGS, this::pushLogs));
    }
  }

  private <T extends Telemetry> ExporterHelper<T> helper(Signal<T> signal,
      dev.signalbox.sdk.exporterhelper.PushFunction<T> push) {
    // No helper timeout: the HTTP client's timeout bounds each bulk request; waiting for the
    // buffer is bounded by flush.interval.
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
      throw new IllegalArgumentException("the elasticsearch exporter was not created for " + signal
          + "; it sends logs and traces");
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
      client = HttpClients.create(config.client().withEndpoint(config.urls().get(0)));
      Map<String, String> headers = new LinkedHashMap<>();
      config.client().headers().forEach((k, v) -> headers.put(k, v.reveal()));
      if (!config.user().isEmpty()) {
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (config.user() + ":" + config.password().reveal()).getBytes(StandardCharsets.UTF_8)));
      } else if (!config.apiKey().isEmpty()) {
        headers.put("Authorization", "ApiKey " + config.apiKey().reveal());
      }
      int workers = config.numWorkers() > 0 ? config.numWorkers() : Runtime.getRuntime().availableProcessors();
      Compression compression = "gzip".equals(config.client().compression().strip()) ? Compression.GZIP
          : Compression.NONE;
      indexer = new BulkIndexer(config.urls(), config.pipeline(), client, headers, compression,
          config.client().timeout(), config.flush(), config.retry(), workers, config.sendingQueue().enabled(),
          sleeper, settings.meter());
      List<ExporterHelper<?>> startedHelpers = new ArrayList<>();
      try {
        for (ExporterHelper<?> h : helpers.values()) {
          h.start(host);
          startedHelpers.add(h);
        }
      } catch (Exception | Error e) {
        startedHelpers.forEach(h -> h.shutdown(Deadline.in(Duration.ZERO)));
        indexer.close();
        client.close();
        throw e;
      }
      LOG.info("{} indexing {} into {} ({} mapping)", settings.describe(), helpers.keySet(),
          config.urls().stream().map(ElasticsearchExporter::redacted).toList(),
          config.mapping().mode().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public void shutdown(Deadline deadline) throws Exception {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    List<Thread> threads = new ArrayList<>();
    for (ExporterHelper<?> h : helpers.values()) {
      threads.add(Thread.ofVirtual().start(() -> h.shutdown(deadline)));
    }
    for (Thread t : threads) {
      t.join();
    }
    BulkIndexer i = indexer;
    indexer = null;
    if (i != null) {
      i.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private BulkIndexer indexer() throws RetryableException {
    BulkIndexer i = indexer;
    if (i == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    return i;
  }

  private void pushLogs(Context ctx, Logs data, Deadline deadline) throws ConsumeException {
    BulkIndexer idx = indexer();
    BulkIndexer.Batch batch = idx.begin();
    List<BulkIndexer.Doc> docs = new ArrayList<>(data.itemCount());
    int item = 0;
    try {
      for (ResourceLogs rl : data.resourceLogs()) {
        for (ScopeLogs sl : rl.scopeLogs()) {
          for (LogRecord r : sl.logRecords()) {
            IndexRouter.Route route = logsRouter.route(r.attributes(), sl.scope().attributes(),
                rl.resource().attributes(), sl.scope().name());
            byte[] doc = encoder.log(rl.resource(), rl.schemaUrl(), sl.scope(), sl.schemaUrl(), r, route.extra());
            docs.add(new BulkIndexer.Doc(route.index(), doc, batch, item++));
          }
        }
      }
    } catch (RuntimeException e) {
      idx.abandon(batch);
      throw e;
    }
    await(idx, batch, docs, item, "logs");
  }

  private void pushTraces(Context ctx, Traces data, Deadline deadline) throws ConsumeException {
    BulkIndexer idx = indexer();
    BulkIndexer.Batch batch = idx.begin();
    List<BulkIndexer.Doc> docs = new ArrayList<>(data.itemCount());
    int item = 0;
    boolean otel = encoder.mode() == MappingMode.OTEL;
    try {
      for (ResourceSpans rs : data.resourceSpans()) {
        for (ScopeSpans ss : rs.scopeSpans()) {
          for (Span s : ss.spans()) {
            IndexRouter.Route route = tracesRouter.route(s.attributes(), ss.scope().attributes(),
                rs.resource().attributes(), ss.scope().name());
            byte[] doc = encoder.span(rs.resource(), rs.schemaUrl(), ss.scope(), ss.schemaUrl(), s, route.extra());
            docs.add(new BulkIndexer.Doc(route.index(), doc, batch, item));
            if (otel) {
              for (SpanEvent e : s.events()) {
                IndexRouter.Route er = eventsRouter.route(e.attributes(), ss.scope().attributes(),
                    rs.resource().attributes(), ss.scope().name());
                docs.add(new BulkIndexer.Doc(er.index(),
                    encoder.spanEvent(rs.resource(), rs.schemaUrl(), ss.scope(), ss.schemaUrl(), s, e, er.extra()),
                    batch, item));
              }
            }
            item++;
          }
        }
      }
    } catch (RuntimeException e) {
      idx.abandon(batch);
      throw e;
    }
    await(idx, batch, docs, item, "spans");
  }

  private void await(BulkIndexer idx, BulkIndexer.Batch batch, List<BulkIndexer.Doc> docs, int items, String what)
      throws ConsumeException {
    try {
      idx.submit(batch, docs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted while indexing " + what, e);
    }
    ConsumeException failure = BulkIndexer.outcome(batch, items, "indexing " + what);
    if (failure != null) {
      throw failure;
    }
  }

  static String redacted(String url) {
    try {
      URI u = URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    } catch (IllegalArgumentException e) {
      return "(invalid URL)";
    }
  }
}
