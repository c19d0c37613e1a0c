package dev.signalbox.exporter.otlpcommon;

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
import java.util.function.Function;

/** Config fixtures: YAML files beside a test class, bound with the service's binder. */
public final class Fixtures {
  private Fixtures() {}

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

  /** Binds {@code name} over {@code defaults}. */
  public static <C> C bind(Class<?> near, String name, Class<C> type, C defaults, Map<String, String> env)
      throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of(name, read(near, name)), type, defaults, env::get);
  }

  /** Binds a YAML text over {@code defaults}. */
  public static <C> C bindText(String yaml, Class<C> type, C defaults) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("inline.yaml", yaml), type, defaults, name -> null);
  }

  /**
   * The problems of each config in a Collector-style {@code invalid_configs.yaml} (top-level keys
   * name the cases), each problem as {@code key.path: message} without the file position. Each case
   * is bound on its own over {@code defaults}.
   */
  public static <C> Map<String, List<String>> problemsByCase(Class<?> near, String name, Class<C> type, C defaults) {
    String text = read(near, name);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (var e : splitTopLevel(text).entrySet()) {
      List<String> problems = new ArrayList<>();
      try {
        ConfigBinder.bind(ConfigSource.of(name + "#" + e.getKey(), e.getValue()), type, defaults, n -> null);
      } catch (ConfigException ex) {
        for (String p : ex.problems()) {
          problems.add(p.substring(p.indexOf(' ') + 1)); // drop "file:line:col "
        }
      }
      out.put(e.getKey(), problems);
    }
    return out;
  }

  /** Top-level keys of a YAML map and their blocks, de-indented (comment lines dropped). */
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

  static Function<String, String> noEnv() {
    return n -> null;
  }
}
