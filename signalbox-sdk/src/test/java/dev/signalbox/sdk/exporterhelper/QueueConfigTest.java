package dev.signalbox.sdk.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Problems;
import org.junit.jupiter.api.Test;

class QueueConfigTest {

  @Test
  void defaultsAreTheCollectorsPlusOurByteBound() {
    // Collector exporterhelper README "Sending Queue" and NewDefaultQueueConfig.
    assertThat(QueueConfig.defaults()).isEqualTo(new QueueConfig(
        true, 10, 1000, QueueConfig.Sizer.REQUESTS, false, null, false, ByteSize.ofMiB(64)));
  }

  @Test
  void defaultsAreValid() {
    assertThat(problems(QueueConfig.defaults())).isEmpty();
  }

  @Test
  void sizerValuesAreTheCollectors() {
    assertThat(QueueConfig.Sizer.values()).extracting(QueueConfig.Sizer::unit)
        .containsExactly("requests", "items", "bytes");
  }

  @Test
  void reportsEveryProblemWithItsKey() {
    var c = new QueueConfig(true, 0, 0, null, false, ComponentId.of("file_storage"), true, ByteSize.ofBytes(0));
    assertThat(problems(c)).containsExactly(
        "exporters.otlp.sending_queue.num_consumers: must be > 0, got 0",
        "exporters.otlp.sending_queue.queue_size: must be > 0, got 0",
        "exporters.otlp.sending_queue.sizer: must be one of requests, items, bytes",
        "exporters.otlp.sending_queue.max_bytes: must be > 0, got 0B",
        "exporters.otlp.sending_queue.wait_for_result: is not supported with a persistent queue (storage is set)");
  }

  @Test
  void rejectsNegativeQueueSizeAndConsumers() {
    var c = QueueConfig.defaults().withQueueSize(-1).withNumConsumers(-2);
    assertThat(problems(c)).containsExactly(
        "exporters.otlp.sending_queue.num_consumers: must be > 0, got -2",
        "exporters.otlp.sending_queue.queue_size: must be > 0, got -1");
  }

  @Test
  void disabledQueueIsNotChecked() {
    assertThat(problems(QueueConfig.defaults().withEnabled(false).withQueueSize(0))).isEmpty();
  }

  @Test
  void byteBoundIsTheSmallerOfMaxBytesAndABytesQueueSize() {
    var c = QueueConfig.defaults().withMaxBytes(ByteSize.ofBytes(5000));
    assertThat(c.effectiveMaxBytes()).isEqualTo(5000);
    assertThat(c.withSizer(QueueConfig.Sizer.BYTES).withQueueSize(3000).effectiveMaxBytes()).isEqualTo(3000);
    assertThat(c.withSizer(QueueConfig.Sizer.BYTES).withQueueSize(9000).effectiveMaxBytes()).isEqualTo(5000);
    assertThat(c.withSizer(QueueConfig.Sizer.ITEMS).withQueueSize(3000).effectiveMaxBytes()).isEqualTo(5000);
  }

  static java.util.List<String> problems(dev.signalbox.config.ConfigBlock block, String key) {
    Problems p = new Problems();
    block.validate(p.at("exporters.otlp").at(key));
    return p.all().stream().map(Problems.Problem::toString).toList();
  }

  private static java.util.List<String> problems(QueueConfig c) {
    return problems(c, "sending_queue");
  }
}
