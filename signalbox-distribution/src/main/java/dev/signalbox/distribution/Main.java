package dev.signalbox.distribution;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.distribution.telemetrygen.TelemetrygenCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code signalbox} command line. */
@Command(
    name = "signalbox",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "An agent and gateway for OpenTelemetry signals: receives traces, metrics, logs and "
        + "profiles, processes them and delivers them to your backends. Configured with the OpenTelemetry "
        + "Collector's YAML.%n",
    subcommands = {
        RunCommand.class, ValidateCommand.class, ComponentsCommand.class, TelemetrygenCommand.class,
        CommandLine.HelpCommand.class},
    footer = {
        "",
        "Examples:",
        "  signalbox run                              the embedded default configuration:",
        "                                             OTLP gRPC :4317 and HTTP :4318 -> batch -> debug",
        "  signalbox run --config config.yaml         your configuration",
        "  signalbox validate --config config.yaml    check a configuration, print every problem",
        "  signalbox components                       list component types",
        "  signalbox telemetrygen traces --rate 1000  send test spans to localhost:4317",
        "",
        "Self-metrics: http://127.0.0.1:8888/metrics (service.telemetry.metrics.address)."})
public final class Main implements Runnable {
  public static final BuildInfo BUILD_INFO = new BuildInfo("signalbox", "Signalbox", readVersion());

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != RunCommand.KEEP_RUNNING) {
      System.exit(code);
    }
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(100);
    cl.registerConverter(java.time.Duration.class, DurationConverter::parse);
    return cl;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  private static String readVersion() {
    try (InputStream in = Main.class.getResourceAsStream("/signalbox-version.properties")) {
      if (in == null) {
        return BuildInfo.DEFAULT.version();
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", BuildInfo.DEFAULT.version());
    } catch (IOException e) {
      return BuildInfo.DEFAULT.version();
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"signalbox " + BUILD_INFO.version() + " (Java " + Runtime.version() + ")"};
    }
  }
}
