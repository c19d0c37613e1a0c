package dev.signalbox.sdk.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RateLimitedLogTest {
  private final FakeTime time = new FakeTime();
  private final List<String> lines = new ArrayList<>();
  private final RateLimitedLog log = new RateLimitedLog(time::nanoTime, Duration.ofSeconds(10),
      "exporter otlp (traces)", "spans", (level, line) -> lines.add(level + " " + line));

  @Test
  void writesOneLinePerKeyPerIntervalAndCountsTheRest() {
    log.log("queue_full", Level.WARN, 5, () -> "refused 5 spans");
    log.log("queue_full", Level.WARN, 7, () -> "refused 7 spans");
    log.log("queue_full", Level.WARN, 1, () -> "refused 1 spans");
    time.advance(Duration.ofSeconds(10));
    log.log("queue_full", Level.WARN, 2, () -> "refused 2 spans");

    assertThat(lines).containsExactly(
        "WARN exporter otlp (traces): refused 5 spans",
        "WARN exporter otlp (traces): refused 2 spans (2 similar lines with 8 spans suppressed since the last one)");
  }

  @Test
  void keysAreLimitedSeparately() {
    log.log("queue_full", Level.WARN, 5, () -> "refused 5 spans");
    log.log("permanent", Level.ERROR, 3, () -> "dropped 3 spans");

    assertThat(lines).containsExactly(
        "WARN exporter otlp (traces): refused 5 spans",
        "ERROR exporter otlp (traces): dropped 3 spans");
  }

  @Test
  void buildsSuppressedMessagesNever() {
    AtomicInteger built = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      log.log("retry", Level.WARN, 1, () -> "retrying " + built.incrementAndGet());
    }
    assertThat(built).hasValue(1);
  }

  @Test
  void flushWritesWhatWasSuppressedOnce() {
    log.log("shutdown", Level.ERROR, 3, () -> "dropped 3 spans");
    log.log("shutdown", Level.ERROR, 4, () -> "dropped 4 spans");
    log.flush();
    log.flush();

    assertThat(lines).containsExactly(
        "ERROR exporter otlp (traces): dropped 3 spans",
        "ERROR exporter otlp (traces): 1 more 'shutdown' line with 4 spans suppressed since the last one");
  }
}
