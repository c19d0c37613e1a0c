package dev.signalbox.service.config;

import dev.signalbox.service.Registry;
import dev.signalbox.service.config.ConfigNode.MapNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads the configuration the Collector's way, in steps each done by its own class:
 * <ol>
 *   <li>read every {@code --config} source ({@link #load}): a file path, {@code file:path},
 *       {@code env:VAR} (YAML held in an environment variable) or {@code yaml:...} inline
 *       ({@code yaml:exporters::debug::verbosity: detailed}; {@code ::} separates keys);
 *   <li>parse each, keeping every value's source, line and column ({@link YamlReader});
 *   <li>merge them in order: maps deeply, anything else replaced by later sources ({@link TreeMerger});
 *   <li>expand {@code ${VAR}}, {@code ${env:VAR}}, {@code ${env:VAR:-default}} and {@code $$} in
 *       scalars ({@link EnvExpander});
 *   <li>bind each component over its factory's {@code defaultConfig()} and validate it
 *       ({@link Binder}, {@link BlockWalker}); bind {@code service}; check the references between
 *       them ({@link ConfigResolver}).
 * </ol>
 * Every problem of a step is reported before loading stops, as {@code file:line:col key.path:
 * message}, sorted by source and line. Parsing problems stop loading before binding (a broken tree
 * would only add noise). Nothing here starts a component or opens a port.
 */
public final class ConfigLoader {
  private static final String FILE = "file:";
  private static final String ENV = "env:";
  private static final String YAML = "yaml:";
  /** A URI scheme, as the Collector recognises one: two characters or more before ':'. */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

  private ConfigLoader() {}

  /**
   * Loads the {@code --config} arguments in the order given.
   *
   * @param configArgs each a file path, {@code file:path}, {@code env:VAR} or {@code yaml:...}
   * @param env looks up environment variables, for {@code env:} sources and {@code ${...}}
   *     expansion; returns null when a variable is not set ({@code System::getenv} in production)
   * @return the resolved configuration with its warnings
   * @throws ConfigException carrying every problem found
   */
  public static ResolvedConfig load(List<String> configArgs, Function<String, String> env, Registry registry)
      throws ConfigException {
    Diagnostics diagnostics = new Diagnostics();
    List<ConfigSource> sources = new ArrayList<>();
    for (int i = 0; i < configArgs.size(); i++) {
      ConfigSource s = readSource(configArgs.get(i), i, env, diagnostics);
      if (s != null) {
        sources.add(s);
      }
    }
    diagnostics.throwIfErrors();
    return load(sources, env, registry, diagnostics);
  }

  /** Loads sources already read, in order; for embedders and tests. See {@link #load(List, Function, Registry)}. */
  public static ResolvedConfig loadSources(List<ConfigSource> sources, Function<String, String> env, Registry registry)
      throws ConfigException {
    return load(sources, env, registry, new Diagnostics());
  }

  private static ResolvedConfig load(List<ConfigSource> sources, Function<String, String> env, Registry registry,
      Diagnostics diagnostics) throws ConfigException {
    MapNode root = merged(sources, diagnostics);
    diagnostics.throwIfErrors();
    root = EnvExpander.expand(root, env, diagnostics);
    ResolvedConfig config = new ConfigResolver(root, registry, diagnostics).resolve();
    diagnostics.throwIfErrors();
    return config;
  }

  /** Parses and merges {@code sources}; null after reporting when there are none or one does not parse. */
  static MapNode merged(List<ConfigSource> sources, Diagnostics diagnostics) {
    if (sources.isEmpty()) {
      diagnostics.error(Location.ofSource(0, "--config"), "", "no configuration given: pass --config with a file path, "
          + "file:path, env:VAR or yaml:...");
      return null;
    }
    MapNode root = null;
    for (int i = 0; i < sources.size(); i++) {
      ConfigSource s = sources.get(i);
      MapNode tree = YamlReader.read(i, s.name(), s.yaml(), diagnostics);
      if (tree != null) {
        root = root == null ? tree : TreeMerger.merge(root, tree);
      }
    }
    return root;
  }

  /** Reads one {@code --config} argument; null after reporting why it cannot be read. */
  static ConfigSource readSource(String arg, int index, Function<String, String> env, Diagnostics diagnostics) {
    if (arg.startsWith(YAML)) {
      return ConfigSource.of("yaml[" + (index + 1) + "]", arg.substring(YAML.length()));
    }
    if (arg.startsWith(ENV)) {
      String name = arg.substring(ENV.length());
      String value = env.apply(name);
      if (value == null) {
        diagnostics.error(Location.ofSource(index, arg), "", "environment variable '" + name + "' is not set");
        return null;
      }
      return ConfigSource.of(arg, value);
    }
    String path = arg.startsWith(FILE) ? arg.substring(FILE.length()) : arg;
    if (!arg.startsWith(FILE) && SCHEME.matcher(arg).matches()) {
      diagnostics.error(Location.ofSource(index, arg), "", "unsupported config source scheme '"
          + arg.substring(0, arg.indexOf(':')) + "'; use a file path, file:path, env:VAR or yaml:...");
      return null;
    }
    try {
      return ConfigSource.of(path, Files.readString(Path.of(path)));
    } catch (NoSuchFileException e) {
      diagnostics.error(Location.ofSource(index, path), "", "config file not found");
    } catch (AccessDeniedException e) {
      diagnostics.error(Location.ofSource(index, path), "", "config file not readable: permission denied");
    } catch (CharacterCodingException e) {
      diagnostics.error(Location.ofSource(index, path), "", "config file is not valid UTF-8");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      diagnostics.error(Location.ofSource(index, path), "", "cannot read config file: " + e.getMessage());
    }
    return null;
  }
}
