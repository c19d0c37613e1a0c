package dev.signalbox.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigLoader;
import dev.signalbox.service.config.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every case of {@code invalid_configs.yaml}, with the built-in components: the config must fail
 * with exactly the listed problems, each naming the file, line, column and key path.
 */
class InvalidConfigsTest {
  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = InvalidConfigsTest.class.getResourceAsStream("invalid_configs.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      List<Map<String, String>> cases = (List<Map<String, String>>) new Load(LoadSettings.builder().build())
          .loadFromString(text);
      return cases.stream().map(c -> Arguments.of(c.get("name"), c.get("config"), c.get("error")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryProblemExactly(String name, String config, String error) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.loadSources(List.of(ConfigSource.of("config.yaml", config)),
            Map.of("PORT", "4317")::get, BuiltinComponents.registry()));
    assertThat(e).as("expected the config to be refused").isNotNull();
    assertThat(String.join("\n", e.problems())).isEqualTo(error.strip());
  }
}
