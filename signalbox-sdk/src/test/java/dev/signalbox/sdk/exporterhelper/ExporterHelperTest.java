package dev.signalbox.sdk.exporterhelper;

import static dev.signalbox.sdk.exporterhelper.Fixture.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.ByteSize;
import dev.signalbox.pdata.Traces;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExporterHelperTest {
  private static final Context CTX = Context.empty();

  private final Fixture f = new Fixture();
  private final CountDownLatch gate = new CountDownLatch(1);
  private ExporterHelper<Traces> helper;

  @AfterEach
  void tearDown() {
    gate.countDown();
    if (helper != null) {
      helper.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  private ExporterHelper<Traces> started(ExporterHelper.Builder<Traces> b) throws Exception {
    helper = b.build();
    helper.start(null);
    return helper;
  }

  /** A push that waits for {@link #gate}, interruptibly, then succeeds. */
  private void awaitGate() throws RetryableException {
    try {
      gate.await();
    } catch (InterruptedException e) {
      throw new RetryableException("interrupted", e);
    }
  }

  /** Awaitility polling fast: these conditions become true within milliseconds. */
  static ConditionFactory await() {
    return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
  }

  /** A thread calling consume(data); {@code outcome} is what it threw, or null. */
  private final class Caller extends Thread {
    private final Traces data;
    volatile Throwable outcome;

    Caller(Traces data) {
      this.data = data;
      start();
    }

    @Override
    public void run() {
      try {
        helper.consume(CTX, data);
      } catch (Throwable t) {
        outcome = t;
      }
    }
  }

  private static Duration s(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static QueueConfig queue() {
    return QueueConfig.defaults();
  }

  private static QueueConfig noQueue() {
    return QueueConfig.defaults().withEnabled(false);
  }

  // ---- the success path ------------------------------------------------------------------------

  @Test
  void sendsQueuedBatchesAndCountsTheirItems() throws Exception {
    List<Traces> pushed = new CopyOnWriteArrayList<>();
    started(f.traces((ctx, data, d) -> pushed.add(data)));

    helper.consume(CTX, spans(3));
    helper.consume(CTX, spans(4));

    await().until(() -> f.sent() == 7);
    assertThat(pushed).hasSize(2);
    assertThat(f.statuses).containsOnly(new Fixture.Status(ComponentStatus.OK, null));
    assertThat(f.meter.nonZeroCounters()).containsOnlyKeys("otelcol_exporter_sent_spans{exporter=otlp}");
    assertThat(f.logLines).isEmpty();
  }

  @Test
  void queueGaugesShowCapacityAndWhatIsHeldIncludingBatchesBeingSent() throws Exception {
    started(f.traces((ctx, data, d) -> awaitGate()).queue(queue().withNumConsumers(1)));
    assertThat(f.gauge("otelcol_exporter_queue_capacity")).isEqualTo(1000);
    assertThat(f.gauge("otelcol_exporter_queue_capacity_bytes")).isEqualTo(64 * 1024 * 1024);

    helper.consume(CTX, spans(3, 300));
    helper.consume(CTX, spans(4, 400));

    assertThat(f.gauge("otelcol_exporter_queue_size")).isEqualTo(2);
    assertThat(f.gauge("otelcol_exporter_queue_size_bytes")).isEqualTo(700);
    gate.countDown();
    await().until(() -> f.gauge("otelcol_exporter_queue_size") == 0);
    assertThat(f.gauge("otelcol_exporter_queue_size_bytes")).isZero();
    assertThat(f.sent()).isEqualTo(7);
  }

  @Test
  void queueGaugesCarryTheDataTypeOfTheSignal() {
    helper = f.traces((ctx, data, d) -> {}).build();
    // Before start: capacity from config, nothing held.
    assertThat(f.meter.gauge("otelcol_exporter_queue_capacity", "exporter", "otlp", "data_type", "traces"))
        .isEqualTo(1000);
    assertThat(f.meter.gauge("otelcol_exporter_queue_size", "exporter", "otlp", "data_type", "traces")).isZero();
  }

  // ---- retry -----------------------------------------------------------------------------------

  @Test
  void retriesRetryableFailuresWithGrowingWaits() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() <= 3) {
        throw new RetryableException("503 Service Unavailable");
      }
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.sent() == 5);
    assertThat(calls).hasValue(4);
    assertThat(f.time.sleeps()).containsExactly(s(5), s(7.5), s(11.25));
    assertThat(f.meter.value("otelcol_exporter_retries", "exporter", "otlp", "data_type", "traces")).isEqualTo(3);
    assertThat(f.statuses).containsExactly(
        new Fixture.Status(ComponentStatus.RECOVERABLE_ERROR, "sending spans failed: 503 Service Unavailable"),
        new Fixture.Status(ComponentStatus.RECOVERABLE_ERROR, "sending spans failed: 503 Service Unavailable"),
        new Fixture.Status(ComponentStatus.RECOVERABLE_ERROR, "sending spans failed: 503 Service Unavailable"),
        new Fixture.Status(ComponentStatus.OK, null));
    // One line per 10 s: the three retries fell within 23.75 s of fake time.
    assertThat(f.logLines).containsExactly(
        "WARN exporter otlp (traces): sending 5 spans failed, retrying in 5s: 503 Service Unavailable",
        "WARN exporter otlp (traces): sending 5 spans failed, retrying in 11.25s: 503 Service Unavailable"
            + " (1 similar line with 5 spans suppressed since the last one)");
  }

  @Test
  void jitteredWaitsStayWithinIntervalTimesOnePlusMinusTheFactor() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() <= 6) {
        throw new RetryableException("unavailable");
      }
    }).random(new Random(3)::nextDouble));

    helper.consume(CTX, spans(1));

    await().until(() -> f.sent() == 1);
    double[] intervals = {5, 7.5, 11.25, 16.875, 25.3125, 30};
    List<Duration> waits = f.time.sleeps();
    assertThat(waits).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(waits.get(i)).isBetween(s(intervals[i] * 0.5), s(intervals[i] * 1.5));
    }
    assertThat(waits).doesNotHaveDuplicates();
  }

  @Test
  void aLongerRetryAfterReplacesTheBackoffAndAShorterOneDoesNot() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      switch (calls.incrementAndGet()) {
        case 1 -> throw new RetryableException("429", null, Duration.ofSeconds(20), false);
        case 2 -> throw new RetryableException("429", null, Duration.ofSeconds(1), false);
        default -> {}
      }
    }));

    helper.consume(CTX, spans(2));

    await().until(() -> f.sent() == 2);
    assertThat(f.time.sleeps()).containsExactly(s(20), s(7.5));
  }

  @Test
  void aRetryAfterBeyondMaxElapsedTimeDropsAtOnce() throws Exception {
    started(f.traces((ctx, data, d) -> {
      throw new RetryableException("429", null, Duration.ofMinutes(6), false);
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.failed("retries_exhausted") == 5);
    assertThat(f.time.sleeps()).isEmpty();
    assertThat(f.logLines).containsExactly("ERROR exporter otlp (traces): dropped 5 spans: still failing, and the"
        + " next retry (in 6m) would pass max_elapsed_time (5m): 429; raise"
        + " exporters.otlp.retry_on_failure.max_elapsed_time (0 = no limit) or fix the backend");
  }

  @Test
  void stopsRetryingAtMaxElapsedTime() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      calls.incrementAndGet();
      throw new RetryableException("connection refused");
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.failed("retries_exhausted") == 5);
    // 5 + 7.5 + 11.25 + 16.875 + 25.3125 + 7 × 30 = 275.94 s; one more 30 s wait would pass 300 s.
    List<Duration> waits = f.time.sleeps();
    assertThat(waits).hasSize(12);
    assertThat(waits.subList(5, 12)).containsOnly(s(30));
    assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(calls).hasValue(13);
    assertThat(f.sent()).isZero();
  }

  @Test
  void zeroMaxElapsedTimeRetriesBeyondFiveMinutes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() <= 20) {
        throw new RetryableException("connection refused");
      }
    }).retry(RetryConfig.defaults().withMaxElapsedTime(Duration.ZERO)));

    helper.consume(CTX, spans(5));

    await().until(() -> f.sent() == 5);
    assertThat(f.time.sleeps().stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThan(Duration.ofMinutes(8));
  }

  @Test
  void dropsPermanentErrorsAtOnceAndCountsThem() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      calls.incrementAndGet();
      throw new PermanentException("400 Bad Request: invalid trace id");
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.failed("permanent") == 5);
    assertThat(calls).hasValue(1);
    assertThat(f.time.sleeps()).isEmpty();
    assertThat(f.sent()).isZero();
    assertThat(f.statuses).containsExactly(new Fixture.Status(ComponentStatus.RECOVERABLE_ERROR,
        "sending spans failed permanently: 400 Bad Request: invalid trace id"));
    assertThat(f.logLines).containsExactly("ERROR exporter otlp (traces): dropped 5 spans: the backend refused"
        + " them permanently: 400 Bad Request: invalid trace id; retrying cannot help, check the data and"
        + " exporters.otlp (endpoint, auth)");
  }

  @Test
  void partialSuccessDropsOnlyTheRejectedItems() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      calls.incrementAndGet();
      throw new PermanentException("2 spans had no name", null, 2);
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.failed("permanent") == 2);
    assertThat(f.sent()).isEqualTo(3);
    assertThat(calls).hasValue(1);
    assertThat(f.statuses).containsExactly(new Fixture.Status(ComponentStatus.OK, null));
    assertThat(f.logLines).containsExactly("ERROR exporter otlp (traces): dropped 2 of 5 spans: the backend"
        + " rejected them: 2 spans had no name; retrying cannot help, check the data");
  }

  @Test
  void partialSuccessRejectingEveryItemIsAPermanentFailure() throws Exception {
    started(f.traces((ctx, data, d) -> {
      throw new PermanentException("all rejected", null, 9);
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.failed("permanent") == 5);
    assertThat(f.sent()).isZero();
    assertThat(f.statuses).extracting(Fixture.Status::status).containsExactly(ComponentStatus.RECOVERABLE_ERROR);
  }

  @Test
  void partialSuccessRejectingNothingIsASuccess() throws Exception {
    started(f.traces((ctx, data, d) -> {
      throw new PermanentException("deprecated field", null, 0);
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.sent() == 5);
    assertThat(f.meter.sum("otelcol_exporter_send_failed_spans")).isZero();
  }

  @Test
  void withRetryDisabledTheFirstFailureDrops() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      calls.incrementAndGet();
      throw new RetryableException("503");
    }).retry(RetryConfig.disabled()));

    helper.consume(CTX, spans(5));

    await().until(() -> f.failed("retry_disabled") == 5);
    assertThat(calls).hasValue(1);
    assertThat(f.logLines).containsExactly("ERROR exporter otlp (traces): dropped 5 spans: sending failed and"
        + " retry_on_failure is disabled: 503; enable exporters.otlp.retry_on_failure");
  }

  @Test
  void anUnexpectedRuntimeExceptionIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("channel closed");
      }
    }));

    helper.consume(CTX, spans(5));

    await().until(() -> f.sent() == 5);
    assertThat(f.time.sleeps()).containsExactly(s(5));
  }

  @Test
  void anErrorFromPushDropsTheBatchAndTheWorkerCarriesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() == 1) {
        throw new AssertionError("bug");
      }
    }).queue(queue().withNumConsumers(1)));

    helper.consume(CTX, spans(5));
    helper.consume(CTX, spans(2));

    await().until(() -> f.sent() == 2);
    assertThat(f.failed("internal_error")).isEqualTo(5);
  }

  // ---- timeout ---------------------------------------------------------------------------------

  @Test
  void anAttemptOverrunningItsTimeoutIsInterruptedAndRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    long t0 = f.time.nanoTime();
    started(f.traces((ctx, data, d) -> {
      deadlines.add(d);
      if (calls.incrementAndGet() == 1) {
        firstStarted.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          throw new RetryableException("interrupted", e);
        }
      }
    }).timeout(new TimeoutConfig(Duration.ofSeconds(5))));

    helper.consume(CTX, spans(5));
    firstStarted.await();
    f.time.advance(Duration.ofSeconds(5));

    await().until(() -> f.sent() == 5);
    assertThat(calls).hasValue(2);
    assertThat(deadlines.get(0).nanoTime()).isEqualTo(t0 + Duration.ofSeconds(5).toNanos());
    assertThat(f.time.sleeps()).containsExactly(s(5));
    assertThat(f.time.pendingTimers()).isZero();
    assertThat(f.logLines).containsExactly("WARN exporter otlp (traces): sending 5 spans failed, retrying in 5s:"
        + " attempt timed out after 5s (interrupted); raise exporters.otlp.timeout if the backend is just slow");
  }

  @Test
  void aZeroTimeoutSchedulesNoTimer() throws Exception {
    List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    started(f.traces((ctx, data, d) -> deadlines.add(d)).timeout(new TimeoutConfig(Duration.ZERO)));

    helper.consume(CTX, spans(1));

    await().until(() -> f.sent() == 1);
    assertThat(f.time.pendingTimers()).isZero();
    assertThat(deadlines.get(0).nanoTime() - f.time.nanoTime()).isGreaterThan(Duration.ofDays(300).toNanos());
  }

  // ---- queue bounds ----------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(QueueConfig.Sizer.class)
  void aFullQueueRefusesWithResourceExhaustedForEachSizer(QueueConfig.Sizer sizer) throws Exception {
    long size = switch (sizer) {
      case REQUESTS -> 2;
      case ITEMS -> 8;
      case BYTES -> 800;
    };
    started(f.traces((ctx, data, d) -> awaitGate())
        .queue(queue().withSizer(sizer).withQueueSize(size).withNumConsumers(1)));

    helper.consume(CTX, spans(4, 400));
    helper.consume(CTX, spans(4, 400));
    assertThatThrownBy(() -> helper.consume(CTX, spans(4, 400)))
        .isInstanceOfSatisfying(RetryableException.class, e -> {
          assertThat(e.resourceExhausted()).isTrue();
          assertThat(e.getMessage()).contains("sending queue is full");
        });

    assertThat(f.enqueueFailed("queue_full")).isEqualTo(4);
    assertThat(f.gauge("otelcol_exporter_queue_size")).isEqualTo(size);
    assertThat(f.gauge("otelcol_exporter_queue_capacity")).isEqualTo(size);
    assertThat(f.logLines).containsExactly("WARN exporter otlp (traces): refused 4 spans: sending queue is full ("
        + size + " " + sizer.unit() + "); raise exporters.otlp.sending_queue.queue_size or enable"
        + " exporters.otlp.sending_queue.block_on_overflow");
    gate.countDown();
    await().until(() -> f.sent() == 8);
  }

  @Test
  void theByteBoundAppliesWhateverTheSizer() throws Exception {
    started(f.traces((ctx, data, d) -> awaitGate())
        .queue(queue().withQueueSize(100).withMaxBytes(ByteSize.ofBytes(1000)).withNumConsumers(1)));

    helper.consume(CTX, spans(1, 600));
    assertThatThrownBy(() -> helper.consume(CTX, spans(1, 600)))
        .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.resourceExhausted()).isTrue());
    helper.consume(CTX, spans(1, 400));

    assertThat(f.enqueueFailed("queue_full")).isEqualTo(1);
    assertThat(f.gauge("otelcol_exporter_queue_size_bytes")).isEqualTo(1000);
    assertThat(f.logLines).containsExactly("WARN exporter otlp (traces): refused 1 spans: sending queue is full"
        + " (1000B of batches); raise exporters.otlp.sending_queue.max_bytes or enable"
        + " exporters.otlp.sending_queue.block_on_overflow");
  }

  @Test
  void aBatchLargerThanTheQueueIsRefusedPermanently() throws Exception {
    started(f.traces((ctx, data, d) -> {}).queue(queue().withMaxBytes(ByteSize.ofBytes(1000))));

    assertThatThrownBy(() -> helper.consume(CTX, spans(4, 2000))).isInstanceOf(PermanentException.class)
        .hasMessageContaining("the batch (2000B) is larger than the whole sending queue (1000B)");

    assertThat(f.enqueueFailed("too_large")).isEqualTo(4);
    assertThat(f.logLines).containsExactly("WARN exporter otlp (traces): refused 4 spans: the batch (2000B) is"
        + " larger than the whole sending queue (1000B); raise exporters.otlp.sending_queue.max_bytes or send"
        + " smaller batches");
  }

  @Test
  void aBatchWithMoreItemsThanTheQueueIsRefusedPermanently() throws Exception {
    started(f.traces((ctx, data, d) -> {}).queue(queue().withSizer(QueueConfig.Sizer.ITEMS).withQueueSize(3)));

    assertThatThrownBy(() -> helper.consume(CTX, spans(4))).isInstanceOf(PermanentException.class)
        .hasMessageContaining("the batch (4 items) is larger than the whole sending queue (3); raise"
            + " exporters.otlp.sending_queue.queue_size");
    assertThat(f.enqueueFailed("too_large")).isEqualTo(4);
  }

  @Test
  void blockOnOverflowWaitsForRoomThenProceeds() throws Exception {
    started(f.traces((ctx, data, d) -> awaitGate())
        .queue(queue().withQueueSize(1).withNumConsumers(1).withBlockOnOverflow(true)));
    helper.consume(CTX, spans(2));

    Caller caller = new Caller(spans(3));
    await().until(() -> caller.getState() == Thread.State.WAITING);

    gate.countDown();

    caller.join();
    assertThat(caller.outcome).isNull();
    await().until(() -> f.sent() == 5);
    assertThat(f.meter.sum("otelcol_exporter_enqueue_failed_spans")).isZero();
  }

  @Test
  void blockOnOverflowGivesUpAtTheCallersPatience() throws Exception {
    started(f.traces((ctx, data, d) -> awaitGate())
        .queue(queue().withQueueSize(1).withNumConsumers(1).withBlockOnOverflow(true)));
    helper.consume(CTX, spans(2));

    assertThatThrownBy(() -> helper.consume(CTX, spans(3), Deadline.in(Duration.ofMillis(50))))
        .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.resourceExhausted()).isTrue());
    assertThat(f.enqueueFailed("queue_full")).isEqualTo(3);
    assertThat(f.logLines).containsExactly("WARN exporter otlp (traces): refused 3 spans: sending queue is full"
        + " (1 requests); raise exporters.otlp.sending_queue.queue_size");
  }

  @Test
  void numConsumersWorkersSendInParallel() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      awaitGate();
      running.decrementAndGet();
    }).queue(queue().withNumConsumers(3)));

    for (int i = 0; i < 5; i++) {
      helper.consume(CTX, spans(1));
    }

    await().until(() -> running.get() == 3);
    gate.countDown();
    await().until(() -> f.sent() == 5);
    assertThat(most).hasValue(3);
  }

  // ---- lifecycle and shutdown ------------------------------------------------------------------

  @Test
  void refusesBeforeStart() {
    helper = f.traces((ctx, data, d) -> {}).build();

    assertThatThrownBy(() -> helper.consume(CTX, spans(2)))
        .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.resourceExhausted()).isFalse())
        .hasMessageContaining("has not been started");
    assertThat(f.enqueueFailed("not_running")).isEqualTo(2);
  }

  @Test
  void shutdownIsIdempotentAndSafeWithoutStart() throws Exception {
    helper = f.traces((ctx, data, d) -> {}).build();
    helper.shutdown(Deadline.in(Duration.ofSeconds(1)));
    helper.shutdown(Deadline.in(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> helper.start(null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> helper.consume(CTX, spans(1))).isInstanceOf(RetryableException.class);
  }

  @Test
  void shutdownTwiceAfterStartAndConsumeAfterwardsIsRefused() throws Exception {
    started(f.traces((ctx, data, d) -> {}));
    helper.shutdown(Deadline.in(Duration.ofSeconds(1)));
    helper.shutdown(Deadline.in(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> helper.consume(CTX, spans(2))).isInstanceOf(RetryableException.class)
        .hasMessageContaining("shutting down");
    assertThat(f.enqueueFailed("not_running")).isEqualTo(2);
  }

  @Test
  void shutdownStopsIntakeAndDrainsTheQueueWithinTheDeadline() throws Exception {
    started(f.traces((ctx, data, d) -> awaitGate()).queue(queue().withNumConsumers(1)));
    for (int i = 0; i < 5; i++) {
      helper.consume(CTX, spans(2));
    }

    Thread shutter = Thread.startVirtualThread(() -> helper.shutdown(Deadline.in(Duration.ofSeconds(30))));
    await().until(() -> shutter.getState() == Thread.State.TIMED_WAITING);
    assertThatThrownBy(() -> helper.consume(CTX, spans(7))).isInstanceOf(RetryableException.class);

    gate.countDown();
    shutter.join();
    assertThat(f.sent()).isEqualTo(10);
    assertThat(f.meter.nonZeroCounters()).containsOnly(
        java.util.Map.entry("otelcol_exporter_sent_spans{exporter=otlp}", 10L),
        java.util.Map.entry("otelcol_exporter_enqueue_failed_spans{exporter=otlp, reason=not_running}", 7L));
  }

  @Test
  void shutdownDeadlineCountsWhatIsStillQueuedOrRetryingAsDropped() throws Exception {
    f.time.blockSleeps();
    started(f.traces((ctx, data, d) -> {
      throw new RetryableException("503");
    }).queue(queue().withNumConsumers(2)).retry(RetryConfig.defaults().withMaxElapsedTime(Duration.ZERO)));
    for (int i = 0; i < 5; i++) {
      helper.consume(CTX, spans(3));
    }
    await().until(() -> f.time.sleeps().size() == 2);

    long t0 = System.nanoTime();
    helper.shutdown(Deadline.in(Duration.ofMillis(300)));
    long tookMillis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(tookMillis).isLessThan(2000);
    await().until(() -> f.failed("shutdown") == 15);
    assertThat(f.sent()).isZero();
    assertThat(f.gauge("otelcol_exporter_queue_size")).isZero();
    assertThat(f.logLines).contains(
        "ERROR exporter otlp (traces): dropped 9 spans in 3 queued batches: the shutdown deadline came before"
            + " they could be sent",
        "ERROR exporter otlp (traces): dropped 3 spans: the shutdown deadline came before they could be sent"
            + " (last error: 503)");
  }

  @Test
  void aCallerBlockedOnAFullQueueIsReleasedByShutdown() throws Exception {
    started(f.traces((ctx, data, d) -> awaitGate())
        .queue(queue().withQueueSize(1).withNumConsumers(1).withBlockOnOverflow(true)));
    helper.consume(CTX, spans(1));
    Caller caller = new Caller(spans(4));
    await().until(() -> caller.getState() == Thread.State.WAITING);

    Thread shutter = Thread.startVirtualThread(() -> helper.shutdown(Deadline.in(Duration.ofSeconds(30))));
    caller.join();

    assertThat(caller.outcome).isInstanceOf(RetryableException.class);
    assertThat(f.enqueueFailed("not_running")).isEqualTo(4);
    gate.countDown();
    shutter.join();
    assertThat(f.sent()).isEqualTo(1);
  }

  // ---- queue disabled and wait_for_result ------------------------------------------------------

  @Test
  void withoutAQueueConsumeSendsInTheCallersThread() throws Exception {
    AtomicReference<Thread> pusher = new AtomicReference<>();
    started(f.traces((ctx, data, d) -> pusher.set(Thread.currentThread())).queue(noQueue()));

    helper.consume(CTX, spans(5));

    assertThat(pusher.get()).isSameAs(Thread.currentThread());
    assertThat(f.sent()).isEqualTo(5);
  }

  @Test
  void withoutAQueueRetriesHappenBeforeConsumeReturns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() <= 2) {
        throw new RetryableException("503");
      }
    }).queue(noQueue()));

    helper.consume(CTX, spans(5));

    assertThat(f.time.sleeps()).containsExactly(s(5), s(7.5));
    assertThat(f.sent()).isEqualTo(5);
  }

  @Test
  void withoutAQueueThePermanentErrorIsThrownBack() throws Exception {
    PermanentException refused = new PermanentException("401 Unauthorized");
    started(f.traces((ctx, data, d) -> {
      throw refused;
    }).queue(noQueue()));

    assertThatThrownBy(() -> helper.consume(CTX, spans(5))).isSameAs(refused);
    assertThat(f.failed("permanent")).isEqualTo(5);
    assertThat(f.logLines).singleElement().asString().startsWith(
        "ERROR exporter otlp (traces): failed to send 5 spans: the backend refused them permanently: 401");
  }

  @Test
  void withoutAQueuePartialSuccessIsThrownBackForTheReceiverToReport() throws Exception {
    PermanentException partial = new PermanentException("2 rejected", null, 2);
    started(f.traces((ctx, data, d) -> {
      throw partial;
    }).queue(noQueue()));

    assertThatThrownBy(() -> helper.consume(CTX, spans(5))).isSameAs(partial);
    assertThat(f.sent()).isEqualTo(3);
    assertThat(f.failed("permanent")).isEqualTo(2);
  }

  @Test
  void withoutAQueueExhaustedRetriesThrowTheLastRetryableError() throws Exception {
    started(f.traces((ctx, data, d) -> {
      throw new RetryableException("503");
    }).queue(noQueue()).retry(RetryConfig.defaults().withMaxElapsedTime(Duration.ofSeconds(30))));

    assertThatThrownBy(() -> helper.consume(CTX, spans(5))).isInstanceOf(RetryableException.class)
        .hasMessage("503");
    assertThat(f.time.sleeps()).containsExactly(s(5), s(7.5), s(11.25));
    assertThat(f.failed("retries_exhausted")).isEqualTo(5);
  }

  @Test
  void withoutAQueueShutdownWaitsForCallersThenRefuses() throws Exception {
    CountDownLatch inPush = new CountDownLatch(1);
    started(f.traces((ctx, data, d) -> {
      inPush.countDown();
      awaitGate();
    }).queue(noQueue()));
    Caller caller = new Caller(spans(2));
    inPush.await();

    Thread shutter = Thread.startVirtualThread(() -> helper.shutdown(Deadline.in(Duration.ofSeconds(30))));
    await().until(() -> shutter.getState() == Thread.State.TIMED_WAITING);
    assertThatThrownBy(() -> helper.consume(CTX, spans(3))).isInstanceOf(RetryableException.class);
    gate.countDown();
    shutter.join();
    caller.join();

    assertThat(caller.outcome).isNull();
    assertThat(f.sent()).isEqualTo(2);
    assertThat(f.failed("not_running")).isEqualTo(3);
  }

  @Test
  void withoutAQueueTheShutdownDeadlineInterruptsARetryingCaller() throws Exception {
    f.time.blockSleeps();
    started(f.traces((ctx, data, d) -> {
      throw new RetryableException("503");
    }).queue(noQueue()));
    Caller caller = new Caller(spans(2));
    await().until(() -> f.time.sleeps().size() == 1);

    helper.shutdown(Deadline.in(Duration.ofMillis(200)));
    caller.join();

    assertThat(caller.outcome).isInstanceOf(RetryableException.class).hasMessageContaining("shut down");
    assertThat(f.failed("shutdown")).isEqualTo(2);
  }

  @Test
  void waitForResultReturnsTheOutcomeOfTheQueuedBatch() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      if (calls.incrementAndGet() == 2) {
        throw new PermanentException("400");
      }
    }).queue(queue().withWaitForResult(true)));

    helper.consume(CTX, spans(5));
    assertThat(f.sent()).isEqualTo(5);
    assertThatThrownBy(() -> helper.consume(CTX, spans(3))).isInstanceOf(PermanentException.class)
        .hasMessage("400");
    assertThat(f.failed("permanent")).isEqualTo(3);
    assertThat(f.logLines).singleElement().asString().contains("failed to send 3 spans");
  }

  // ---- building --------------------------------------------------------------------------------

  @Test
  void buildRejectsInvalidConfigListingEveryProblem() {
    var b = f.traces((ctx, data, d) -> {}).queue(queue().withQueueSize(0))
        .retry(RetryConfig.defaults().withMultiplier(0.5)).timeout(new TimeoutConfig(Duration.ofSeconds(-1)));

    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessage(
        "invalid exporter helper config: [exporters.otlp.sending_queue.queue_size: must be > 0, got 0,"
            + " exporters.otlp.retry_on_failure.multiplier: must be >= 1, got 0.5,"
            + " exporters.otlp.timeout: must be >= 0 (0 = no timeout), got PT-1S]");
  }

  @Test
  void aPersistentQueueNeedsItsStorageExtensionAtStart() {
    var b = f.traces((ctx, data, d) -> {}).queue(queue().withStorage(ComponentId.of("file_storage")));
    helper = b.build();

    assertThatThrownBy(() -> helper.start(PersistentQueueTest.host(java.util.Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("exporters.otlp.sending_queue.storage: extension 'file_storage' is not configured");
  }

  /** A queue that, like the persistent one will, keeps at shutdown what it could not send. */
  private static final class KeepingQueue implements SendingQueue<Traces> {
    final SendingQueue<Traces> memory;
    final List<Boolean> done = new CopyOnWriteArrayList<>();
    final List<ExportRequest<Traces>> kept = new CopyOnWriteArrayList<>();

    KeepingQueue(QueueConfig config) {
      memory = new MemoryQueue<>(config);
    }

    @Override
    public OfferResult offer(ExportRequest<Traces> request, Deadline patience) throws InterruptedException {
      return memory.offer(request, patience);
    }

    @Override
    public ExportRequest<Traces> take() throws InterruptedException {
      return memory.take();
    }

    @Override
    public void done(ExportRequest<Traces> request, boolean finished) {
      done.add(finished);
      memory.done(request, finished);
      if (!finished) {
        kept.add(request);
      }
    }

    @Override
    public void close() {
      memory.close();
    }

    @Override
    public boolean awaitDrained(Deadline deadline) throws InterruptedException {
      return memory.awaitDrained(deadline);
    }

    @Override
    public List<ExportRequest<Traces>> abandon() {
      kept.addAll(memory.abandon());
      return List.of();
    }

    @Override
    public boolean keepsUnfinished() {
      return true;
    }

    @Override
    public long size() {
      return memory.size() + kept.size();
    }

    @Override
    public long capacity() {
      return memory.capacity();
    }

    @Override
    public long bytes() {
      return memory.bytes();
    }

    @Override
    public long byteCapacity() {
      return memory.byteCapacity();
    }
  }

  @Test
  void aQueueThatKeepsUnfinishedRequestsIsNotCountedAsDroppingThem() throws Exception {
    f.time.blockSleeps();
    AtomicReference<KeepingQueue> created = new AtomicReference<>();
    started(f.traces((ctx, data, d) -> {
      throw new RetryableException("503");
    }).queue(queue().withNumConsumers(1).withStorage(ComponentId.of("file_storage")))
        .queueFactory((config, host) -> {
          created.set(new KeepingQueue(config));
          return created.get();
        }));
    helper.consume(CTX, spans(2));
    helper.consume(CTX, spans(3));
    await().until(() -> f.time.sleeps().size() == 1);

    helper.shutdown(Deadline.in(Duration.ofMillis(200)));

    await().until(() -> created.get().done.size() == 1);
    assertThat(created.get().done).containsExactly(false);
    assertThat(f.meter.sum("otelcol_exporter_send_failed_spans")).isZero();
    assertThat(f.logLines).contains("INFO exporter otlp (traces): kept 2 requests in the persistent sending queue"
        + " for the next start");
  }

  @Test
  void consumeRejectsNulls() throws Exception {
    started(f.traces((ctx, data, d) -> {}));
    assertThatThrownBy(() -> helper.consume(null, spans(1))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> helper.consume(CTX, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theOutcomeOfEachAcceptedItemIsCountedOnce() throws Exception {
    // A mixed run: every accepted item ends as sent or failed, never both, never neither.
    AtomicInteger calls = new AtomicInteger();
    started(f.traces((ctx, data, d) -> {
      int n = calls.incrementAndGet();
      if (n % 3 == 0) {
        throw new PermanentException("bad", null, 1);
      } else if (n % 3 == 1) {
        throw new RetryableException("busy");
      }
    }).queue(queue().withNumConsumers(4)));

    int accepted = 0;
    for (int i = 1; i <= 30; i++) {
      helper.consume(CTX, spans(i));
      accepted += i;
    }
    int total = accepted;
    await().until(() -> f.sent() + f.meter.sum("otelcol_exporter_send_failed_spans") == total);
    helper.shutdown(Deadline.in(Duration.ofSeconds(5)));
    assertThat(f.sent() + f.meter.sum("otelcol_exporter_send_failed_spans")).isEqualTo(total);
  }
}
