package dev.signalbox.exporter.prometheusremotewrite;

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
 * Config fixtures of the metrics exporters: {@code config.yaml} and Collector-style
 * {@code invalid_configs.yaml} beside a test class, bound with the service's binder.
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

  /** Binds a YAML text over {@code defaults}. */
  public static <C> C bindText(String yaml, Class<C> type, C defaults) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("inline.yaml", yaml), type, defaults, n -> null);
  }

  /**
   * Each case of an {@code invalid_configs.yaml} (top-level keys name the cases) bound on its own
   * over {@code defaults}: its problems as {@code key.path: message}, without the file position.
   */
  public static <C> Map<String, List<String>> problemsByCase(Class<?> near, String name, Class<C> type, C defaults) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String key = null;
    StringBuilder block = new StringBuilder();
    List<String[]> cases = new ArrayList<>();
    for (String line : read(near, name).split("\n", -1)) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (key != null) {
          cases.add(new String[] {key, block.toString()});
        }
        key = line.substring(0, line.indexOf(':')).strip();
        block.setLength(0);
      } else {
        block.append(line.substring(2)).append('\n');
      }
    }
    if (key != null) {
      cases.add(new String[] {key, block.toString()});
    }
    for (String[] c : cases) {
      List<String> problems = new ArrayList<>();
      try {
        ConfigBinder.bind(ConfigSource.of(name + "#" + c[0], c[1]), type, defaults, n -> null);
      } catch (ConfigException e) {
        for (String p : e.problems()) {
          problems.add(p.substring(p.indexOf(' ') + 1));
        }
      }
      out.put(c[0], problems);
    }
    return out;
  }
}
