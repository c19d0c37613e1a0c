package dev.signalbox.service.config;

import dev.signalbox.service.config.ConfigNode.Entry;
import dev.signalbox.service.config.ConfigNode.ListNode;
import dev.signalbox.service.config.ConfigNode.MapNode;
import dev.signalbox.service.config.ConfigNode.NullNode;
import dev.signalbox.service.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands environment variables inside scalar values, never in keys and never into structure: the
 * result of an expansion is always a string, which binding converts like any other scalar. Syntax,
 * as the Collector's:
 * <ul>
 *   <li>{@code ${VAR}} and {@code ${env:VAR}}: the variable's value;
 *   <li>{@code ${env:VAR:-default}} (and {@code ${VAR:-default}}): {@code default} when VAR is
 *       <em>unset</em>; a variable set to the empty string expands to the empty string, as in the
 *       Collector (unlike the shell's {@code :-});
 *   <li>{@code $$}: a literal {@code $}; a {@code $} followed by anything else stays as written.
 * </ul>
 * An unset variable without a default expands to the empty string and is reported as a warning.
 * A {@code ${} without its {@code }}, an invalid variable name or another scheme
 * ({@code ${file:...}}) is an error. Messages never show the value being expanded.
 */
final class EnvExpander {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String ENV_SCHEME = "env:";
  private static final String DEFAULT_SEPARATOR = ":-";

  private final Function<String, String> env;
  private final Diagnostics diagnostics;

  private EnvExpander(Function<String, String> env, Diagnostics diagnostics) {
    this.env = env;
    this.diagnostics = diagnostics;
  }

  /**
   * {@code root} with every scalar expanded.
   *
   * @param env looks a variable up; returns null when it is not set
   */
  static MapNode expand(MapNode root, Function<String, String> env, Diagnostics diagnostics) {
    return (MapNode) new EnvExpander(env, diagnostics).expand(root, "");
  }

  private ConfigNode expand(ConfigNode node, String path) {
    return switch (node) {
      case MapNode m -> {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : m.entries().values()) {
          out.put(e.key(), new Entry(e.key(), e.keyLocation(), expand(e.value(), KeyPaths.join(path, e.key()))));
        }
        yield new MapNode(m.location(), out);
      }
      case ListNode l -> {
        List<ConfigNode> out = new ArrayList<>();
        for (ConfigNode item : l.items()) {
          out.add(expand(item, KeyPaths.index(path, out.size())));
        }
        yield new ListNode(l.location(), out);
      }
      case ScalarNode s -> s.value().indexOf('$') < 0 ? s : new ScalarNode(s.location(), expand(s.value(), s.location(), path));
      case NullNode n -> n;
    };
  }

  private String expand(String s, Location loc, String path) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
      if (c != '$' || (next != '$' && next != '{')) {
        out.append(c);
        i++;
      } else if (next == '$') {
        out.append('$');
        i += 2;
      } else {
        int close = s.indexOf('}', i + 2);
        if (close < 0) {
          diagnostics.error(loc, path, "'${' without a closing '}'; write $${ for a literal ${");
          out.append(s, i, s.length());
          break;
        }
        out.append(resolve(s.substring(i + 2, close), loc, path));
        i = close + 1;
      }
    }
    return out.toString();
  }

  private String resolve(String reference, Location loc, String path) {
    String ref = reference.startsWith(ENV_SCHEME) ? reference.substring(ENV_SCHEME.length()) : reference;
    int cut = ref.indexOf(DEFAULT_SEPARATOR);
    String name = cut < 0 ? ref : ref.substring(0, cut);
    String fallback = cut < 0 ? null : ref.substring(cut + DEFAULT_SEPARATOR.length());
    int colon = name.indexOf(':');
    if (colon >= 0) {
      String scheme = name.substring(0, colon);
      diagnostics.error(loc, path, "unsupported reference '${" + scheme + ":...}': only ${env:NAME}, ${NAME} and "
          + "${env:NAME:-default} are supported");
      return "";
    }
    if (!NAME.matcher(name).matches()) {
      diagnostics.error(loc, path, name.isEmpty()
          ? "a variable reference '${...}' has no variable name"
          : "invalid environment variable name '" + name + "': use letters, digits and '_', not starting with a digit");
      return "";
    }
    String value = env.apply(name);
    if (value != null) {
      return value;
    }
    if (fallback != null) {
      return fallback;
    }
    diagnostics.warn(loc, path, "environment variable '" + name + "' is not set; using an empty value");
    return "";
  }
}
