package dev.signalbox.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.Processor;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.Problems;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.SinkConsumer;
import dev.signalbox.testing.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
  final MetricRegistry metrics = new MetricRegistry();
  final SinkConsumer<Traces> sink = new SinkConsumer<>();
  Processor<Traces> processor;

  Processor<Traces> create(BatchProcessorConfig cfg) {
    ComponentSettings s = new ComponentSettings(ComponentId.of("batch"), Kind.PROCESSOR, "traces",
        metrics.meter().withLabels("processor", "batch"), StatusReporter.NOOP, BuildInfo.DEFAULT);
    processor = new BatchProcessorFactory().create(Signal.TRACES, s, cfg, sink);
    return processor;
  }

  static BatchProcessorConfig cfg(Duration timeout, int size, int max, List<String> keys) {
    return new BatchProcessorConfig(timeout, size, max, keys, 1000);
  }

  @AfterEach
  void stop() throws Exception {
    if (processor != null) {
      processor.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  @Test
  void sendsWhenSizeIsReachedAndSplitsAtMaxSize() throws Exception {
    Processor<Traces> p = create(cfg(Duration.ofHours(1), 10, 10, List.of()));
    p.consume(Context.empty(), TestData.traces("a", 0, 4));
    p.consume(Context.empty(), TestData.traces("a", 4, 4));
    assertThat(sink.calls()).isZero();
    p.consume(Context.empty(), TestData.traces("a", 8, 13));
    assertThat(sink.batches()).extracting(Traces::itemCount).containsExactly(10, 10);
    assertThat(metrics.value("otelcol_processor_batch_batch_size_trigger_send", "processor", "batch")).isEqualTo(2);
    p.shutdown(Deadline.in(Duration.ofSeconds(5)));
    assertThat(sink.batches()).extracting(Traces::itemCount).containsExactly(10, 10, 1);
    assertThat(sink.itemCount()).isEqualTo(21);
  }

  @Test
  void sendsAPartialBatchAfterTheTimeout() throws Exception {
    Processor<Traces> p = create(cfg(Duration.ofMillis(30), 100, 0, List.of()));
    p.consume(Context.empty(), TestData.traces(3));
    p.consume(Context.empty(), TestData.traces(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.itemCount() == 5);
    assertThat(sink.batches()).hasSize(1);
    assertThat(metrics.value("otelcol_processor_batch_timeout_trigger_send", "processor", "batch")).isEqualTo(1);
  }

  @Test
  void zeroTimeoutSendsEveryBatchAtOnceSplitByMaxSize() throws Exception {
    Processor<Traces> p = create(cfg(Duration.ZERO, 8192, 4, List.of()));
    p.consume(Context.empty(), TestData.traces(9));
    assertThat(sink.batches()).extracting(Traces::itemCount).containsExactly(4, 4, 1);
  }

  @Test
  void batchesSeparatelyPerMetadataValueAndPassesOnlyThoseKeys() throws Exception {
    Processor<Traces> p = create(cfg(Duration.ofHours(1), 4, 0, List.of("X-Tenant-ID")));
    Context a = Context.of(Map.of("x-tenant-id", List.of("a"), "authorization", List.of("secret")), "grpc");
    Context b = Context.of(Map.of("X-Tenant-Id", List.of("b")), "http");
    p.consume(a, TestData.traces(2));
    p.consume(b, TestData.traces(3));
    p.consume(a, TestData.traces(2));
    assertThat(sink.received()).hasSize(1);
    assertThat(sink.received().get(0).context().metadata()).isEqualTo(Map.of("x-tenant-id", List.of("a")));
    p.consume(b, TestData.traces(1));
    assertThat(sink.received()).hasSize(2);
    assertThat(sink.received().get(1).context().metadata("x-tenant-id")).containsExactly("b");
    assertThat(metrics.value("otelcol_processor_batch_metadata_cardinality", "processor", "batch")).isEqualTo(2);
  }

  @Test
  void refusesNewMetadataCombinationsBeyondTheCardinalityLimit() throws Exception {
    Processor<Traces> p = create(new BatchProcessorConfig(Duration.ofHours(1), 100, 0, List.of("tenant"), 1));
    p.consume(Context.of(Map.of("tenant", List.of("a")), ""), TestData.traces(1));
    assertThatThrownBy(() -> p.consume(Context.of(Map.of("tenant", List.of("b")), ""), TestData.traces(1)))
        .isInstanceOf(PermanentException.class)
        .hasMessage("too many batcher metadata-value combinations: the limit is 1 "
            + "(processors.batch.metadata_cardinality_limit)");
  }

  @Test
  void keepsRefusedBatchesAndDeliversThemWhenTheNextStageRecovers() throws Exception {
    Processor<Traces> p = create(cfg(Duration.ofMillis(20), 10, 10, List.of()));
    sink.refuseWith(new RetryableException("queue full"));
    p.consume(Context.empty(), TestData.traces("a", 0, 10));
    // the batch was refused downstream but is kept; the caller's data was accepted
    assertThat(sink.itemCount()).isZero();
    // stalled: more data is accepted up to 4 batches' worth, then refused with back-pressure
    p.consume(Context.empty(), TestData.traces("a", 10, 25));
    assertThatThrownBy(() -> p.consume(Context.empty(), TestData.traces("a", 35, 10)))
        .isInstanceOf(RetryableException.class)
        .satisfies(e -> assertThat(((RetryableException) e).resourceExhausted()).isTrue());
    sink.refuseWith(null);
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.itemCount() == 35);
    assertThat(metrics.value("otelcol_processor_dropped_spans", "processor", "batch", "otel_signal", "traces"))
        .isEqualTo(0);
  }

  @Test
  void countsPermanentRefusalsAsDropped() throws Exception {
    Processor<Traces> p = create(cfg(Duration.ofHours(1), 5, 0, List.of()));
    sink.refuseWith(new PermanentException("bad data"));
    p.consume(Context.empty(), TestData.traces(5));
    assertThat(metrics.value("otelcol_processor_dropped_spans", "processor", "batch", "otel_signal", "traces"))
        .isEqualTo(5);
  }

  @Test
  void validatesSizes() {
    Problems problems = new Problems();
    new BatchProcessorConfig(Duration.ofMillis(-1), 100, 50, List.of("a", "A"), 0).validate(problems);
    assertThat(problems.all()).extracting(Problems.Problem::toString).containsExactly(
        "timeout: must not be negative",
        "send_batch_max_size: must be greater than or equal to send_batch_size (100), or 0 for no limit",
        "metadata_cardinality_limit: must be greater than 0 when metadata_keys is set",
        "metadata_keys[1]: duplicate key 'A' (metadata keys are case-insensitive)");
  }
}
