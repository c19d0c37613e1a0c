package dev.signalbox.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
      "5s, 5000000000",
      "200ms, 200000000",
      "1m30s, 90000000000",
      "1h, 3600000000000",
      "1.5s, 1500000000",
      "300us, 300000",
      "300µs, 300000",
      "300μs, 300000",
      "10ns, 10",
      "0, 0",
      "-2s, -2000000000",
      "1h0.5s, 3600500000000",
      ".5m, 30000000000",
      "2h45m, 9900000000000",
  })
  void parsesGoDurations(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "fast | expected a duration such as 5s or 200ms, got 'fast'",
      "5 | expected a duration such as 5s or 200ms, got '5'; add a unit: ns, us, ms, s, m or h",
      "1.5 | expected a duration such as 5s or 200ms, got '1.5'; add a unit: ns, us, ms, s, m or h",
      "5x | expected a duration such as 5s or 200ms, got '5x'",
      "s | expected a duration such as 5s or 200ms, got 's'",
      "1..5s | expected a duration such as 5s or 200ms, got '1..5s'",
      "5 s | expected a duration such as 5s or 200ms, got '5 s'",
      "99999999999h | duration '99999999999h' is too long",
  })
  void rejectsWithTheExpectedForm(String text, String message) {
    assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text)).withMessage(message);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0s",
      "10, 10ns",
      "300000, 300us",
      "200000000, 200ms",
      "1500000000, 1.5s",
      "90000000000, 1m30s",
      "3600000000000, 1h",
      "3600500000000, 1h0.5s",
      "-2000000000, -2s",
  })
  void formatsSoThatParseReadsItBack(long nanos, String text) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }
}
