package dev.signalbox.receiver.otlp;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.grpc.GrpcServerConfig;
import dev.signalbox.sdk.http.HttpServerConfig;

/**
 * Config of the {@code otlp} receiver, the Collector's layout: {@code protocols.grpc} and
 * {@code protocols.http}, each enabled by writing its key (even with no value).
 */
public record OtlpReceiverConfig(Protocols protocols) implements ComponentConfig {

  /**
   * @param grpc OTLP/gRPC server; endpoint {@code localhost:4317} by default
   * @param http OTLP/HTTP server; endpoint {@code localhost:4318} by default
   */
  public record Protocols(@Presence GrpcServerConfig grpc, @Presence Http http) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (grpc == null && http == null) {
        problems.error("must enable at least one protocol: write 'grpc:' or 'http:' under protocols");
      }
    }
  }

  /**
   * The HTTP protocol: the HTTP server keys plus the paths of each signal.
   *
   * @param tracesUrlPath {@code /v1/traces}
   * @param metricsUrlPath {@code /v1/metrics}
   * @param logsUrlPath {@code /v1/logs}
   * @param profilesUrlPath {@code /v1development/profiles}
   */
  public record Http(@Squash HttpServerConfig server, String tracesUrlPath, String metricsUrlPath,
      String logsUrlPath, String profilesUrlPath) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      String[][] paths = {{"traces_url_path", tracesUrlPath}, {"metrics_url_path", metricsUrlPath},
          {"logs_url_path", logsUrlPath}, {"profiles_url_path", profilesUrlPath}};
      java.util.Map<String, String> seen = new java.util.HashMap<>();
      for (String[] p : paths) {
        if (p[1] == null || p[1].isBlank()) {
          problems.error(p[0], "must not be empty");
          continue;
        }
        String prev = seen.putIfAbsent(normalize(p[1]), p[0]);
        if (prev != null) {
          problems.error(p[0], "is the same path as " + prev + " (" + normalize(p[1]) + ")");
        }
      }
    }
  }

  /** The Collector cleans paths and adds a leading slash. */
  static String normalize(String path) {
    String p = path.strip();
    return p.startsWith("/") ? p : "/" + p;
  }

  public static OtlpReceiverConfig defaults() {
    return new OtlpReceiverConfig(new Protocols(GrpcServerConfig.defaults("localhost:4317"),
        new Http(HttpServerConfig.defaults("localhost:4318"), "/v1/traces", "/v1/metrics", "/v1/logs",
            "/v1development/profiles")));
  }
}
