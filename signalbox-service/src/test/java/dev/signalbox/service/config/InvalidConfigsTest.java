package dev.signalbox.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every case of {@code invalid_configs.yaml}: its {@code config} (loaded as {@code config.yaml})
 * must fail with exactly the lines of {@code error}, and warn exactly {@code warnings} when given.
 */
class InvalidConfigsTest {
  static final Function<String, String> ENV = Map.of("TOKEN", "s3cr3t", "PORT", "4317")::get;

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = InvalidConfigsTest.class.getResourceAsStream("invalid_configs.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      List<Map<String, String>> cases = (List<Map<String, String>>) new Load(LoadSettings.builder().build()).loadFromString(text);
      return cases.stream().map(c -> Arguments.of(c.get("name"), c.get("config"), c.get("error"), c.get("warnings")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsWithExactProblems(String name, String config, String error, String warnings) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.loadSources(List.of(ConfigSource.of("config.yaml", config)), ENV,
            TestFactories.registryWithConnector()));

    assertThat(e).as("expected a ConfigException").isNotNull();
    assertThat(e.getMessage()).isEqualTo(error.strip());
    assertThat(e.problems()).containsExactlyElementsOf(error.strip().lines().toList());
    if (warnings != null) {
      assertThat(e.warnings()).containsExactlyElementsOf(warnings.strip().lines().toList());
    }
    assertThat(e.getMessage()).doesNotContain("s3cr3t");
  }
}
