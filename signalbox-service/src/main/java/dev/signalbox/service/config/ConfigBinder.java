package dev.signalbox.service.config;

import dev.signalbox.service.config.ConfigNode.MapNode;
import java.util.List;
import java.util.function.Function;

/**
 * Binds one YAML document straight onto a config record, with the same rules, messages and
 * validation as components get inside a full configuration, but no Collector layout around it. For
 * component tests (bind {@code testdata/config.yaml} and compare whole records) and for tools.
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  /**
   * Parses {@code source} (a map of the record's keys), expands environment variables with
   * {@code env}, binds it over {@code defaults} and validates every block of the result.
   *
   * @throws ConfigException carrying every problem, paths relative to the document's top
   */
  public static <C> C bind(ConfigSource source, Class<C> type, C defaults, Function<String, String> env)
      throws ConfigException {
    Diagnostics diagnostics = new Diagnostics();
    MapNode root = ConfigLoader.merged(List.of(source), diagnostics);
    diagnostics.throwIfErrors();
    root = EnvExpander.expand(root, env, diagnostics);
    C bound = new Binder(diagnostics).bind(root, type, defaults, "", root.location());
    BlockWalker.validate(bound, "", root, diagnostics);
    diagnostics.throwIfErrors();
    return bound;
  }
}
