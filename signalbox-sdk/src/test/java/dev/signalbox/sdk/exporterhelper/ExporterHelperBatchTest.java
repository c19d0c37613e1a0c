package dev.signalbox.sdk.exporterhelper;

import static dev.signalbox.sdk.exporterhelper.Fixture.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Problems;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.sdk.storage.LogOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sending_queue.batch}: merging queued requests, splitting, acknowledging, shutdown. */
class ExporterHelperBatchTest {
  private static final Context CTX = Context.empty();

  private final Fixture f = new Fixture();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<Traces> pushed = new CopyOnWriteArrayList<>();
  private final List<Context> contexts = new CopyOnWriteArrayList<>();
  private ExporterHelper<Traces> helper;

  @AfterEach
  void tearDown() {
    gate.countDown();
    if (helper != null) {
      helper.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  private void start(QueueBatchConfig batch, PushFunction<Traces> push) throws Exception {
    helper = f.traces(push).queue(QueueConfig.defaults().withNumConsumers(2).withBatch(batch)).build();
    helper.start(null);
  }

  private void start(QueueBatchConfig batch) throws Exception {
    start(batch, (ctx, data, d) -> {
      contexts.add(ctx);
      pushed.add(data);
    });
  }

  private static QueueBatchConfig batch(long min, long max, Duration flush) {
    return QueueBatchConfig.defaults().withMinSize(min).withMaxSize(max).withFlushTimeout(flush);
  }

  private List<Integer> pushedSizes() {
    return pushed.stream().map(Traces::itemCount).toList();
  }

  @Test
  void defaultsAreTheCollectors() {
    assertThat(QueueBatchConfig.defaults())
        .isEqualTo(new QueueBatchConfig(Duration.ofMillis(200), 8192, 0, QueueConfig.Sizer.ITEMS));
    assertThat(QueueConfig.defaults().batch()).isNull();
  }

  @Test
  void reportsEveryProblemWithItsKey() {
    Problems p = new Problems();
    new QueueBatchConfig(Duration.ZERO, -1, -2, QueueConfig.Sizer.REQUESTS).validate(
        p.at("exporters.otlp").at("sending_queue").at("batch"));
    assertThat(p.all().stream().map(Problems.Problem::toString).toList()).containsExactly(
        "exporters.otlp.sending_queue.batch.flush_timeout: must be greater than 0, got PT0S",
        "exporters.otlp.sending_queue.batch.min_size: must not be negative, got -1",
        "exporters.otlp.sending_queue.batch.max_size: must not be negative, got -2",
        "exporters.otlp.sending_queue.batch.sizer: must be items or bytes, got requests");
    Problems q = new Problems();
    batch(100, 10, Duration.ofSeconds(1)).validate(q);
    assertThat(q.all().stream().map(Problems.Problem::toString).toList()).containsExactly(
        "max_size: must be greater than or equal to min_size (100), or 0 for no limit");
  }

  @Test
  void mergesQueuedRequestsUntilMinSizeWithoutDecodingThem() throws Exception {
    start(batch(10, 0, Duration.ofMinutes(1)));
    helper.consume(CTX, spans(4));
    helper.consume(CTX, spans(4));
    helper.consume(CTX, spans(4));

    ExporterHelperTest.await().until(() -> f.sent() == 12);
    assertThat(pushedSizes()).containsExactly(12);
    assertThat(pushed.getFirst().isWireBacked()).isTrue();
    assertThat(pushed.getFirst().wireChunks()).hasSize(3);
  }

  @Test
  void sendsWhatIsPendingAtFlushTimeout() throws Exception {
    start(batch(1000, 0, Duration.ofMillis(50)));
    long t0 = System.nanoTime();
    helper.consume(CTX, spans(3));

    ExporterHelperTest.await().until(() -> f.sent() == 3);
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(pushedSizes()).containsExactly(3);
  }

  @Test
  void splitsBatchesLargerThanMaxSize() throws Exception {
    start(batch(5, 6, Duration.ofMinutes(1)));
    helper.consume(CTX, decoded(4));
    helper.consume(CTX, decoded(4)); // 8 >= 5: sent as 6, the other 2 wait
    helper.consume(CTX, decoded(4)); // 6: sent

    ExporterHelperTest.await().until(() -> f.sent() == 12);
    assertThat(pushedSizes()).containsExactly(6, 6);
    // the requests are freed just after the merged batch is counted
    ExporterHelperTest.await().until(() -> f.gauge("otelcol_exporter_queue_size") == 0);
  }

  private static Traces decoded(int n) {
    Traces t = new Traces();
    var ss = t.resourceSpans().addNew().scopeSpans().addNew();
    for (int i = 0; i < n; i++) {
      ss.spans().addNew().setName("s" + i);
    }
    return t;
  }

  @Test
  void neverMergesRequestsOfDifferentClientMetadata() throws Exception {
    start(batch(100, 0, Duration.ofMillis(50)));
    Context acme = Context.of(Map.of("x-tenant", List.of("acme")), "grpc");
    Context beta = Context.of(Map.of("x-tenant", List.of("beta")), "grpc");
    helper.consume(acme, spans(2));
    helper.consume(acme, spans(3));
    helper.consume(beta, spans(4));

    ExporterHelperTest.await().until(() -> f.sent() == 9);
    assertThat(pushedSizes()).containsExactlyInAnyOrder(5, 4);
    assertThat(contexts).extracting(c -> c.metadata("x-tenant")).containsExactlyInAnyOrder(
        List.of("acme"), List.of("beta"));
  }

  @Test
  void queuedRequestsAreReleasedOnlyWhenTheMergedBatchIsDelivered() throws Exception {
    start(batch(6, 0, Duration.ofMinutes(1)), (ctx, data, d) -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new RetryableException("interrupted", e);
      }
      pushed.add(data);
    });
    helper.consume(CTX, spans(3));
    helper.consume(CTX, spans(3));
    // being sent: both requests still held by the queue
    ExporterHelperTest.await().during(Duration.ofMillis(50)).until(() -> f.gauge("otelcol_exporter_queue_size") == 2);

    gate.countDown();
    ExporterHelperTest.await().until(() -> f.gauge("otelcol_exporter_queue_size") == 0);
    assertThat(f.sent()).isEqualTo(6);
  }

  @Test
  void aPermanentRefusalDropsTheMergedBatchOnceCountedWithItsReason() throws Exception {
    start(batch(5, 0, Duration.ofMinutes(1)), (ctx, data, d) -> {
      pushed.add(data);
      throw new PermanentException("400 Bad Request");
    });
    helper.consume(CTX, spans(2));
    helper.consume(CTX, spans(3));

    ExporterHelperTest.await().until(() -> f.failed("permanent") == 5);
    assertThat(pushedSizes()).containsExactly(5);
    assertThat(f.sent()).isZero();
    // the requests are freed just after the merged batch is counted
    ExporterHelperTest.await().until(() -> f.gauge("otelcol_exporter_queue_size") == 0);
  }

  @Test
  void shutdownSendsWhatIsPendingWithoutWaitingForTheFlushTimeout() throws Exception {
    start(batch(1000, 0, Duration.ofMinutes(10)));
    helper.consume(CTX, spans(3));
    helper.consume(CTX, spans(4));

    helper.shutdown(Deadline.in(Duration.ofSeconds(5)));

    assertThat(f.sent()).isEqualTo(7);
    assertThat(pushedSizes()).containsExactly(7);
  }

  @Test
  void shutdownDeadlineCountsWhatIsPendingAsDroppedFromAMemoryQueue() throws Exception {
    f.time.blockSleeps();
    start(batch(4, 0, Duration.ofMinutes(10)), (ctx, data, d) -> {
      throw new RetryableException("503");
    });
    helper.consume(CTX, spans(5)); // being retried
    helper.consume(CTX, spans(1)); // pending in the batcher
    ExporterHelperTest.await().until(() -> f.time.sleeps().size() == 1);

    helper.shutdown(Deadline.in(Duration.ofMillis(300)));

    assertThat(f.failed("shutdown")).isEqualTo(6);
    assertThat(f.sent()).isZero();
  }

  @Test
  void aPersistentQueueKeepsWhatShutdownCutShortAndTheNextStartSendsIt(@TempDir Path dir) throws Exception {
    LogOptions options = LogOptions.defaults().withFsync(FsyncPolicy.NEVER).withLockTimeout(Duration.ZERO);
    SendingQueue.Factory<Traces> persistent = (config, host) ->
        PersistentQueue.open(config, new PersistentQueueTest.TestStorage(dir, options), PersistentQueueTest.SERIALIZER);
    QueueConfig queue = QueueConfig.defaults().withNumConsumers(2).withStorage(ComponentId.of("file_storage"))
        .withBatch(batch(5, 0, Duration.ofMinutes(10)));
    f.time.blockSleeps();
    helper = f.traces((ctx, data, d) -> {
      throw new RetryableException("503");
    }).queue(queue).queueFactory(persistent).build();
    helper.start(null);
    helper.consume(CTX, PersistentQueueTest.batch(1, 2, 100));
    helper.consume(CTX, PersistentQueueTest.batch(2, 3, 100)); // 5: merged and being retried
    helper.consume(CTX, PersistentQueueTest.batch(3, 4, 100)); // pending in the batcher
    ExporterHelperTest.await().until(() -> f.time.sleeps().size() == 1);

    helper.shutdown(Deadline.in(Duration.ofMillis(300)));

    assertThat(f.meter.sum("otelcol_exporter_send_failed_spans")).isZero();
    assertThat(f.logLines).contains("INFO exporter otlp (traces): the shutdown deadline came before the queue drained;"
        + " kept 3 requests (9 spans) in persistent sending queue " + dir + " for the next start");

    Fixture next = new Fixture();
    helper = next.traces((ctx, data, d) -> pushed.add(data)).queue(queue).queueFactory(persistent).build();
    helper.start(null);
    helper.shutdown(Deadline.in(Duration.ofSeconds(5))); // sends what is pending at once
    assertThat(next.sent()).isEqualTo(9);
    assertThat(pushed.stream().mapToInt(Traces::itemCount).sum()).isEqualTo(9);
  }
}
