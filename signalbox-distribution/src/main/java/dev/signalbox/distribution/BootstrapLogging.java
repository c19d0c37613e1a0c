package dev.signalbox.distribution;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.signalbox.service.config.TelemetrySettings;

/**
 * Logback's configuration until the Signalbox configuration is loaded (then {@link Logging#configure}
 * applies {@code service.telemetry.logs}): INFO to standard error, set up in code. Found by logback
 * through {@code META-INF/services}; it replaces a {@code logback.xml}, whose XML parsing loaded
 * some 600 classes (Joran and the JDK's XML parser) into every process for nothing. A
 * {@code logback-test.xml} on the classpath, or {@code -Dlogback.configurationFile}, still wins.
 */
public final class BootstrapLogging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (System.getProperty("logback.configurationFile") != null
        || BootstrapLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logging.apply(ctx, TelemetrySettings.LogLevel.INFO, TelemetrySettings.LogEncoding.CONSOLE);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
