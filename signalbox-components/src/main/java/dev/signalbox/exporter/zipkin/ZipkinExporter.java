package dev.signalbox.exporter.zipkin;

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
import dev.signalbox.exporter.zipkin.ZipkinExporterConfig.Format;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The {@code zipkin} exporter: one HTTP client, one exporter helper for traces. A push translates
 * the batch (see {@link OtlpToZipkin}) and POSTs it in one request.
 */
final class ZipkinExporter implements Exporter {
  /** How much of a response body is read (for error messages). */
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ZipkinExporter.class);

  private final ComponentSettings settings;
  private final ZipkinExporterConfig config;
  private final OtlpToZipkin translator;
  private final URI uri;
  private final ExporterHelper<Traces> helper;
  private final Object lifecycle = new Object();
  private volatile HttpSender poster;
  private boolean started;
  private boolean stopped;

  ZipkinExporter(ComponentSettings settings, ZipkinExporterConfig config) {
    this.settings = settings;
    this.config = config;
    this.translator = new OtlpToZipkin(config.defaultServiceName());
    try {
      this.uri = URI.create(config.client().endpoint().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(settings.kind().section() + "." + settings.id() + ".endpoint: invalid URL", e);
    }
    // As the Collector: no helper timeout, the HTTP client's timeout bounds each request.
    this.helper = ExporterHelper.builder(settings, Signal.TRACES, this::push)
        .queue(config.sendingQueue())
        .retry(config.retryOnFailure())
        .timeout(new TimeoutConfig(Duration.ZERO))
        .build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    if (signal != Signal.TRACES) {
      throw new IllegalArgumentException("the zipkin exporter sends traces only, not " + signal);
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
      LOG.info("{} sending Zipkin v2 {} to {}://{}:{}{}", settings.describe(),
          config.format() == Format.PROTO ? "proto3" : "JSON", uri.getScheme(), uri.getHost(), uri.getPort(),
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

  private void push(Context ctx, Traces data, Deadline deadline) throws ConsumeException {
    HttpSender p = poster;
    if (p == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    OtlpToZipkin.Result r = translator.translate(data);
    if (!r.spans().isEmpty()) {
      byte[] body;
      String contentType;
      if (config.format() == Format.PROTO) {
        body = SpanBytesEncoder.PROTO3.encodeList(r.spans());
        contentType = "application/x-protobuf";
      } else {
        body = SpanBytesEncoder.JSON_V2.encodeList(r.spans());
        contentType = "application/json";
      }
      p.send("POST", uri, contentType, body, java.util.Map.of(), MAX_RESPONSE_BYTES);
    }
    if (r.invalid() > 0) {
      throw new PermanentException("cannot translate " + r.invalid() + " span(s) to Zipkin: " + r.firstProblem(),
          null, r.invalid());
    }
  }
}
