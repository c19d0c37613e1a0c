package dev.signalbox.receiver.otlp;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.RetryableException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.sdk.grpc.GrpcServer;
import dev.signalbox.sdk.grpc.GrpcStatusException;
import dev.signalbox.sdk.grpc.RpcStatus;
import dev.signalbox.sdk.http.HttpRequest;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.otlp.OtlpCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.telemetry.Meter;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One OTLP receiver: a gRPC server and/or an HTTP server feeding every signal it is used with. */
final class OtlpReceiver implements Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpReceiver.class);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  private static final Map<Signal<?>, String> GRPC_METHODS = Map.of(
      Signal.TRACES, "opentelemetry.proto.collector.trace.v1.TraceService/Export",
      Signal.METRICS, "opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
      Signal.LOGS, "opentelemetry.proto.collector.logs.v1.LogsService/Export",
      Signal.PROFILES, "opentelemetry.proto.collector.profiles.v1development.ProfilesService/Export");

  private final ComponentSettings settings;
  private final OtlpReceiverConfig config;
  private final Consumers next;
  private final Meter meter;
  private final Map<String, Meter.Counter> refusedRequests = new ConcurrentHashMap<>();
  private GrpcServer grpc;
  private HttpServer http;

  OtlpReceiver(ComponentSettings settings, OtlpReceiverConfig config, Consumers next) {
    this.settings = settings;
    this.config = config;
    this.next = next;
    this.meter = settings.meter();
  }

  @Override
  public synchronized void start(Host host) throws Exception {
    var protocols = config.protocols();
    try {
      if (protocols.grpc() != null) {
        GrpcServer.Builder b = GrpcServer.builder(protocols.grpc())
            .rejections((method, reason) -> countRefused("grpc", reason));
        for (Signal<?> s : next.signals()) {
          registerGrpc(b, s);
        }
        grpc = b.start();
      }
      if (protocols.http() != null) {
        var h = protocols.http();
        List<HttpRoute> routes = new ArrayList<>();
        addRoute(routes, Signal.TRACES, h.tracesUrlPath());
        addRoute(routes, Signal.METRICS, h.metricsUrlPath());
        addRoute(routes, Signal.LOGS, h.logsUrlPath());
        addRoute(routes, Signal.PROFILES, h.profilesUrlPath());
        http = HttpServer.start(h.server(), routes, (path, status, reason) -> countRefused("http", reasonOf(status)));
      }
    } catch (Exception e) {
      shutdown(Deadline.in(Duration.ofSeconds(5)));
      throw e;
    }
  }

  /** The bound gRPC port (for tests with port 0), or -1. */
  int grpcPort() {
    return grpc == null ? -1 : grpc.port();
  }

  /** The bound HTTP port, or -1. */
  int httpPort() {
    return http == null ? -1 : http.port();
  }

  private <T extends Telemetry> void registerGrpc(GrpcServer.Builder b, Signal<T> signal) {
    Consumer<T> consumer = next.get(signal);
    b.addUnary(GRPC_METHODS.get(signal), (ctx, request) -> {
      if (MemoryPressure.refusing()) {
        countRefused("grpc", "memory_limit");
        throw MemoryPressure.refusal();
      }
      T data;
      try {
        data = OtlpProtoCodec.INSTANCE.decode(signal, request, 0, request.length);
      } catch (MalformedDataException e) {
        countRefused("grpc", "malformed");
        throw new GrpcStatusException(Status.Code.INVALID_ARGUMENT, "invalid OTLP " + signal + " request: "
            + e.getMessage());
      }
      consumer.consume(ctx, data);
      return OtlpProtoCodec.INSTANCE.encodeResponse(signal, PartialSuccess.NONE);
    });
  }

  private <T extends Telemetry> void addRoute(List<HttpRoute> routes, Signal<T> signal, String path) {
    Consumer<T> consumer = next.get(signal);
    if (consumer == null) {
      return;
    }
    routes.add(HttpRoute.post(OtlpReceiverConfig.normalize(path), req -> handleHttp(signal, consumer, req))
        .withErrors(OtlpReceiver::httpError));
  }

  private <T extends Telemetry> HttpResponse handleHttp(Signal<T> signal, Consumer<T> consumer, HttpRequest req) {
    String contentType = req.header("Content-Type");
    OtlpCodec codec = OtlpCodec.forContentType(contentType).orElse(null);
    if (codec == null) {
      countRefused("http", "unsupported_media_type");
      return HttpResponse.text(415, "415 unsupported media type, supported: [application/json, application/x-protobuf]");
    }
    if (signal == Signal.PROFILES && codec != OtlpCodec.proto()) {
      countRefused("http", "unsupported_media_type");
      return error(codec, 415, Status.Code.INVALID_ARGUMENT.value(),
          "profiles are accepted as application/x-protobuf only", null);
    }
    if (MemoryPressure.refusing()) {
      countRefused("http", "memory_limit");
      RetryableException r = MemoryPressure.refusal();
      return error(codec, 429, Status.Code.RESOURCE_EXHAUSTED.value(), r.getMessage(), retryAfter(r));
    }
    byte[] body = req.body();
    T data;
    try {
      data = codec.decode(signal, body, 0, body.length);
    } catch (MalformedDataException e) {
      countRefused("http", "malformed");
      return error(codec, 400, Status.Code.INVALID_ARGUMENT.value(),
          "invalid OTLP " + signal + " request: " + e.getMessage(), null);
    }
    try {
      consumer.consume(req.context(), data);
    } catch (RetryableException e) {
      int status = e.resourceExhausted() ? 429 : 503;
      int code = e.resourceExhausted() ? Status.Code.RESOURCE_EXHAUSTED.value() : Status.Code.UNAVAILABLE.value();
      return error(codec, status, code, e.getMessage(), retryAfter(e));
    } catch (PermanentException e) {
      return error(codec, 400, Status.Code.INVALID_ARGUMENT.value(), e.getMessage(), null);
    } catch (ConsumeException e) {
      return error(codec, 500, Status.Code.INTERNAL.value(), e.getMessage(), null);
    }
    return HttpResponse.ok(codec.contentType(), codec.encodeResponse(signal, PartialSuccess.NONE));
  }

  private static Duration retryAfter(RetryableException e) {
    return e.retryAfter() != null ? e.retryAfter() : DEFAULT_RETRY_AFTER;
  }

  /**
   * An error the HTTP server answers for an OTLP route before or around the handler (oversized or
   * undecompressable body, wrong method, memory budget, timeout): a google.rpc.Status, as OTLP/HTTP
   * requires of every 4xx and 5xx body, in the request's encoding (protobuf when it is not JSON).
   */
  private static HttpResponse httpError(int httpStatus, String message, String requestContentType) {
    OtlpCodec codec = OtlpCodec.forContentType(requestContentType).orElse(OtlpCodec.proto());
    Status.Code code = switch (httpStatus) {
      case 404 -> Status.Code.NOT_FOUND;
      case 405 -> Status.Code.UNIMPLEMENTED;
      case 408 -> Status.Code.DEADLINE_EXCEEDED;
      case 413, 429 -> Status.Code.RESOURCE_EXHAUSTED;
      case 503 -> Status.Code.UNAVAILABLE;
      default -> httpStatus >= 500 ? Status.Code.INTERNAL : Status.Code.INVALID_ARGUMENT;
    };
    return error(codec, httpStatus, code.value(), message, null);
  }

  /** An OTLP/HTTP error: a google.rpc.Status body in the request's encoding. */
  private static HttpResponse error(OtlpCodec codec, int httpStatus, int grpcCode, String message, Duration retryAfter) {
    String msg = message == null ? "" : message;
    byte[] body;
    if (codec == OtlpCodec.proto()) {
      body = new RpcStatus(grpcCode, msg, null).toByteArray();
    } else {
      body = ("{\"code\":" + grpcCode + ",\"message\":\"" + jsonEscape(msg) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
    HttpResponse r = HttpResponse.of(httpStatus, codec.contentType(), body);
    return retryAfter == null ? r : r.withRetryAfter(retryAfter);
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static String reasonOf(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 429 -> "memory_limit";
      default -> "bad_request";
    };
  }

  private void countRefused(String transport, String reason) {
    refusedRequests.computeIfAbsent(transport + "/" + reason, k -> meter.counter("otelcol_receiver_refused_requests",
        "Requests refused before their data reached the pipeline", "transport", transport, "reason", reason)).inc();
    LOG.debug("receiver {}: refused a {} request: {}", settings.id(), transport, reason);
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    if (http != null) {
      http.shutdown(deadline.remaining());
      http = null;
    }
    if (grpc != null) {
      grpc.shutdown(deadline.remaining());
      grpc = null;
    }
  }
}
