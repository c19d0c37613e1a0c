package dev.signalbox.component;

/** The running program's name and version. */
public record BuildInfo(String command, String description, String version) {
  public static final BuildInfo DEFAULT = new BuildInfo("signalbox", "Signalbox", "0.0.0-dev");
}
