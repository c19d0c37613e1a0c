package dev.signalbox.exporter.httpcommon;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.http.HttpSender;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exporter of one signal that POSTs each batch to one HTTP endpoint through the exporter helper
 * (queue, retry; as the Collector, no helper timeout: the HTTP client's timeout bounds each
 * request). This class owns the lifecycle (the client is created at start and closed after the
 * helper drained at shutdown); a subclass writes only {@link #push}.
 *
 * @param <T> the signal's data type
 */
public abstract class HttpPushExporter<T extends Telemetry> implements Exporter {
  /** How much of a response body is read (for error messages). */
  protected static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(HttpPushExporter.class);

  protected final ComponentSettings settings;
  /** The endpoint, parsed. */
  protected final URI uri;
  private final Signal<T> signal;
  private final HttpClientConfig client;
  private final ExporterHelper<T> helper;
  private final Object lifecycle = new Object();
  private volatile HttpSender sender;
  private boolean started;
  private boolean stopped;

  /**
   * @param client the HTTP client keys; {@code client.endpoint()} is where batches go
   * @throws IllegalArgumentException when the endpoint is not a URL (naming the key)
   */
  protected HttpPushExporter(ComponentSettings settings, Signal<T> signal, HttpClientConfig client,
      QueueConfig sendingQueue, RetryConfig retryOnFailure) {
    this(settings, signal, client, sendingQueue, retryOnFailure, new TimeoutConfig(Duration.ZERO),
        Capabilities.NON_MUTATING);
  }

  /**
   * As above, with the exporter helper's {@code timeout} per attempt, and what the exporter's
   * consumer declares ({@code capabilities}: native formats it handles, say).
   */
  protected HttpPushExporter(ComponentSettings settings, Signal<T> signal, HttpClientConfig client,
      QueueConfig sendingQueue, RetryConfig retryOnFailure, TimeoutConfig timeout, Capabilities capabilities) {
    this.settings = settings;
    this.signal = signal;
    this.client = client;
    try {
      this.uri = URI.create(client.endpoint().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(settings.kind().section() + "." + settings.id() + ".endpoint: invalid URL", e);
    }
    this.helper = ExporterHelper.builder(settings, signal, this::pushWithSender)
        .capabilities(capabilities)
        .queue(sendingQueue)
        .retry(retryOnFailure)
        .timeout(timeout)
        .build();
  }

  /**
   * Sends one batch with {@code sender} (429 and 5xx are retryable, other 4xx permanent). Throws
   * {@link RetryableException} to have the helper retry it, a {@code PermanentException} to drop
   * (part of) it.
   */
  protected abstract void push(Context ctx, T data, Deadline deadline, HttpSender sender) throws ConsumeException;

  /** What the start log line says is sent, e.g. "Zipkin v2 JSON". */
  protected abstract String sending();

  @Override
  @SuppressWarnings("unchecked")
  public final <S extends Telemetry> Consumer<S> consumer(Signal<S> s) {
    if (s != signal) {
      throw new IllegalArgumentException("the " + settings.id().type() + " exporter sends " + signal + " only, not " + s);
    }
    return (Consumer<S>) helper;
  }

  @Override
  public final void start(Host host) throws Exception {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException(settings.describe() + " was already started");
      }
      started = true;
      if (stopped) {
        return;
      }
      HttpSender s = HttpSender.create(client, HttpSender.RetryableStatuses.TOO_MANY_REQUESTS_AND_5XX);
      try {
        helper.start(host);
      } catch (Exception | Error e) {
        s.client().close();
        throw e;
      }
      sender = s;
      LOG.info("{} sending {} to {}://{}:{}{}", settings.describe(), sending(), uri.getScheme(), uri.getHost(),
          uri.getPort(), uri.getRawPath());
    }
  }

  @Override
  public final void shutdown(Deadline deadline) {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    try {
      helper.shutdown(deadline);
    } finally {
      HttpSender s = sender;
      sender = null;
      if (s != null) {
        s.client().close();
      }
      stopped();
    }
  }

  /** Called once at shutdown, after the queue drained and the client closed: for a subclass's own resources. */
  protected void stopped() {}

  private void pushWithSender(Context ctx, T data, Deadline deadline) throws ConsumeException {
    HttpSender s = sender;
    if (s == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    push(ctx, data, deadline, s);
  }
}
