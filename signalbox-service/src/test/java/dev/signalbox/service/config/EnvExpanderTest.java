package dev.signalbox.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {
  record Values(Map<String, String> v, List<String> keys) {}

  static final Values EMPTY = new Values(Map.of(), List.of());

  static Function<String, String> env() {
    Map<String, String> m = new HashMap<>();
    m.put("A", "alpha");
    m.put("B", "beta");
    m.put("EMPTY", "");
    m.put("NESTED", "${A}");
    m.put("STRUCTURE", "x\ny: [1, 2]");
    return m::get;
  }

  static Map<String, String> expand(String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("e.yaml", yaml), Values.class, EMPTY, env()).v();
  }

  @Test
  void expandsEveryForm() throws Exception {
    Map<String, String> v = expand("""
        v:
          plain: ${A}
          scheme: ${env:A}
          inside: "http://${A}:${B}/x"
          unset_default: ${env:UNSET:-fallback}
          unset_default_short: ${UNSET:-fallback}
          default_with_colon: ${env:UNSET:-host:4317}
          set_default: ${env:A:-fallback}
          empty_default: ${env:UNSET:-}
          empty_is_set: ${env:EMPTY:-fallback}
          dollars: $$5 and $${A}
          lone: a $ b $A c$
          quoted: '${A}'
          block: |
            line ${A}
            line $$
        """);

    assertThat(v).containsExactly(
        Map.entry("plain", "alpha"),
        Map.entry("scheme", "alpha"),
        Map.entry("inside", "http://alpha:beta/x"),
        Map.entry("unset_default", "fallback"),
        Map.entry("unset_default_short", "fallback"),
        Map.entry("default_with_colon", "host:4317"),
        Map.entry("set_default", "alpha"),
        Map.entry("empty_default", ""),
        Map.entry("empty_is_set", ""),
        Map.entry("dollars", "$5 and ${A}"),
        Map.entry("lone", "a $ b $A c$"),
        Map.entry("quoted", "alpha"),
        Map.entry("block", "line alpha\nline $\n"));
  }

  @Test
  void expandedValuesAreTextNeverStructureAndNeverExpandedAgain() throws Exception {
    assertThat(expand("v: {s: '${STRUCTURE}', n: '${NESTED}'}"))
        .containsExactly(Map.entry("s", "x\ny: [1, 2]"), Map.entry("n", "${A}"));
  }

  @Test
  void keysAreNeverExpanded() throws Exception {
    assertThat(expand("v: {'${A}': x}")).containsExactly(Map.entry("${A}", "x"));
  }

  @Test
  void expandedTextIsConvertedByBinding() throws Exception {
    record Typed(int port, boolean on) {}
    Typed t = ConfigBinder.bind(ConfigSource.of("e.yaml", "port: ${P}\non: ${ON}"), Typed.class, new Typed(0, false),
        Map.of("P", "4317", "ON", "true")::get);

    assertThat(t).isEqualTo(new Typed(4317, true));
  }

  @Test
  void unsetVariableIsEmptyWithAWarningNamingItsLocation() throws Exception {
    Diagnostics d = new Diagnostics();
    ConfigNode.MapNode root = YamlReader.read(0, "e.yaml", "v:\n  x: a${UNSET}b\n", d);

    ConfigNode.MapNode out = EnvExpander.expand(root, env(), d);

    assertThat(KeyPaths.find(out, "v.x")).isEqualTo(new ConfigNode.ScalarNode(new Location(0, "e.yaml", 2, 6), "ab"));
    assertThat(d.warnings())
        .containsExactly("e.yaml:2:6 v.x: environment variable 'UNSET' is not set; using an empty value");
    assertThat(d.hasErrors()).isFalse();
  }
}
