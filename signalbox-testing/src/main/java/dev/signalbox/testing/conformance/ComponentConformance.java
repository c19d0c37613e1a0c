package dev.signalbox.testing.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.Component;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Factory;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestHost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Checks every component must pass, whatever its kind. A component's test extends the base class of
 * its kind ({@link ReceiverConformance}, ...) and supplies the factory, plus {@link #configYaml()}
 * when the defaults alone are not a valid config (a required endpoint or path).
 */
public abstract class ComponentConformance<C extends ComponentConfig> {

  protected abstract Factory<C> factory();

  /** A config (YAML of the component's keys) that validates and can start on this machine. */
  protected String configYaml() {
    return "";
  }

  protected TestHost host() {
    return new TestHost();
  }

  protected final C config() throws ConfigException {
    Factory<C> f = factory();
    return ConfigBinder.bind(ConfigSource.of("config.yaml", configYaml()), f.configClass(), f.defaultConfig(),
        name -> null);
  }

  protected final ComponentSettings settings() {
    Factory<C> f = factory();
    return new ComponentSettings(ComponentId.of(f.type().name()), f.kind(), f.kind() == Kind.PROCESSOR ? "test" : "",
        new MetricRegistry().meter().withLabels(f.kind().label(), f.type().name()), StatusReporter.NOOP,
        BuildInfo.DEFAULT);
  }

  @Test
  void defaultConfigIsAnInstanceOfTheConfigClass() {
    Factory<C> f = factory();
    assertThat(f.defaultConfig()).isInstanceOf(f.configClass());
    assertThat(f.configClass().isRecord()).as("config classes are records").isTrue();
  }

  @Test
  void testConfigBindsAndValidates() throws ConfigException {
    assertThat(config()).isNotNull();
  }

  @Test
  void describesItself() {
    assertThat(factory().description()).as("one line for `signalbox components`").isNotBlank();
  }

  /** Start, shut down twice; and shut down without a start. */
  protected final void assertLifecycle(ComponentSupplier create) throws Exception {
    Component c = create.get();
    c.start(host());
    c.shutdown(Deadline.in(Duration.ofSeconds(10)));
    c.shutdown(Deadline.in(Duration.ofSeconds(10)));
    Component never = create.get();
    never.shutdown(Deadline.in(Duration.ofSeconds(10)));
    Component again = create.get();
    again.start(host());
    again.shutdown(Deadline.in(Duration.ofSeconds(10)));
  }

  @FunctionalInterface
  protected interface ComponentSupplier {
    Component get() throws Exception;
  }
}
