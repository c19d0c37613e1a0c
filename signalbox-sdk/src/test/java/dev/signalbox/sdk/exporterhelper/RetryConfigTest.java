package dev.signalbox.sdk.exporterhelper;

import static dev.signalbox.sdk.exporterhelper.QueueConfigTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

  @Test
  void defaultsAreTheCollectors() {
    // Collector configretry NewDefaultBackOffConfig.
    assertThat(RetryConfig.defaults()).isEqualTo(new RetryConfig(
        true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofMinutes(5)));
    assertThat(problems(RetryConfig.defaults(), "retry_on_failure")).isEmpty();
  }

  @Test
  void zeroMaxElapsedTimeMeansNoLimitAndIsValid() {
    assertThat(problems(RetryConfig.defaults().withMaxElapsedTime(Duration.ZERO), "retry_on_failure")).isEmpty();
  }

  @Test
  void reportsEveryProblemWithItsKey() {
    var c = new RetryConfig(true, Duration.ZERO, 1.5, 0.9, Duration.ofSeconds(-1), Duration.ofSeconds(-1));
    assertThat(problems(c, "retry_on_failure")).containsExactly(
        "exporters.otlp.retry_on_failure.initial_interval: must be > 0, got PT0S",
        "exporters.otlp.retry_on_failure.max_interval: must be > 0, got PT-1S",
        "exporters.otlp.retry_on_failure.randomization_factor: must be in [0, 1], got 1.5",
        "exporters.otlp.retry_on_failure.multiplier: must be >= 1, got 0.9",
        "exporters.otlp.retry_on_failure.max_elapsed_time: must be >= 0 (0 = no limit), got PT-1S");
  }

  @Test
  void rejectsNegativeRandomizationFactorAndNaN() {
    assertThat(problems(RetryConfig.defaults().withRandomizationFactor(-0.1), "retry_on_failure"))
        .containsExactly("exporters.otlp.retry_on_failure.randomization_factor: must be in [0, 1], got -0.1");
    assertThat(problems(RetryConfig.defaults().withMultiplier(Double.NaN), "retry_on_failure"))
        .containsExactly("exporters.otlp.retry_on_failure.multiplier: must be >= 1, got NaN");
  }

  @Test
  void acceptsTheBoundsOfTheRanges() {
    var c = RetryConfig.defaults().withRandomizationFactor(0).withMultiplier(1);
    assertThat(problems(c, "retry_on_failure")).isEmpty();
    assertThat(problems(c.withRandomizationFactor(1), "retry_on_failure")).isEmpty();
  }

  @Test
  void intervalsMustBeOrdered() {
    var c = RetryConfig.defaults().withInitialInterval(Duration.ofSeconds(40));
    assertThat(problems(c, "retry_on_failure")).containsExactly(
        "exporters.otlp.retry_on_failure.max_interval: must not be less than initial_interval (PT40S), got PT30S");
    var d = RetryConfig.defaults().withMaxElapsedTime(Duration.ofSeconds(10));
    assertThat(problems(d, "retry_on_failure")).containsExactly(
        "exporters.otlp.retry_on_failure.max_elapsed_time: must not be less than max_interval (PT30S), got PT10S");
  }

  @Test
  void disabledRetryIsStillChecked() {
    // As the Collector's configretry: the keys are validated whatever `enabled` says.
    assertThat(problems(RetryConfig.disabled().withMultiplier(0.5), "retry_on_failure"))
        .containsExactly("exporters.otlp.retry_on_failure.multiplier: must be >= 1, got 0.5");
  }
}
