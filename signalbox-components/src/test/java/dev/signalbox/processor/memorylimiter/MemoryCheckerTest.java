package dev.signalbox.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.Problems;
import dev.signalbox.sdk.admission.MemoryPressure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryCheckerTest {
  static final long MIB = 1 << 20;
  final AtomicLong used = new AtomicLong();
  final AtomicLong now = new AtomicLong();
  final AtomicInteger gcs = new AtomicInteger();
  long afterGc = -1;

  MemoryChecker checker(MemoryLimiterProcessorConfig cfg, long maxHeap) {
    return new MemoryChecker(cfg, maxHeap, used::get, () -> {
      gcs.incrementAndGet();
      if (afterGc >= 0) {
        used.set(afterGc);
      }
    }, now::get);
  }

  static MemoryLimiterProcessorConfig mib(int limit, int spike) {
    return new MemoryLimiterProcessorConfig(Duration.ofSeconds(1), limit, spike, 0, 0, Duration.ofSeconds(10), Duration.ZERO);
  }

  @AfterEach
  void reset() {
    MemoryPressure.set(false, Duration.ofSeconds(1));
  }

  @Test
  void refusesAboveTheSoftLimitOnlyIfAGcDoesNotHelp() {
    MemoryChecker c = checker(mib(100, 20), 1024 * MIB);
    assertThat(c.softLimit).isEqualTo(80 * MIB);
    used.set(90 * MIB);
    afterGc = 50 * MIB;
    c.check();
    assertThat(gcs).hasValue(1);
    assertThat(c.refusing()).isFalse();

    used.set(90 * MIB);
    afterGc = 85 * MIB;
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    c.check();
    assertThat(gcs).hasValue(2);
    assertThat(c.refusing()).isTrue();
    assertThat(MemoryPressure.refusing()).isTrue();

    // soft-limited GCs are rate limited to min_gc_interval_when_soft_limited
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    c.check();
    assertThat(gcs).hasValue(2);
    assertThat(c.refusing()).isTrue();

    used.set(30 * MIB);
    c.check();
    assertThat(c.refusing()).isFalse();
    assertThat(MemoryPressure.refusing()).isFalse();
  }

  @Test
  void aboveTheHardLimitGcsEveryCheck() {
    MemoryChecker c = checker(mib(100, 20), 1024 * MIB);
    used.set(120 * MIB);
    c.check();
    c.check();
    c.check();
    assertThat(gcs).hasValue(3);
  }

  @Test
  void percentageLimitsAreOfTheMaxHeapAndSpikeDefaultsToAFifth() {
    MemoryChecker c = checker(new MemoryLimiterProcessorConfig(Duration.ofSeconds(1), 0, 0, 50, 0,
        Duration.ofSeconds(10), Duration.ZERO), 1000 * MIB);
    assertThat(c.hardLimit).isEqualTo(1000 * MIB / 100 * 50);
    assertThat(c.softLimit).isEqualTo(c.hardLimit - c.hardLimit / 5);
  }

  @Test
  void aLimitAboveTheMaxHeapIsClampedToNinetyPercent() {
    MemoryChecker c = checker(mib(4000, 800), 1000 * MIB);
    assertThat(c.hardLimit).isEqualTo(1000 * MIB / 10 * 9);
    assertThat(c.softLimit).isLessThan(c.hardLimit);
  }

  @Test
  void validatesLimits() {
    Problems p = new Problems();
    new MemoryLimiterProcessorConfig(Duration.ZERO, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO).validate(p);
    assertThat(p.all()).extracting(Problems.Problem::toString).containsExactly(
        "check_interval: must be greater than 0",
        "limit_mib: either limit_mib or limit_percentage must be set");
    Problems q = new Problems();
    mib(100, 100).validate(q);
    assertThat(q.all()).extracting(Problems.Problem::toString)
        .containsExactly("spike_limit_mib: must be smaller than limit_mib (100)");
  }
}
