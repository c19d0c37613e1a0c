package dev.signalbox.service.config;

import java.util.Map;
import java.util.Objects;

/**
 * {@code service.telemetry}: how Signalbox logs and exposes its own metrics.
 *
 * <pre>
 * service:
 *   telemetry:
 *     logs: {level: info, encoding: console}         # debug|info|warn|error, console|json
 *     metrics:
 *       level: normal                                # none|basic|normal|detailed
 *       address: 127.0.0.1:8888                      # or the Collector's readers form:
 *       # readers: [{pull: {exporter: {prometheus: {host: 127.0.0.1, port: 8888}}}}]
 *     resource: {service.instance.id: abc}           # attributes of the self-telemetry resource
 * </pre>
 *
 * The default metrics address is {@value #DEFAULT_METRICS_ADDRESS}; the Collector's is
 * {@code localhost:8888}, which some resolvers map to {@code ::1} only.
 *
 * @param resource attributes added to the self-telemetry resource, in the order written
 */
public record TelemetrySettings(Logs logs, Metrics metrics, Map<String, String> resource) {
  public static final String DEFAULT_METRICS_ADDRESS = "127.0.0.1:8888";

  public TelemetrySettings {
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(metrics, "metrics");
    resource = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resource));
  }

  public static TelemetrySettings defaults() {
    return new TelemetrySettings(Logs.defaults(), Metrics.defaults(), Map.of());
  }

  /** {@code service.telemetry.logs}. */
  public record Logs(LogLevel level, LogEncoding encoding) {
    public Logs {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(encoding, "encoding");
    }

    public static Logs defaults() {
      return new Logs(LogLevel.INFO, LogEncoding.CONSOLE);
    }
  }

  /**
   * {@code service.telemetry.metrics}.
   *
   * @param address the {@code host:port} the Prometheus scrape endpoint (admin server) listens on;
   *     not opened when {@code level} is {@link MetricsLevel#NONE}
   */
  public record Metrics(MetricsLevel level, String address) {
    public Metrics {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(address, "address");
    }

    public static Metrics defaults() {
      return new Metrics(MetricsLevel.NORMAL, DEFAULT_METRICS_ADDRESS);
    }
  }

  public enum LogLevel { DEBUG, INFO, WARN, ERROR }

  public enum LogEncoding { CONSOLE, JSON }

  /** How many self-metrics to record, as the Collector's levels. */
  public enum MetricsLevel { NONE, BASIC, NORMAL, DETAILED }
}
