package dev.signalbox.service;

import dev.signalbox.component.StatusEvent;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service's own HTTP endpoint ({@code service.telemetry.metrics.address}, default
 * 127.0.0.1:8888): {@code /metrics} in the Prometheus text format, as the Collector serves it, and
 * {@code /status} (JSON: overall and per-pipeline health).
 */
public final class AdminServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  public static AdminServer start(String address, Service service) throws IOException {
    HttpServerConfig cfg = HttpServerConfig.defaults(address);
    HttpServer server = HttpServer.start(cfg, List.of(
        HttpRoute.get("/metrics", req -> HttpResponse.ok(PROMETHEUS_TEXT,
            service.metrics().renderPrometheusText().getBytes(StandardCharsets.UTF_8))),
        HttpRoute.get("/status", req -> HttpResponse.ok("application/json",
            statusJson(service).getBytes(StandardCharsets.UTF_8)))));
    return new AdminServer(server);
  }

  public int port() {
    return server.port();
  }

  static String statusJson(Service service) {
    StringBuilder sb = new StringBuilder("{\"overall\":");
    event(sb, service.health().overall());
    sb.append(",\"pipelines\":{");
    boolean first = true;
    for (Map.Entry<String, StatusEvent> e : service.health().pipelines().entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append('"').append(escape(e.getKey())).append("\":");
      event(sb, e.getValue());
    }
    return sb.append("}}").toString();
  }

  private static void event(StringBuilder sb, StatusEvent e) {
    sb.append("{\"status\":\"").append(e.status().name()).append('"');
    if (e.error() != null) {
      sb.append(",\"error\":\"").append(escape(e.error())).append('"');
    }
    sb.append(",\"since\":\"").append(e.time()).append("\"}");
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
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

  @Override
  public void close() {
    server.shutdown(Duration.ofSeconds(2));
  }
}
