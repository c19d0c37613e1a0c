package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.pdata.Signal;

/**
 * Where each signal goes in OTLP: the gRPC method and the HTTP path of its {@code Export} call, as
 * the OTLP specification names them (profiles are still {@code v1development}).
 */
public final class OtlpRoutes {
  public static final String TRACES_METHOD = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  public static final String METRICS_METHOD = "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
  public static final String LOGS_METHOD = "opentelemetry.proto.collector.logs.v1.LogsService/Export";
  public static final String PROFILES_METHOD =
      "opentelemetry.proto.collector.profiles.v1development.ProfilesService/Export";

  private OtlpRoutes() {}

  /** The full gRPC method name of {@code signal}'s {@code Export}. */
  public static String grpcMethod(Signal<?> signal) {
    if (signal == Signal.TRACES) {
      return TRACES_METHOD;
    } else if (signal == Signal.METRICS) {
      return METRICS_METHOD;
    } else if (signal == Signal.LOGS) {
      return LOGS_METHOD;
    }
    return PROFILES_METHOD;
  }

  /** The OTLP/HTTP path of {@code signal}: {@code /v1/traces}, ..., {@code /v1development/profiles}. */
  public static String httpPath(Signal<?> signal) {
    return signal == Signal.PROFILES ? "/v1development/profiles" : "/v1/" + signal.name();
  }
}
