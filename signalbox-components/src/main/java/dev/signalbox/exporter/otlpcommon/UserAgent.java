package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.component.BuildInfo;
import java.util.Locale;

/** The {@code User-Agent} exporters send, as the Collector's: {@code Signalbox/0.1.0 (linux/amd64)}. */
public final class UserAgent {
  private UserAgent() {}

  public static String of(BuildInfo build) {
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '_');
    String arch = switch (System.getProperty("os.arch", "unknown")) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> System.getProperty("os.arch", "unknown");
    };
    return build.description() + "/" + build.version() + " (" + os + "/" + arch + ")";
  }
}
