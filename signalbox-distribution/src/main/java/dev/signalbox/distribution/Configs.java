package dev.signalbox.distribution;

import dev.signalbox.service.Registry;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigLoader;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.service.config.ResolvedConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the configuration given on the command line, or the embedded default. */
final class Configs {
  static final String DEFAULT_NAME = "embedded:default-config.yaml";

  private Configs() {}

  static ResolvedConfig load(List<String> sources, Registry registry) throws ConfigException {
    if (sources.isEmpty()) {
      return ConfigLoader.loadSources(List.of(ConfigSource.of(DEFAULT_NAME, defaultYaml())), System::getenv, registry);
    }
    return ConfigLoader.load(sources, System::getenv, registry);
  }

  static String defaultYaml() {
    try (InputStream in = Configs.class.getResourceAsStream("/default-config.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
