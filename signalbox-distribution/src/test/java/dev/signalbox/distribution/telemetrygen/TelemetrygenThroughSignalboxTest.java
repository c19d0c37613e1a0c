package dev.signalbox.distribution.telemetrygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.RetryableException;
import dev.signalbox.distribution.BuiltinComponents;
import dev.signalbox.distribution.Main;
import dev.signalbox.pdata.Signal;
import dev.signalbox.service.Service;
import dev.signalbox.service.config.ConfigLoader;
import dev.signalbox.service.config.ConfigSource;
import dev.signalbox.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * telemetrygen → Signalbox (otlp receiver → batch → otlp and otlphttp exporters) → two sinks: every
 * item reaches both sinks exactly once, also when the sinks refuse requests for a while.
 */
class TelemetrygenThroughSignalboxTest {
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  @Test
  void everyItemReachesBothExportersExactlyOnceDespiteRefusals() throws Exception {
    SeqSink grpcSink = SeqSink.grpc();
    SeqSink httpSink = SeqSink.http();
    closeables.add(grpcSink);
    closeables.add(httpSink);
    grpcSink.refuseNext(3, () -> new RetryableException("busy", null, Duration.ofMillis(20), false));
    httpSink.refuseNext(3, () -> new RetryableException("full", null, null, true));
    int grpcPort = Ports.free();
    int httpPort = Ports.free();
    String yaml = """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: "127.0.0.1:%d"}
              http: {endpoint: "127.0.0.1:%d"}
        processors:
          batch: {timeout: 20ms, send_batch_size: 500}
        exporters:
          otlp:
            endpoint: "%s"
            tls: {insecure: true}
            retry_on_failure: {initial_interval: 10ms, max_interval: 50ms, max_elapsed_time: 30s}
          otlphttp:
            endpoint: "http://%s"
            retry_on_failure: {initial_interval: 10ms, max_interval: 50ms, max_elapsed_time: 30s}
        service:
          telemetry: {metrics: {level: none}}
          pipelines:
            traces: {receivers: [otlp], processors: [batch], exporters: [otlp, otlphttp]}
            metrics: {receivers: [otlp], processors: [batch], exporters: [otlp, otlphttp]}
            logs: {receivers: [otlp], processors: [batch], exporters: [otlp, otlphttp]}
        """.formatted(grpcPort, httpPort, grpcSink.endpoint(), httpSink.endpoint());
    var rc = ConfigLoader.loadSources(List.of(ConfigSource.of("test.yaml", yaml)), System::getenv,
        BuiltinComponents.registry());
    Service service = Service.create(rc, BuiltinComponents.registry(), Main.BUILD_INFO);
    service.start();
    closeables.add(() -> service.shutdown(Duration.ofSeconds(10)));

    PrintStream err = new PrintStream(new ByteArrayOutputStream());
    Summary traces = new Telemetrygen(options(Signal.TRACES, "127.0.0.1:" + grpcPort, false, 2000, 0), err).run();
    Summary logs = new Telemetrygen(options(Signal.LOGS, "127.0.0.1:" + httpPort, true, 1000, 10_000), err).run();
    Summary metrics = new Telemetrygen(options(Signal.METRICS, "127.0.0.1:" + grpcPort, false, 500, 20_000), err).run();

    assertThat(List.of(traces, logs, metrics)).allSatisfy(s -> assertThat(s.failed()).isZero());
    List<Long> expected = new ArrayList<>();
    expected.addAll(range(0, 2000));
    expected.addAll(range(10_000, 1000));
    expected.addAll(range(20_000, 500));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(grpcSink.sortedSeqs()).isEqualTo(expected);
      assertThat(httpSink.sortedSeqs()).isEqualTo(expected);
    });
  }

  private static TelemetrygenOptions options(Signal<?> signal, String endpoint, boolean http, long count, long seqStart) {
    TelemetrygenOptions d = TelemetrygenOptions.defaults(signal, count);
    return new TelemetrygenOptions(signal, endpoint, http, true, Map.of(), !http, 0, Duration.ZERO, count, 2, 100, 2,
        16, "e2e", seqStart, Duration.ofSeconds(30), d.timeout(), Duration.ZERO, null);
  }

  private static List<Long> range(long from, long n) {
    return LongStream.range(from, from + n).boxed().toList();
  }
}
