package dev.signalbox.receiver.zipkin;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.sdk.http.HttpRequest;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.telemetry.Meter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** The zipkin receiver: one HTTP server with the v1 and v2 span routes, feeding traces. */
final class ZipkinReceiver implements Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(ZipkinReceiver.class);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  static final String V1_PATH = "/api/v1/spans";
  static final String V2_PATH = "/api/v2/spans";
  /** How much of a decoder message is quoted back. */
  private static final int MAX_MESSAGE = 300;

  private final ComponentSettings settings;
  private final ZipkinReceiverConfig config;
  private final Consumer<Traces> next;
  private final ZipkinToOtlp translator;
  private final Meter meter;
  private final Map<String, Meter.Counter> refusedRequests = new ConcurrentHashMap<>();
  private HttpServer server;

  ZipkinReceiver(ComponentSettings settings, ZipkinReceiverConfig config, Consumers next) {
    this.settings = settings;
    this.config = config;
    this.next = next.get(Signal.TRACES);
    this.translator = new ZipkinToOtlp(config.parseStringTags());
    this.meter = settings.meter();
  }

  @Override
  public synchronized void start(Host host) throws Exception {
    if (next == null) {
      return; // used in no traces pipeline
    }
    server = HttpServer.start(config.server(), List.of(
            HttpRoute.post(V1_PATH, req -> handle(req, true)),
            HttpRoute.post(V2_PATH, req -> handle(req, false))),
        (path, status, reason) -> countRefused(reasonOf(status)));
    LOG.info("{} listening on {}", settings.describe(), server.localAddress());
  }

  /** The bound port (tests with port 0), or -1. */
  int port() {
    return server == null ? -1 : server.port();
  }

  private HttpResponse handle(HttpRequest req, boolean v1) {
    SpanBytesDecoder decoder = decoder(req.mediaType(), v1);
    if (decoder == null) {
      countRefused("unsupported_media_type");
      return HttpResponse.text(415, "415 unsupported media type \"" + req.mediaType() + "\" for " + req.path()
          + ", supported: " + (v1 ? "application/json, application/x-thrift" : "application/json, application/x-protobuf"));
    }
    if (MemoryPressure.refusing()) {
      countRefused("memory_limit");
      RetryableException r = MemoryPressure.refusal();
      return HttpResponse.text(429, r.getMessage()).withRetryAfter(retryAfter(r));
    }
    byte[] body = req.body();
    if (body.length == 0) {
      countRefused("malformed");
      return HttpResponse.text(400, "invalid Zipkin request: the body is empty (send a list of spans, e.g. [])");
    }
    List<Span> spans;
    try {
      spans = decoder.decodeList(body);
    } catch (RuntimeException e) {
      countRefused("malformed");
      return HttpResponse.text(400, "invalid Zipkin " + describe(decoder) + " request: " + message(e));
    }
    if (spans.isEmpty()) {
      return HttpResponse.empty(202);
    }
    Traces data;
    try {
      data = translator.translate(spans);
    } catch (RuntimeException e) {
      countRefused("malformed");
      return HttpResponse.text(400, "invalid Zipkin spans: " + message(e));
    }
    try {
      next.consume(req.context(), data);
    } catch (RetryableException e) {
      return HttpResponse.text(e.resourceExhausted() ? 429 : 503, e.getMessage()).withRetryAfter(retryAfter(e));
    } catch (PermanentException e) {
      return HttpResponse.text(400, e.getMessage());
    } catch (ConsumeException e) {
      return HttpResponse.text(500, e.getMessage());
    }
    return HttpResponse.empty(202);
  }

  /** v2: proto3 for protobuf, JSON otherwise; v1: Thrift for thrift, JSON otherwise (as the Collector). */
  private static SpanBytesDecoder decoder(String mediaType, boolean v1) {
    return switch (mediaType) {
      case "application/x-protobuf", "application/protobuf" -> v1 ? null : SpanBytesDecoder.PROTO3;
      case "application/x-thrift", "application/vnd.apache.thrift.binary" -> v1 ? SpanBytesDecoder.THRIFT : null;
      default -> v1 ? SpanBytesDecoder.JSON_V1 : SpanBytesDecoder.JSON_V2;
    };
  }

  private static String describe(SpanBytesDecoder d) {
    return switch (d) {
      case JSON_V1 -> "v1 JSON";
      case THRIFT -> "v1 Thrift";
      case JSON_V2 -> "v2 JSON";
      case PROTO3 -> "v2 proto3";
    };
  }

  /** The decoder's message and its cause's (Zipkin's say what and where: "traceId should be ..."). */
  private static String message(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < MAX_MESSAGE; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
        sb.append(sb.isEmpty() ? "" : ": ").append(m);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String s = sb.isEmpty() ? e.getClass().getSimpleName() : sb.toString();
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
  }

  private static Duration retryAfter(RetryableException e) {
    return e.retryAfter() != null ? e.retryAfter() : DEFAULT_RETRY_AFTER;
  }

  private static String reasonOf(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> "bad_request";
    };
  }

  private void countRefused(String reason) {
    refusedRequests.computeIfAbsent(reason, k -> meter.counter("otelcol_receiver_refused_requests",
        "Requests refused before their data reached the pipeline", "transport", "http", "reason", reason)).inc();
    LOG.debug("receiver {}: refused a request: {}", settings.id(), reason);
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    if (server != null) {
      server.shutdown(deadline.remaining());
      server = null;
    }
  }
}
