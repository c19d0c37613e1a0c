package dev.signalbox.distribution;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.signalbox.service.config.TelemetrySettings;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logging from {@code service.telemetry.logs}: level and console or JSON encoding, to
 * standard error. Also routes java.util.logging (grpc-java, the JDK) through SLF4J.
 */
final class Logging {
  private Logging() {}

  static void configure(TelemetrySettings.LogLevel level, TelemetrySettings.LogEncoding encoding) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    apply(ctx, level, encoding);
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
  }

  /** Sets up {@code ctx}: a console (or JSON) appender on standard error, the level, quiet libraries. */
  static void apply(LoggerContext ctx, TelemetrySettings.LogLevel level, TelemetrySettings.LogEncoding encoding) {
    Encoder<ILoggingEvent> encoder;
    if (encoding == TelemetrySettings.LogEncoding.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      encoder = json;
    } else {
      PatternLayoutEncoder p = new PatternLayoutEncoder();
      p.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC}\t%-5level\t%logger{0}\t%msg%n%ex{short}");
      encoder = p;
    }
    encoder.setContext(ctx);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    root.setLevel(switch (level) {
      case DEBUG -> Level.DEBUG;
      case INFO -> Level.INFO;
      case WARN -> Level.WARN;
      case ERROR -> Level.ERROR;
    });
    // Third-party libraries are quiet unless something is wrong.
    ctx.getLogger("io.grpc").setLevel(Level.WARN);
    ctx.getLogger("io.netty").setLevel(Level.WARN);
    ctx.getLogger("org.apache.kafka").setLevel(Level.WARN);
  }
}
