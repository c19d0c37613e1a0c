package dev.signalbox.exporter.otlphttp;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.otlpcommon.OtlpRequests;
import dev.signalbox.exporter.otlpcommon.PartialSuccesses;
import dev.signalbox.exporter.otlpcommon.SignalHelpers;
import dev.signalbox.exporter.otlpcommon.UserAgent;
import dev.signalbox.exporter.otlphttp.OtlpHttpExporterConfig.Encoding;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.sdk.otlp.OtlpCodec;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code otlphttp} exporter: one JDK HTTP client per exporter id, shared by its signals, each
 * signal behind its own {@link dev.signalbox.sdk.exporterhelper.ExporterHelper}. A push is one POST
 * to the signal's URL; see the package comment for what is sent and how answers are counted.
 */
final class OtlpHttpExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpExporter.class);
  /** Time kept from the shutdown deadline to close the client after the queues drained. */
  private static final Duration CLOSE_MARGIN = Duration.ofMillis(200);

  private final ComponentSettings settings;
  private final OtlpHttpExporterConfig config;
  private final OtlpCodec codec;
  private final Map<Signal<?>, URI> urls = new HashMap<>();
  private final Map<String, String> extraHeaders;
  private final SignalHelpers helpers;
  private final Object lifecycle = new Object();
  private volatile HttpSender sender;
  private boolean started;
  private boolean stopped;

  /**
   * @throws IllegalArgumentException when a signal has no URL ({@code endpoint} and its
   *     {@code *_endpoint} both empty), or profiles are to be sent as JSON
   */
  OtlpHttpExporter(ComponentSettings settings, OtlpHttpExporterConfig config, Set<Signal<?>> signals) {
    this.settings = settings;
    this.config = config;
    this.codec = config.encoding() == Encoding.JSON ? OtlpCodec.json() : OtlpCodec.proto();
    String at = settings.kind().section() + "." + settings.id();
    for (Signal<?> s : signals) {
      String url = config.url(s);
      if (url.isEmpty()) {
        throw new IllegalArgumentException(at + ": either endpoint or " + OtlpHttpExporterConfig.endpointKey(s)
            + " must be set to export " + s);
      }
      if (s == Signal.PROFILES && config.encoding() == Encoding.JSON) {
        throw new IllegalArgumentException(at + ".encoding: json is not supported for profiles; use proto or a "
            + "separate otlphttp exporter for the profiles pipeline");
      }
      try {
        urls.put(s, URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + "." + OtlpHttpExporterConfig.endpointKey(s) + ": invalid URL", e);
      }
    }
    boolean hasUserAgent = config.client().headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("user-agent"));
    this.extraHeaders = hasUserAgent ? Map.of() : Map.of("User-Agent", UserAgent.of(settings.buildInfo()));
    // As the Collector: no helper timeout, the HTTP client's own timeout bounds each request.
    this.helpers = SignalHelpers.create(settings, signals, config.sendingQueue(), config.retryOnFailure(),
        new TimeoutConfig(Duration.ZERO), this::push);
  }

  @Override
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    return helpers.consumer(signal);
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
      HttpClientConfig cc = config.client();
      HttpSender s = HttpSender.create(cc);
      try {
        helpers.start(host);
      } catch (Exception | Error e) {
        s.close();
        throw e;
      }
      sender = s;
      LOG.info("{} sending {} to {}", settings.describe(), config.encoding().name().toLowerCase(Locale.ROOT),
          urls.values().stream().map(OtlpHttpExporter::redacted).distinct().toList());
    }
  }

  /** Drains the queues until shortly before {@code deadline}, then closes the client. Idempotent. */
  @Override
  public void shutdown(Deadline deadline) throws Exception {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    Deadline drainBy = new Deadline(deadline.nanoTime() - Math.min(CLOSE_MARGIN.toNanos(),
        deadline.remaining().toNanos() / 10));
    try {
      helpers.shutdown(drainBy);
    } finally {
      HttpSender s = sender;
      sender = null;
      if (s != null) {
        close(s.client(), deadline);
      }
    }
  }

  /** Lets exchanges still running finish until the deadline, then aborts them. */
  private static void close(HttpClient client, Deadline deadline) {
    client.shutdown();
    try {
      if (!client.awaitTermination(deadline.remaining())) {
        client.shutdownNow();
      }
    } catch (InterruptedException e) {
      client.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void push(Context ctx, Telemetry data, Deadline deadline) throws ConsumeException {
    HttpSender s = sender;
    if (s == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    if (data.isEmpty()) {
      return;
    }
    Signal<?> signal = data.signal();
    URI uri = urls.get(signal);
    if (data instanceof Profiles p && p.requests().size() > 1) {
      long rejected = 0;
      String message = "";
      PermanentException unreadable = null;
      for (OtlpRequests.Request r : OtlpRequests.profileRequests(p)) {
        PartialSuccess ps;
        try {
          ps = post(s, uri, signal, r.bytes());
        } catch (PermanentException e) {
          if (e.rejectedItems() != 0) {
            throw e;
          }
          unreadable = e;
          continue;
        }
        rejected += Math.min(Math.max(ps.rejected(), 0), r.items());
        message = ps.message().isEmpty() ? message : ps.message();
      }
      throwIfRejected(signal, new PartialSuccess(rejected, message), p.itemCount(), uri);
      if (unreadable != null) {
        throw unreadable;
      }
      return;
    }
    byte[] body = codec == OtlpCodec.proto() ? OtlpRequests.protoBytes(data) : encodeJson(data);
    throwIfRejected(signal, post(s, uri, signal, body), data.itemCount(), uri);
  }

  private static byte[] encodeJson(Telemetry data) throws PermanentException {
    try {
      return OtlpJsonCodec.INSTANCE.encode(data);
    } catch (RuntimeException e) {
      throw new PermanentException("cannot encode the batch as OTLP/JSON: " + e.getMessage(), e);
    }
  }

  /** One POST; the partial success in its answer (none when the body is empty or of another type). */
  private PartialSuccess post(HttpSender s, URI uri, Signal<?> signal, byte[] body) throws ConsumeException {
    HttpSender.Response r = s.send("POST", uri, codec.contentType(), body, extraHeaders,
        HttpSender.DEFAULT_MAX_RESPONSE_BYTES);
    if (r.body().length == 0) {
      return PartialSuccess.NONE;
    }
    Optional<OtlpCodec> answer = OtlpCodec.forContentType(r.headers().firstValue("content-type").orElse(null));
    if (answer.isEmpty()) {
      return PartialSuccess.NONE; // as the Collector: only protobuf and JSON answers are read
    }
    try {
      return answer.get().decodeResponse(signal, r.body(), 0, r.body().length);
    } catch (MalformedDataException | RuntimeException e) {
      throw PartialSuccesses.unreadable("POST " + redacted(uri), e.getMessage());
    }
  }

  private static void throwIfRejected(Signal<?> signal, PartialSuccess ps, int items, URI uri)
      throws PermanentException {
    PermanentException e = PartialSuccesses.toException(signal, ps, items, "POST " + redacted(uri));
    if (e != null) {
      throw e;
    }
  }

  /** scheme://host:port/path: no user info, no query (API keys sometimes live there). */
  static String redacted(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
