package dev.signalbox.extension.filestorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.exporter.otlp.OtlpExporterConfig;
import dev.signalbox.exporter.otlp.OtlpExporterFactory;
import dev.signalbox.exporter.otlpcommon.OtlpSink;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.tls.TlsClientConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: the otlp exporter with {@code sending_queue.storage: file_storage} keeps what it
 * could not send when it shuts down, and a new instance (a restart) sends it. (That client metadata
 * survives too is checked in {@code PersistentQueueTest}.)
 */
class FileStorageWithOtlpExporterTest {
  @TempDir
  Path dir;

  static final ComponentId STORAGE = ComponentId.of("file_storage");
  static final Context TENANT = Context.of(Map.of("x-tenant-id", List.of("acme")), "grpc");

  ComponentSettings exporterSettings(MetricRegistry metrics) {
    return new ComponentSettings(ComponentId.of("otlp"), Kind.EXPORTER, "", metrics.meter(), StatusReporter.NOOP,
        BuildInfo.DEFAULT);
  }

  OtlpExporterConfig config(OtlpSink sink) {
    OtlpExporterConfig d = OtlpExporterConfig.defaults(sink.hostPort());
    return d.withClient(d.client().withTls(TlsClientConfig.plaintext()))
        .withSendingQueue(d.sendingQueue().withNumConsumers(2).withStorage(STORAGE))
        .withRetryOnFailure(RetryConfig.defaults().withInitialInterval(Duration.ofMillis(10))
            .withMaxInterval(Duration.ofMillis(50)).withMaxElapsedTime(Duration.ZERO));
  }

  FileStorageExtension storage() throws Exception {
    FileStorageExtension ext = (FileStorageExtension) new FileStorageExtensionFactory().create(
        ComponentSettings.forTest(Kind.EXTENSION, STORAGE),
        FileStorageExtensionConfig.defaults().withDirectory(dir.toString()));
    ext.start(new TestHost());
    return ext;
  }

  @Test
  void whatABackendOutageLeftQueuedIsSentAfterARestart() throws Exception {
    MetricRegistry metrics1 = new MetricRegistry();
    FileStorageExtension ext1 = storage();
    Exporter first;
    try (OtlpSink down = OtlpSink.grpc()) {
      for (int i = 0; i < 10_000; i++) {
        down.then(OtlpSink.Answer.fail(new RetryableException("backend down")));
      }
      first = new OtlpExporterFactory().create(exporterSettings(metrics1), config(down), Set.of(Signal.TRACES,
          Signal.LOGS));
      first.start(new TestHost().with(STORAGE, ext1));
      first.consumer(Signal.TRACES).consume(TENANT, TestData.traces("svc", 0, 5));
      first.consumer(Signal.TRACES).consume(TENANT, TestData.traces("svc", 5, 3));
      first.consumer(Signal.LOGS).consume(Context.empty(), TestData.logs(0, 4));
      await().until(() -> down.attempts().size() >= 6);
      first.shutdown(Deadline.in(Duration.ofMillis(500)));
      ext1.shutdown(Deadline.in(Duration.ofSeconds(1)));
      assertThat(down.received()).isEmpty();
    }
    assertThat(metrics1.value("otelcol_exporter_retries", "data_type", "traces")).isPositive();
    assertThat(metrics1.value("otelcol_exporter_send_failed_spans", "reason", "shutdown"))
        .isZero(); // kept, never counted as dropped
    assertThat(metrics1.value("otelcol_exporter_sent_spans")).isZero();
    assertThat(dir.resolve("exporter_otlp_traces")).isDirectory();
    assertThat(dir.resolve("exporter_otlp_logs")).isDirectory();

    MetricRegistry metrics2 = new MetricRegistry();
    FileStorageExtension ext2 = storage();
    try (OtlpSink up = OtlpSink.grpc()) {
      Exporter second = new OtlpExporterFactory().create(exporterSettings(metrics2), config(up),
          Set.of(Signal.TRACES, Signal.LOGS));
      second.start(new TestHost().with(STORAGE, ext2));
      await().until(() -> up.items() == 12);
      List<OtlpSink.Received> traces = up.received(Signal.TRACES);
      assertThat(traces).extracting(OtlpSink.Received::data)
          .containsExactlyInAnyOrder(TestData.traces("svc", 0, 5), TestData.traces("svc", 5, 3));
      assertThat(up.received(Signal.LOGS)).extracting(OtlpSink.Received::data)
          .containsExactly(TestData.logs(0, 4));
      second.shutdown(Deadline.in(Duration.ofSeconds(5)));
      ext2.shutdown(Deadline.in(Duration.ofSeconds(1)));
      assertThat(metrics2.value("otelcol_exporter_sent_spans")).isEqualTo(8);
    }
  }
}
