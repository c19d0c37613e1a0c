package dev.signalbox.benchmarks.e2e;

import dev.signalbox.pdata.Signal;
import java.util.List;
import java.util.Locale;

/**
 * A pipeline under test: OTLP receiver (gRPC or HTTP) → {@code batch} (defaults) → OTLP exporter
 * ({@code otlp} over gRPC or {@code otlphttp}) to a {@link CountingSink}, for one signal; and the
 * telemetrygen arguments that feed it. Other benchmarks (Kafka, remote write, persistent queue) can
 * write their own configs and use {@link SignalboxUnderTest}, {@link TelemetrygenRun} and
 * {@link Window} the same way.
 *
 * @param signal traces, metrics or logs
 * @param http OTLP/HTTP in and out instead of gRPC
 */
public record Pipeline(Signal<?> signal, boolean http) {

  /** The six pipelines of the core benchmark, in report order. */
  public static final List<Pipeline> ALL = List.of(
      new Pipeline(Signal.TRACES, false), new Pipeline(Signal.TRACES, true),
      new Pipeline(Signal.METRICS, false), new Pipeline(Signal.METRICS, true),
      new Pipeline(Signal.LOGS, false), new Pipeline(Signal.LOGS, true));

  /** {@code traces-grpc}, {@code logs-http}, ... */
  public String name() {
    return signal.name() + "-" + (http ? "http" : "grpc");
  }

  /** The pipeline named {@code traces-grpc} etc. */
  public static Pipeline named(String name) {
    for (Pipeline p : ALL) {
      if (p.name().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown pipeline '" + name + "'; known: "
        + ALL.stream().map(Pipeline::name).toList());
  }

  /**
   * The Signalbox configuration: the receiver on {@code 127.0.0.1:receiverPort}, the exporter to
   * {@code sink}.
   *
   * @param compression the exporter's {@code compression}, or null to keep its default (gzip)
   */
  public String signalboxConfig(int receiverPort, CountingSink sink, String compression) {
    String comp = compression == null ? "" : "\n    compression: " + compression;
    String receiver = http
        ? "      http:\n        endpoint: 127.0.0.1:" + receiverPort + "\n"
        : "      grpc:\n        endpoint: 127.0.0.1:" + receiverPort + "\n";
    String exporter = http
        ? "  otlphttp:\n    endpoint: " + sink.httpEndpoint() + comp + "\n"
        : "  otlp:\n    endpoint: " + sink.grpcEndpoint() + "\n    tls:\n      insecure: true" + comp + "\n";
    return "receivers:\n  otlp:\n    protocols:\n" + receiver
        + "processors:\n  batch:\n"
        + "exporters:\n" + exporter
        + "service:\n  pipelines:\n    " + signal.name() + ":\n      receivers: [otlp]\n      processors: [batch]\n"
        + "      exporters: [" + (http ? "otlphttp" : "otlp") + "]\n";
  }

  /** telemetrygen's arguments to send {@code signal} to the receiver; {@code loadArgs} are appended. */
  public List<String> telemetrygenArgs(int receiverPort, List<String> loadArgs) {
    List<String> a = new java.util.ArrayList<>();
    a.add(signal.name());
    if (http) {
      a.add("--otlp-http");
      a.add("--otlp-endpoint");
      a.add("http://127.0.0.1:" + receiverPort);
    } else {
      a.add("--otlp-endpoint");
      a.add("127.0.0.1:" + receiverPort);
    }
    a.addAll(loadArgs);
    return a;
  }
}
