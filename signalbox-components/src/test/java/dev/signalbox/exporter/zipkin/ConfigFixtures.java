package dev.signalbox.exporter.zipkin;

import dev.signalbox.service.config.ConfigBinder;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Config fixtures of the trace and log backend components: YAML files beside a test class, bound
 * with the service's binder; a Collector-style {@code invalid_configs.yaml} whose top-level keys
 * name the cases.
 */
public final class ConfigFixtures {
  private ConfigFixtures() {}

  public static String read(Class<?> near, String name) {
    try (InputStream in = near.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name + " beside " + near.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Binds the fixture {@code name} over {@code defaults}, with {@code env} for {@code ${env:X}}. */
  public static <C> C bind(Class<?> near, String name, Class<C> type, C defaults, Map<String, String> env)
      throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of(name, read(near, name)), type, defaults, env::get);
  }

  /** Binds YAML text over {@code defaults}. */
  public static <C> C bindText(String yaml, Class<C> type, C defaults) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("inline.yaml", yaml), type, defaults, name -> null);
  }

  /**
   * Each case of {@code name} bound on its own over {@code defaults}: its problems as
   * {@code key.path: message}, without the file position.
   */
  public static <C> Map<String, List<String>> problemsByCase(Class<?> near, String name, Class<C> type, C defaults) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (var e : splitTopLevel(read(near, name)).entrySet()) {
      List<String> problems = new ArrayList<>();
      try {
        ConfigBinder.bind(ConfigSource.of(name + "#" + e.getKey(), e.getValue()), type, defaults, n -> null);
      } catch (ConfigException ex) {
        for (String p : ex.problems()) {
          problems.add(p.substring(p.indexOf(' ') + 1));
        }
      }
      out.put(e.getKey(), problems);
    }
    return out;
  }

  private static Map<String, String> splitTopLevel(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String key = null;
    StringBuilder block = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (key != null) {
          out.put(key, block.toString());
        }
        key = line.substring(0, line.indexOf(':')).strip();
        block.setLength(0);
      } else {
        block.append(line.substring(2)).append('\n');
      }
    }
    if (key != null) {
      out.put(key, block.toString());
    }
    return out;
  }
}
