package dev.signalbox.extension.healthcheck;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Extension;
import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.component.Stability;
import java.time.Clock;

/** Factory of the {@code health_check} extension. */
public final class HealthCheckExtensionFactory implements ExtensionFactory<HealthCheckExtensionConfig> {
  public static final ComponentType TYPE = ComponentType.of("health_check");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<HealthCheckExtensionConfig> configClass() {
    return HealthCheckExtensionConfig.class;
  }

  @Override
  public HealthCheckExtensionConfig defaultConfig() {
    return HealthCheckExtensionConfig.defaults();
  }

  @Override
  public String description() {
    return "HTTP health check (localhost:13133): unhealthy when a pipeline is failing";
  }

  @Override
  public Stability stability() {
    return Stability.BETA;
  }

  @Override
  public Extension create(ComponentSettings settings, HealthCheckExtensionConfig config) {
    return new HealthCheckExtension(config, Clock.systemUTC());
  }
}
