package dev.signalbox.sdk.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static List<Duration> waits(RetryConfig c, double random, int n) {
    Backoff b = new Backoff(c, () -> random);
    List<Duration> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(b.next());
    }
    return l;
  }

  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }

  @Test
  void middleOfTheJitterIsTheIntervalGrowingToMaxInterval() {
    assertThat(waits(RetryConfig.defaults(), 0.5, 8)).containsExactly(
        ms(5000), ms(7500), ms(11250), ms(16875), ms(25312).plusNanos(500_000), ms(30000), ms(30000), ms(30000));
  }

  @Test
  void jitterBoundsAreIntervalTimesOneMinusAndPlusTheFactor() {
    assertThat(waits(RetryConfig.defaults(), 0.0, 3)).containsExactly(ms(2500), ms(3750), ms(5625));
    assertThat(waits(RetryConfig.defaults(), 1.0, 3)).containsExactly(ms(7500), ms(11250), ms(16875));
    // At max_interval the drawn wait may exceed it by the factor, as in the Collector.
    assertThat(waits(RetryConfig.defaults(), 1.0, 7).get(6)).isEqualTo(ms(45000));
  }

  @Test
  void randomWaitsStayWithinTheirBounds() {
    Random r = new Random(42);
    Backoff b = new Backoff(RetryConfig.defaults(), r::nextDouble);
    double interval = 5000;
    for (int i = 0; i < 50; i++) {
      long w = b.next().toMillis();
      assertThat(w).isBetween((long) Math.floor(interval * 0.5), (long) Math.ceil(interval * 1.5));
      interval = Math.min(interval * 1.5, 30000);
    }
  }

  @Test
  void noJitterAndMultiplierOneGiveConstantWaits() {
    var c = RetryConfig.defaults().withRandomizationFactor(0).withMultiplier(1);
    assertThat(waits(c, 0.9, 3)).containsExactly(ms(5000), ms(5000), ms(5000));
  }
}
