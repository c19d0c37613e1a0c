package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.config.Secret;
import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.pdata.Signal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one telemetrygen run does, checked. Built by {@link TelemetrygenCommand} from the command
 * line, or directly by tests and tools.
 *
 * @param signal traces, metrics or logs
 * @param endpoint {@code host:port}, or for HTTP a base URL ({@code http://host:port/prefix})
 * @param http OTLP/HTTP protobuf instead of gRPC
 * @param insecure plaintext (gRPC without TLS, {@code http://} for HTTP)
 * @param headers sent with every request
 * @param gzip gzip the requests
 * @param rate items per second in total; 0 = as fast as possible
 * @param duration how long to generate (ignored when {@code count > 0})
 * @param count items in total; 0 = use {@code duration}
 * @param workers concurrent senders, each with one request in flight
 * @param batchSize items per request
 * @param attributes extra attributes per span, log record or data point
 * @param attributeSize characters of each extra attribute's value
 * @param service {@code service.name} of the resource
 * @param seqStart the {@code seq} attribute of the first item
 * @param maxRetryTime how long a refused request is retried before its items count as failed
 * @param timeout the timeout of one request
 * @param progress interval of progress lines on stderr; 0 = none
 * @param reportFile where to write the JSON report, or null
 */
public record TelemetrygenOptions(
    Signal<?> signal,
    String endpoint,
    boolean http,
    boolean insecure,
    Map<String, Secret> headers,
    boolean gzip,
    double rate,
    Duration duration,
    long count,
    int workers,
    int batchSize,
    int attributes,
    int attributeSize,
    String service,
    long seqStart,
    Duration maxRetryTime,
    Duration timeout,
    Duration progress,
    Path reportFile) {

  public static final String DEFAULT_GRPC_ENDPOINT = "127.0.0.1:4317";
  public static final String DEFAULT_HTTP_ENDPOINT = "127.0.0.1:4318";
  /**
   * Four requests in flight: one worker waits for each answer, and on a busy 2-core machine a
   * round trip of 100 spans took 0.7-2ms, capping one worker at 50-150k spans/s; four reached
   * 400-500k spans/s (the Collector's telemetrygen defaults to one worker).
   */
  public static final int DEFAULT_WORKERS = 4;

  public TelemetrygenOptions {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(endpoint, "endpoint");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(maxRetryTime, "maxRetryTime");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(progress, "progress");
  }

  /** Defaults for {@code signal} over gRPC to 127.0.0.1:4317, plaintext, {@code count} items. */
  public static TelemetrygenOptions defaults(Signal<?> signal, long count) {
    return new TelemetrygenOptions(signal, DEFAULT_GRPC_ENDPOINT, false, true, Map.of(), false, 0, Duration.ZERO,
        count, DEFAULT_WORKERS, 100, 0, 16, "telemetrygen", 0, Duration.ofMinutes(5), Duration.ofSeconds(10),
        Duration.ofSeconds(1), null);
  }

  /** Every problem with these options, each naming its option; empty when they are usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (signal == Signal.PROFILES) {
      p.add("signal: expected traces, metrics or logs");
    }
    if (endpoint.isBlank()) {
      p.add("--otlp-endpoint: must not be empty");
    } else if (!http && endpoint.contains("/") && !endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      p.add("--otlp-endpoint: expected host:port for gRPC, got '" + endpoint + "'");
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      p.add("--rate: must be >= 0 (0 = as fast as possible), got " + rate);
    }
    if (count < 0) {
      p.add("--count: must be > 0, got " + count);
    }
    if (count == 0 && !duration.isPositive()) {
      p.add("--duration or --count: one is required (e.g. --duration 10s or --count 100000)");
    }
    if (workers < 1) {
      p.add("--workers: must be >= 1, got " + workers);
    }
    if (batchSize < 1) {
      p.add("--batch-size: must be >= 1, got " + batchSize);
    }
    if (attributes < 0) {
      p.add("--attributes: must be >= 0, got " + attributes);
    }
    if (attributeSize < 1) {
      p.add("--attribute-size: must be >= 1, got " + attributeSize);
    }
    if (seqStart < 0) {
      p.add("--seq-start: must be >= 0, got " + seqStart);
    }
    if (maxRetryTime.isNegative()) {
      p.add("--max-retry-time: must be >= 0, got " + maxRetryTime);
    }
    if (!timeout.isPositive()) {
      p.add("--timeout: must be > 0, got " + timeout);
    }
    if (progress.isNegative()) {
      p.add("--progress: must be >= 0 (0 = none), got " + progress);
    }
    return p;
  }

  /** The URL for OTLP/HTTP: the endpoint (with a scheme from {@code insecure} when it has none) plus the signal's path. */
  public String httpUrl() {
    String base = endpoint.strip();
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      base = (insecure ? "http://" : "https://") + base;
    }
    String path = OtlpRoutes.httpPath(signal);
    return base.endsWith("/") ? base + path.substring(1) : base + path;
  }

  /** "grpc" or "http". */
  public String transport() {
    return http ? "http" : "grpc";
  }

  public boolean countMode() {
    return count > 0;
  }

  // ---- command-line helpers ------------------------------------------------------------------

  /** The default endpoint of a transport. */
  static String defaultEndpoint(boolean http) {
    return http ? DEFAULT_HTTP_ENDPOINT : DEFAULT_GRPC_ENDPOINT;
  }

  /**
   * Whether the endpoint's host is a loopback address (127.0.0.0/8, ::1, localhost): then plaintext
   * is the default, as a load generator usually talks to a collector on the same machine.
   */
  static boolean isLoopback(String endpoint) {
    String e = endpoint.strip();
    String host;
    try {
      if (e.startsWith("http://") || e.startsWith("https://")) {
        host = URI.create(e).getHost();
      } else {
        int colon = e.lastIndexOf(':');
        host = colon < 0 ? e : e.substring(0, colon);
      }
    } catch (IllegalArgumentException ex) {
      return false;
    }
    if (host == null) {
      return false;
    }
    host = host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    if (host.equals("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false; // a name: do not resolve it just to choose a default
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException ex) {
      return false;
    }
  }

  /** {@code k=v} pairs (values may be quoted) as headers; throws IllegalArgumentException naming the bad one. */
  static Map<String, Secret> parseHeaders(List<String> pairs) {
    Map<String, Secret> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--otlp-header: expected key=value, got '" + pair + "'");
      }
      String v = pair.substring(eq + 1);
      if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
        v = v.substring(1, v.length() - 1);
      }
      out.put(pair.substring(0, eq).strip(), Secret.of(v));
    }
    return out;
  }
}
