package dev.signalbox.receiver.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.kafka.KafkaTesting;
import dev.signalbox.kafka.PipelineProcess;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' high-availability layout with real processes: an agent (OTLP in → batch → kafka
 * exporter) → Kafka → a gateway (kafka receiver → file sink). The gateway is killed with SIGKILL in
 * the middle of the stream and started again; every span sent (by its {@code seq}) must reach the
 * sink at least once. Duplicates are allowed (at-least-once) and reported.
 */
class KafkaHighAvailabilityIT {
  private static final String EXPORT = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  private static final int REQUESTS = 500;
  private static final int SPANS_PER_REQUEST = 20;
  /** Load rate, as telemetrygen's --rate: one request per this many ms (about 10 s of stream). */
  private static final long REQUEST_INTERVAL_MS = 20;
  private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  @TempDir
  Path dir;

  @Test
  void gatewayKilledMidStreamAndRestartedLosesNothing() throws Exception {
    String topic = KafkaTesting.createTopic(KafkaTesting.uniqueName("ha"), 3);
    int agentPort = Ports.free();
    Path sink = dir.resolve("sink.json");
    String agentYaml = """
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:%d
        processors:
          batch:
        exporters:
          kafka:
            brokers: [%s]
            topic: %s
            encoding: otlp_proto
        service:
          pipelines:
            traces:
              receivers: [otlp]
              processors: [batch]
              exporters: [kafka]
        """.formatted(agentPort, KafkaTesting.bootstrap(), topic);
    // The gateway hands each message to a synchronous sink (the file is written before consume
    // returns), so an offset is committed only for data on disk: see the receiver's package doc.
    String gatewayYaml = """
        receivers:
          kafka:
            brokers: [%s]
            topic: %s
            encoding: otlp_proto
            group_id: otel-consumer-%s
            initial_offset: earliest
            session_timeout: 6s
            heartbeat_interval: 1s
        exporters:
          file:
            path: %s
            append: true
            flush_interval: 0s
        service:
          pipelines:
            traces:
              receivers: [kafka]
              exporters: [file]
        """.formatted(KafkaTesting.bootstrap(), topic, topic, sink);

    try (PipelineProcess agent = PipelineProcess.start(dir, "agent", agentYaml, JVM);
        GrpcClient client = GrpcClient.create(GrpcClientConfig.defaults("http://127.0.0.1:" + agentPort))) {
      PipelineProcess gateway = PipelineProcess.start(dir, "gateway", gatewayYaml, JVM);
      AtomicInteger sent = new AtomicInteger();
      Thread load = Thread.ofPlatform().name("load").start(() -> sendLoad(client, sent));
      PipelineProcess restarted = null;
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> seqCounts(sink).size() >= REQUESTS * SPANS_PER_REQUEST / 10);
        int sentAtKill = sent.get();
        gateway.kill();
        assertThat(sentAtKill).as("the gateway was killed mid-stream").isLessThan(REQUESTS);
        restarted = PipelineProcess.start(dir, "gateway-restarted", gatewayYaml, JVM);

        load.join(Duration.ofSeconds(120));
        assertThat(sent.get()).isEqualTo(REQUESTS);
        int total = REQUESTS * SPANS_PER_REQUEST;
        await().atMost(Duration.ofSeconds(90)).until(() -> seqCounts(sink).size() == total);

        Map<Long, Integer> counts = seqCounts(sink);
        long lost = 0;
        for (long seq = 0; seq < total; seq++) {
          if (!counts.containsKey(seq)) {
            lost++;
          }
        }
        long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
        System.out.printf("kafka HA: %d spans sent in %d requests, gateway killed after %d requests; "
            + "lost %d, duplicates %d%n", total, REQUESTS, sentAtKill, lost, duplicates);
        assertThat(lost).as("spans lost").isZero();
        assertThat(counts.keySet()).allMatch(seq -> seq >= 0 && seq < total);
      } finally {
        load.interrupt();
        gateway.close();
        if (restarted != null) {
          restarted.stop();
        }
      }
    }
  }

  private static void sendLoad(GrpcClient client, AtomicInteger sent) {
    long next = System.nanoTime();
    for (int i = 0; i < REQUESTS && !Thread.currentThread().isInterrupted(); i++) {
      byte[] request = OtlpProtoCodec.INSTANCE.encode(TestData.traces("load", (long) i * SPANS_PER_REQUEST,
          SPANS_PER_REQUEST));
      while (true) {
        try {
          client.call(EXPORT, request, Duration.ofSeconds(10));
          break;
        } catch (ConsumeException e) {
          // the agent refused (queue full, not ready): send the same request again
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
      }
      sent.incrementAndGet();
      next += TimeUnit.MILLISECONDS.toNanos(REQUEST_INTERVAL_MS);
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  /** How many times each seq is in the sink file (OTLP/JSON lines; a torn last line is ignored). */
  static Map<Long, Integer> seqCounts(Path sink) throws IOException {
    Map<Long, Integer> counts = new HashMap<>();
    if (!Files.exists(sink)) {
      return counts;
    }
    for (String line : Files.readAllLines(sink, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      Traces t;
      try {
        t = OtlpJsonCodec.INSTANCE.decodeTraces(b, 0, b.length);
      } catch (MalformedDataException e) {
        continue;
      }
      t.resourceSpans().forEach(rs -> rs.scopeSpans().forEach(ss -> ss.spans().forEach(s -> counts.merge(
          Long.parseLong(s.attributes().get("seq").toString()), 1, Integer::sum))));
    }
    return counts;
  }
}
