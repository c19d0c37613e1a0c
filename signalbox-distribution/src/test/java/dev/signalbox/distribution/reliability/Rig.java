package dev.signalbox.distribution.reliability;

import dev.signalbox.distribution.telemetrygen.SeqSink;
import dev.signalbox.testing.SignalboxProcess;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** What the reliability tests share: JVM options, config pieces, waiting and reading metrics. */
final class Rig {
  private Rig() {}

  /** Signalbox's JVM in these tests (the memory test sets its own). */
  static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC");

  /** Polls every 200ms: these tests move in seconds. */
  static ConditionFactory await(Duration atMost) {
    return Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200));
  }

  /**
   * The otlp exporter to {@code sinkEndpoint}: retries never give up and back off at most 1s (so a
   * returning backend is noticed at once), plus {@code sendingQueue} (YAML flow mapping content).
   */
  static String otlpExporter(String sinkEndpoint, String sendingQueue) {
    return """
          otlp:
            endpoint: "%s"
            tls: {insecure: true}
            timeout: 5s
            retry_on_failure: {initial_interval: 200ms, max_interval: 1s, max_elapsed_time: 0s}
            sending_queue: {%s}
        """.formatted(sinkEndpoint, sendingQueue);
  }

  static String receiver(int grpcPort) {
    return """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: "127.0.0.1:%d"}
        """.formatted(grpcPort);
  }

  /** A counter's value summed over its series whose label set contains every one of {@code labels}. */
  static double metric(SignalboxProcess p, String name, String... labels) throws Exception {
    double sum = 0;
    for (String line : p.metrics().split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " ")
          || line.startsWith(name + "_total{") || line.startsWith(name + "_total "))) {
        continue;
      }
      String series = line.substring(0, line.lastIndexOf(' '));
      boolean all = true;
      for (String l : labels) {
        all &= series.contains(l);
      }
      if (all) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * Waits until the sink has every seq of {@code report}'s range; on timeout fails with the tally
   * and the logs of {@code processes}, so a failure says what is missing and why.
   */
  static SeqTally awaitNoGaps(SeqSink sink, TelemetrygenProcess.Report report, Duration timeout,
      SignalboxProcess... processes) {
    try {
      await(timeout).until(() -> SeqTally.of(sink.seqs(), report.firstSeq(), report.lastSeq()).gaps().isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder sb = new StringBuilder("still missing after " + timeout + ": "
          + SeqTally.of(sink.seqs(), report.firstSeq(), report.lastSeq()).line() + "\n" + report);
      for (SignalboxProcess p : processes) {
        String log = p.log();
        sb.append("\n---- ").append(p.logFile()).append('\n').append(log, Math.max(0, log.length() - 20_000),
            log.length());
      }
      throw new AssertionError(sb.toString(), e);
    }
    return SeqTally.of(sink.seqs(), report.firstSeq(), report.lastSeq());
  }

  static String gb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
