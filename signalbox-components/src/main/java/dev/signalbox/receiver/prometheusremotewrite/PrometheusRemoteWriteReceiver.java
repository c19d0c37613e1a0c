package dev.signalbox.receiver.prometheusremotewrite;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.receiver.prometheusremotewrite.RemoteWriteTranslator.InvalidRequestException;
import dev.signalbox.receiver.prometheusremotewrite.RemoteWriteTranslator.Translation;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.sdk.http.HttpRequest;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.prometheus.remotewrite.LabelInterner;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteChunk;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.telemetry.Meter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code prometheusremotewrite} receiver: {@code POST /api/v1/write} into metrics pipelines. */
final class PrometheusRemoteWriteReceiver implements Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusRemoteWriteReceiver.class);
  static final String PATH = "/api/v1/write";
  static final String SCOPE_NAME = "dev.signalbox/receiver/prometheusremotewrite";
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final ComponentSettings settings;
  private final PrometheusRemoteWriteReceiverConfig config;
  private final Consumer<Metrics> next;
  private final Clock clock;
  private final Meter meter;
  private final RemoteWriteTranslator translator;
  /** Senders resend the same series every interval: their label sets are decoded once. */
  private final LabelInterner interner = new LabelInterner();
  private final Map<String, Meter.Counter> counters = new ConcurrentHashMap<>();
  private HttpServer http;
  /** Whether requests are handed on as {@link RemoteWriteChunk}s rather than translated. */
  private volatile boolean forward;

  PrometheusRemoteWriteReceiver(ComponentSettings settings, PrometheusRemoteWriteReceiverConfig config,
      Consumers next, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.next = next.get(Signal.METRICS);
    this.clock = clock;
    this.meter = settings.meter();
    this.translator = new RemoteWriteTranslator(SCOPE_NAME, settings.buildInfo().version());
  }

  @Override
  public synchronized void start(Host host) throws Exception {
    if (next == null) {
      return;
    }
    // Series go on as they came when everything after this receiver handles them so (see RemoteWriteChunk)
    forward = next.capabilities().handles(RemoteWriteChunk.FORMAT);
    if (forward) {
      LOG.info("{}: series are handed on as they come (everything after this receiver handles remote write as is)",
          settings.describe());
    }
    http = HttpServer.start(config.server(), List.of(HttpRoute.post(PATH, this::handle)),
        (path, status, reason) -> countRefused(reasonOf(status, reason)));
  }

  /** The bound port (tests use port 0), or -1. */
  int port() {
    return http == null ? -1 : http.port();
  }

  private HttpResponse handle(HttpRequest req) {
    String contentType = req.header("Content-Type");
    if (contentType != null && !contentType.isBlank()) {
      if (!req.mediaType().equals(RemoteWriteCodec.CONTENT_TYPE)) {
        countRefused("unsupported_media_type");
        return HttpResponse.text(415, "unsupported Content-Type \"" + contentType + "\": remote write sends "
            + RemoteWriteCodec.CONTENT_TYPE);
      }
      if (contentType.toLowerCase(Locale.ROOT).replace(" ", "").contains("proto=io.prometheus.write.v2")) {
        countRefused("unsupported_media_type");
        return HttpResponse.text(415, "remote write 2.0 (io.prometheus.write.v2.Request) is not supported;"
            + " send remote write 1.0 (prometheus.WriteRequest)");
      }
    }
    if (MemoryPressure.refusing()) {
      countRefused("memory_limit");
      RetryableException r = MemoryPressure.refusal();
      return HttpResponse.text(429, r.getMessage()).withRetryAfter(retryAfter(r));
    }
    byte[] body = req.body();
    String encoding = req.header("Content-Encoding");
    long inflated = 0;
    if (encoding == null || encoding.isBlank()) {
      // undeclared snappy: we inflate it here, so its inflated bytes are admitted here (the server
      // admitted the compressed ones, and inflates and admits a declared encoding itself)
      inflated = Math.max(0, RemoteWriteCodec.uncompressedLength(body) - (long) body.length);
      if (inflated > 0 && !MemoryPressure.tryAdmit(inflated)) {
        countRefused("memory_limit");
        RetryableException r = MemoryPressure.budgetRefusal(inflated + body.length);
        return HttpResponse.text(429, r.getMessage()).withRetryAfter(retryAfter(r));
      }
    }
    try {
      return decodeAndConsume(req, body, encoding == null || encoding.isBlank());
    } finally {
      MemoryPressure.release(inflated);
    }
  }

  private HttpResponse decodeAndConsume(HttpRequest req, byte[] body, boolean snappy) {
    long oldest = config.timeThreshold() > 0
        ? clock.millis() - Duration.ofHours(config.timeThreshold()).toMillis() : Long.MIN_VALUE;
    int maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, config.server().effectiveMaxRequestBodySize());
    WriteRequest wr;
    try {
      if (forward) {
        // remote write bodies are always snappy; the server has already decoded a declared encoding
        byte[] raw = snappy ? RemoteWriteCodec.uncompress(body, maxBytes) : body;
        RemoteWriteChunk chunk = RemoteWriteChunk.scan(raw, oldest, SCOPE_NAME, settings.buildInfo().version(),
            this::translateInto);
        if (chunk != null) { // the common case: canonical series, forwarded as their bytes
          countSamples(chunk.itemCount());
          return chunk.itemCount() == 0 ? HttpResponse.empty(204) : deliver(req, Metrics.fromNative(chunk));
        }
        wr = RemoteWriteCodec.decode(raw, 0, raw.length, interner);
      } else if (snappy) {
        wr = RemoteWriteCodec.decodeCompressed(body, maxBytes, interner);
      } else {
        wr = RemoteWriteCodec.decode(body, 0, body.length, interner);
      }
    } catch (MalformedDataException e) {
      countRefused("malformed");
      LOG.debug("receiver {}: malformed remote write request from {}: {}", settings.id(), req.remoteAddress(),
          e.getMessage());
      return HttpResponse.text(400, "invalid remote write request: " + e.getMessage());
    }
    countSamples(wr.sampleCount());
    if (forward) {
      return forward(req, wr, oldest);
    }
    Translation t;
    try {
      t = translator.translate(wr, oldest);
    } catch (InvalidRequestException e) {
      countRefused("malformed");
      return HttpResponse.text(400, "invalid remote write request: " + e.getMessage());
    }
    countDropped(t.droppedSamples());
    if (t.points() == 0) {
      return HttpResponse.empty(204); // e.g. a metadata-only request
    }
    return deliver(req, t.metrics());
  }

  /**
   * Hands the series on as they came ({@link RemoteWriteChunk}), checked as translation checks
   * them, without the samples older than {@code oldestMillis}.
   */
  private HttpResponse forward(HttpRequest req, WriteRequest wr, long oldestMillis) {
    try {
      translator.checkAndRemember(wr);
    } catch (InvalidRequestException e) {
      countRefused("malformed");
      return HttpResponse.text(400, "invalid remote write request: " + e.getMessage());
    }
    List<TimeSeries> series = wr.timeseries();
    int samples = wr.sampleCount();
    if (oldestMillis != Long.MIN_VALUE) {
      List<TimeSeries> kept = new ArrayList<>(series.size());
      for (TimeSeries ts : series) {
        List<Sample> all = ts.samples();
        int old = 0;
        for (int i = 0; i < all.size(); i++) {
          old += all.get(i).timestampMillis() < oldestMillis ? 1 : 0;
        }
        if (old == 0) {
          kept.add(ts);
        } else if (old < all.size()) {
          kept.add(new TimeSeries(ts.labels(), all.stream().filter(x -> x.timestampMillis() >= oldestMillis).toList(),
              ts.exemplars()));
        }
        samples -= old;
      }
      countDropped(wr.sampleCount() - samples);
      series = kept;
    }
    if (samples == 0) {
      return HttpResponse.empty(204); // e.g. a metadata-only request
    }
    return deliver(req, Metrics.fromNative(RemoteWriteChunk.decoded(series, samples, SCOPE_NAME,
        settings.buildInfo().version(), this::translateInto)));
  }

  /** A chunk's series translated after all: for a consumer that reads the batch (see RemoteWriteChunk). */
  private void translateInto(List<TimeSeries> series, Metrics into) {
    try {
      into.append(translator.translate(new WriteRequest(series, List.of()), Long.MIN_VALUE).metrics());
    } catch (InvalidRequestException e) {
      throw new IllegalStateException("series checked when received were refused: " + e.getMessage(), e);
    }
  }

  private void countSamples(int samples) {
    counters.computeIfAbsent("samples", k -> meter.counter("otelcol_receiver_prometheusremotewrite_samples",
        "Samples in the remote write requests decoded (before translation into data points)")).add(samples);
  }

  private void countDropped(int samples) {
    if (samples > 0) {
      counters.computeIfAbsent("dropped", k -> meter.counter("otelcol_receiver_prometheusremotewrite_dropped_samples",
          "Samples left out of the metrics: older than time_threshold, or not placeable (a histogram bucket"
              + " without a valid le, a gauge histogram)")).add(samples);
    }
  }

  private HttpResponse deliver(HttpRequest req, Metrics metrics) {
    try {
      next.consume(req.context(), metrics);
    } catch (RetryableException e) {
      return HttpResponse.text(e.resourceExhausted() ? 429 : 503, e.getMessage()).withRetryAfter(retryAfter(e));
    } catch (PermanentException e) {
      return HttpResponse.text(400, e.getMessage());
    } catch (ConsumeException e) {
      return HttpResponse.text(500, e.getMessage());
    }
    return HttpResponse.empty(204);
  }

  private static Duration retryAfter(RetryableException e) {
    return e.retryAfter() != null ? e.retryAfter() : DEFAULT_RETRY_AFTER;
  }

  private static String reasonOf(int status, String message) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 429 -> "memory_limit";
      default -> message != null && message.startsWith("failed to decompress") ? "malformed" : "bad_request";
    };
  }

  private void countRefused(String reason) {
    counters.computeIfAbsent(reason, r -> meter.counter("otelcol_receiver_refused_requests",
        "Requests refused before their data reached the pipeline", "transport", "http", "reason", r)).inc();
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    if (http != null) {
      http.shutdown(deadline.remaining());
      http = null;
    }
  }
}
