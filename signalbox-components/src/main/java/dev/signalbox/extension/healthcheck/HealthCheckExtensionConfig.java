package dev.signalbox.extension.healthcheck;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.http.HttpServerConfig;
import java.time.Duration;

/**
 * Config of the {@code health_check} extension: the Collector's health_check keys ({@code endpoint}
 * and the other HTTP server keys, {@code path}, {@code response_body}, {@code
 * check_collector_pipeline}) plus healthcheckv2's {@code component_health}, which decides when
 * failing pipelines make the process unhealthy.
 *
 * @param server the HTTP server; endpoint {@code localhost:13133} by default
 * @param path the path answering health checks ("/")
 * @param responseBody fixed bodies for healthy and unhealthy answers (absent: a JSON status document)
 * @param checkCollectorPipeline accepted for compatibility with the Collector's deprecated block;
 *     pipeline health is always checked here, as {@code component_health} says
 * @param componentHealth which component errors make the answer unhealthy
 */
public record HealthCheckExtensionConfig(
    @Squash HttpServerConfig server,
    String path,
    @Presence ResponseBody responseBody,
    CheckCollectorPipeline checkCollectorPipeline,
    ComponentHealth componentHealth) implements ComponentConfig {

  /** Bodies sent instead of the JSON document. */
  public record ResponseBody(String healthy, String unhealthy) implements ConfigBlock {}

  /** The Collector's deprecated pipeline check; accepted, not needed. */
  public record CheckCollectorPipeline(boolean enabled, Duration interval, String exporterFailureThreshold)
      implements ConfigBlock {}

  /**
   * @param includePermanentErrors a component in permanent error makes the process unhealthy (true)
   * @param includeRecoverableErrors a recoverable error lasting {@code recovery_duration} makes the
   *     process unhealthy (true)
   * @param recoveryDuration how long a recoverable error may last before it counts (5m)
   */
  public record ComponentHealth(boolean includePermanentErrors, boolean includeRecoverableErrors,
      Duration recoveryDuration) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (recoveryDuration.isNegative()) {
        problems.error("recovery_duration", "must not be negative");
      }
    }
  }

  public static HealthCheckExtensionConfig defaults() {
    return new HealthCheckExtensionConfig(HttpServerConfig.defaults("localhost:13133"), "/",
        new ResponseBody("", ""), new CheckCollectorPipeline(false, Duration.ofMinutes(5), "5"),
        new ComponentHealth(true, true, Duration.ofMinutes(5)));
  }

  @Override
  public void validate(Problems problems) {
    if (path == null || !path.startsWith("/")) {
      problems.error("path", "must start with '/'");
    }
  }
}
