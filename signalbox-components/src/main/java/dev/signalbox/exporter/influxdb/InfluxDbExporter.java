package dev.signalbox.exporter.influxdb;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.Compressors;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.http.HttpClients;
import dev.signalbox.sdk.http.HttpSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code influxdb} exporter (metrics): each batch becomes line protocol ({@link LineProtocol}),
 * cut into payloads of at most {@code payload_max_lines} lines and {@code payload_max_bytes}
 * bytes, each POSTed to the v1 or v2 write API. See the package comment.
 */
final class InfluxDbExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(InfluxDbExporter.class);
  private static final int ERROR_SNIPPET = 256;

  private final ComponentSettings settings;
  private final InfluxDbExporterConfig config;
  private final LineProtocol encoder;
  private final ExporterHelper<Metrics> helper;
  private final URI uri;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Compression compression;
  private final Object lifecycle = new Object();
  private volatile HttpClient client;
  private boolean started;
  private boolean stopped;

  InfluxDbExporter(ComponentSettings settings, InfluxDbExporterConfig config) {
    this.settings = settings;
    this.config = config;
    this.encoder = new LineProtocol(config.metricsSchema().equals(InfluxDbExporterConfig.SCHEMA_V2),
        config.precision().nanos());
    this.uri = config.writeUri();
    this.compression = config.client().effectiveCompression();
    config.client().headers().forEach((k, v) -> headers.put(k, v.reveal()));
    var v1 = config.v1Compatibility();
    if (v1.enabled()) {
      if (!v1.username().isEmpty() && !v1.password().isEmpty()) {
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (v1.username() + ":" + v1.password().reveal()).getBytes(StandardCharsets.UTF_8)));
      }
    } else if (!config.token().isEmpty()) {
      headers.put("Authorization", "Token " + config.token().reveal());
    }
    headers.put("Content-Type", "text/plain; charset=utf-8");
    if (compression != Compression.NONE) {
      headers.put("Content-Encoding", compression.encoding());
    }
    // as the Collector: the HTTP client's timeout bounds each request; no separate helper timeout
    this.helper = ExporterHelper.builder(settings, Signal.METRICS, this::push)
        .queue(config.sendingQueue())
        .retry(config.retryOnFailure())
        .timeout(new TimeoutConfig(Duration.ZERO))
        .build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    return signal == Signal.METRICS ? (Consumer<T>) helper : null;
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
      HttpClient c = HttpClients.create(config.client());
      client = c;
      try {
        helper.start(host);
      } catch (Exception | Error e) {
        c.close();
        throw e;
      }
      LOG.info("{} writing line protocol ({}) to {}", settings.describe(), config.metricsSchema(), redacted(uri));
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
    try {
      helper.shutdown(deadline);
    } finally {
      HttpClient c = client;
      client = null;
      if (c != null) {
        c.close();
      }
    }
  }

  void push(Context ctx, Metrics data, Deadline deadline) throws ConsumeException {
    HttpClient c = client;
    if (c == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    LineProtocol.Encoded e = encoder.encode(data, config.payloadMaxLines(), config.payloadMaxBytes());
    // a retry sends every payload again: InfluxDB keeps one value per series and time, so that is harmless
    for (byte[] payload : e.payloads()) {
      post(c, payload);
    }
    if (e.dropped() > 0) {
      throw new PermanentException("dropped " + e.dropped() + " metric points InfluxDB's Telegraf schemas cannot "
          + "carry (" + e.droppedDelta() + " of delta sums or histograms, " + e.droppedExponential()
          + " of exponential histograms; first: " + e.firstDropped() + "); make them cumulative before this exporter",
          null, e.dropped());
    }
  }

  /** Line protocol payloads of a batch, for tests. */
  LineProtocol.Encoded encode(Metrics data) {
    return encoder.encode(data, config.payloadMaxLines(), config.payloadMaxBytes());
  }

  /** One POST; 2xx is success, 5xx and 429 are retryable (with Retry-After), anything else permanent. */
  private void post(HttpClient c, byte[] body) throws ConsumeException {
    byte[] payload = Compressors.compress(compression, body, config.client().compressionParams().level());
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      rb.version(HttpClient.Version.HTTP_1_1);
    }
    if (!config.client().timeout().isZero()) {
      rb.timeout(config.client().timeout());
    }
    headers.forEach(rb::setHeader);
    String what = "POST " + redacted(uri);
    HttpResponse<InputStream> resp;
    byte[] answer;
    try {
      resp = c.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        answer = in.readNBytes(ERROR_SNIPPET);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new RetryableException(what + " interrupted", ex);
    } catch (IOException ex) {
      throw new RetryableException(what + " failed: " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage()), ex);
    }
    int status = resp.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String text = new String(answer, StandardCharsets.UTF_8).replaceAll("[\\r\\n\\t]", " ").strip();
    String message = what + " responded with HTTP " + status + (text.isEmpty() ? "" : ": " + text);
    if (status == 429 || status >= 500) {
      throw new RetryableException(message, null,
          HttpSender.retryAfter(resp.headers().firstValue("retry-after").orElse(null), Clock.systemUTC()), status == 429);
    }
    throw new PermanentException(message);
  }

  /** scheme://host:port/path: no query (it holds the org, bucket and db, harmless, but the rule is one). */
  private static String redacted(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }
}
