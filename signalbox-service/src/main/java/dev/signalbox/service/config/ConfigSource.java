package dev.signalbox.service.config;

import java.util.Objects;

/**
 * One config source's YAML text and the name problems are reported under (a file path,
 * {@code env:VAR} or {@code yaml[N]} for the N-th {@code --config} when inline).
 * {@link ConfigLoader#load(java.util.List, java.util.function.Function, dev.signalbox.service.Registry)}
 * makes these from {@code --config} arguments; tests and embedders build them directly.
 */
public record ConfigSource(String name, String yaml) {
  public ConfigSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(yaml, "yaml");
  }

  public static ConfigSource of(String name, String yaml) {
    return new ConfigSource(name, yaml);
  }
}
