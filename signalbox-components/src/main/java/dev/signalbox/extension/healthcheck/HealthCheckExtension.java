package dev.signalbox.extension.healthcheck;

import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Extension;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Host;
import dev.signalbox.component.StatusEvent;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answers health checks: 200 while every pipeline is healthy, 503 while the service is starting or
 * stopping, or when a pipeline has a component in permanent error, or in recoverable error for
 * longer than {@code component_health.recovery_duration}.
 */
final class HealthCheckExtension implements Extension {
  private final HealthCheckExtensionConfig config;
  private final Clock clock;
  private final Instant upSince;
  private HttpServer server;
  private HealthView health;

  HealthCheckExtension(HealthCheckExtensionConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.upSince = clock.instant();
  }

  @Override
  public synchronized void start(Host host) throws Exception {
    this.health = host.health();
    server = HttpServer.start(config.server(), List.of(HttpRoute.get(config.path(), req -> answer())));
  }

  int port() {
    return server.port();
  }

  HttpResponse answer() {
    String problem = problem();
    boolean healthy = problem == null;
    var rb = config.responseBody();
    if (rb != null && !(healthy ? rb.healthy() : rb.unhealthy()).isEmpty()) {
      return HttpResponse.of(healthy ? 200 : 503, "text/plain; charset=utf-8",
          (healthy ? rb.healthy() : rb.unhealthy()).getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder sb = new StringBuilder("{\"status\":\"")
        .append(healthy ? "Server available" : "Server not available").append('"')
        .append(",\"upSince\":\"").append(upSince).append('"')
        .append(",\"uptime\":\"").append(Duration.between(upSince, clock.instant()).toSeconds()).append("s\"");
    if (problem != null) {
      sb.append(",\"reason\":\"").append(escape(problem)).append('"');
    }
    sb.append(",\"pipelines\":{");
    boolean first = true;
    for (Map.Entry<String, StatusEvent> e : health.pipelines().entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      StatusEvent ev = e.getValue();
      sb.append('"').append(escape(e.getKey())).append("\":{\"status\":\"").append(ev.status().name()).append('"');
      if (ev.error() != null) {
        sb.append(",\"error\":\"").append(escape(ev.error())).append('"');
      }
      sb.append('}');
    }
    sb.append("}}");
    return HttpResponse.of(healthy ? 200 : 503, "application/json", sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Why the service is unhealthy, or null when it is healthy. */
  String problem() {
    var cfg = config.componentHealth();
    Instant now = clock.instant();
    for (Map.Entry<String, StatusEvent> e : health.pipelines().entrySet()) {
      StatusEvent ev = e.getValue();
      String where = "pipeline " + e.getKey() + ": ";
      switch (ev.status()) {
        case STARTING, STOPPING, STOPPED -> {
          return where + ev.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        case FATAL_ERROR -> {
          return where + ev.error();
        }
        case PERMANENT_ERROR -> {
          if (cfg.includePermanentErrors()) {
            return where + ev.error();
          }
        }
        case RECOVERABLE_ERROR -> {
          if (cfg.includeRecoverableErrors()
              && !Duration.between(ev.time(), now).minus(cfg.recoveryDuration()).isNegative()) {
            return where + ev.error() + " (failing since " + ev.time() + ")";
          }
        }
        case OK -> { }
      }
    }
    return health.pipelines().isEmpty() && health.overall().status() != ComponentStatus.OK ? "starting" : null;
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public synchronized void shutdown(Deadline deadline) {
    if (server != null) {
      server.shutdown(deadline.remaining());
      server = null;
    }
  }
}
