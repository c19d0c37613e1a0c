package dev.signalbox.distribution;

import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.service.Service;
import dev.signalbox.service.config.ConfigLoader;
import dev.signalbox.service.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Signalbox running in the test's JVM from a YAML config, and readers of what a file exporter wrote. */
final class InProcessSignalbox implements AutoCloseable {
  final Service service;

  private InProcessSignalbox(Service service) {
    this.service = service;
  }

  static InProcessSignalbox start(String yaml) throws Exception {
    var rc = ConfigLoader.loadSources(List.of(ConfigSource.of("test.yaml", yaml)), System::getenv,
        BuiltinComponents.registry());
    Service s = Service.create(rc, BuiltinComponents.registry(), Main.BUILD_INFO);
    s.start();
    return new InProcessSignalbox(s);
  }

  @Override
  public void close() {
    service.shutdown(Duration.ofSeconds(10));
  }

  /** Everything of one signal in an OTLP/JSON-lines file, merged into one batch. */
  static Traces readTraces(Path file) throws Exception {
    Traces all = new Traces();
    for (String line : lines(file)) {
      if (line.startsWith("{\"resourceSpans\"")) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        all.append(OtlpJsonCodec.INSTANCE.decodeTraces(b, 0, b.length));
      }
    }
    return all;
  }

  static Metrics readMetrics(Path file) throws Exception {
    Metrics all = new Metrics();
    for (String line : lines(file)) {
      if (line.startsWith("{\"resourceMetrics\"")) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        all.append(OtlpJsonCodec.INSTANCE.decodeMetrics(b, 0, b.length));
      }
    }
    return all;
  }

  static Logs readLogs(Path file) throws Exception {
    Logs all = new Logs();
    for (String line : lines(file)) {
      if (line.startsWith("{\"resourceLogs\"")) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        all.append(OtlpJsonCodec.INSTANCE.decodeLogs(b, 0, b.length));
      }
    }
    return all;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }
}
