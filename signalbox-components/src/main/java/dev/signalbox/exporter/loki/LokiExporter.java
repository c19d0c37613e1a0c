package dev.signalbox.exporter.loki;

import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.httpcommon.HttpPushExporter;
import dev.signalbox.exporter.loki.LokiExporterConfig.Encoding;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code loki} exporter (client, queue and retry are {@link HttpPushExporter}'s): a push
 * converts the batch into one push request per tenant and POSTs them in turn. When a later tenant's request
 * fails retryably, the tenants already sent are remembered for that batch, so the retry sends only
 * the rest.
 */
final class LokiExporter extends HttpPushExporter<Logs> {
  private final LokiExporterConfig config;
  private final LogsToLoki translator;
  /** Batches part-sent by a failed attempt, with the tenants already delivered. Small: one per retrying batch. */
  private final List<Sent> partlySent = new ArrayList<>();

  private record Sent(WeakReference<Logs> batch, List<String> tenants) {}

  LokiExporter(ComponentSettings settings, LokiExporterConfig config) {
    this(settings, config, Clock.systemUTC());
  }

  LokiExporter(ComponentSettings settings, LokiExporterConfig config, Clock clock) {
    super(settings, Signal.LOGS, config.client(), config.sendingQueue(), config.retryOnFailure());
    this.config = config;
    this.translator = new LogsToLoki(config, clock);
  }

  @Override
  protected String sending() {
    return "Loki pushes as " + (config.encoding() == Encoding.JSON ? "JSON" : "protobuf");
  }

  @Override
  protected void push(Context ctx, Logs data, Deadline deadline, HttpSender p) throws ConsumeException {
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
