package dev.signalbox.sdk.exporterhelper;

import static dev.signalbox.sdk.exporterhelper.QueueConfigTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutConfigTest {

  @Test
  void defaultIsTheCollectorsFiveSeconds() {
    assertThat(TimeoutConfig.defaults()).isEqualTo(new TimeoutConfig(Duration.ofSeconds(5)));
  }

  @Test
  void zeroMeansNoTimeoutAndNegativeIsRejected() {
    assertThat(problems(new TimeoutConfig(Duration.ZERO), "")).isEmpty();
    assertThat(problems(new TimeoutConfig(Duration.ofSeconds(-1)), ""))
        .containsExactly("exporters.otlp.timeout: must be >= 0 (0 = no timeout), got PT-1S");
  }
}
