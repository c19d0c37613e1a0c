package dev.signalbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.ProcessStats;
import dev.signalbox.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End-to-end cost of the Kafka hop: agent (otlp receiver → kafka exporter) → broker → gateway
 * (kafka receiver → file exporter, protobuf) as child processes, spans per CPU-second of the two
 * Signalbox processes (from /proc). Reported, not asserted. Not run by {@code bin/test} (its name
 * matches neither *Test nor *IT); run it with
 * {@code mvn -o -pl signalbox-kafka -am test -Dtest=KafkaPipelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the result in {@code target/surefire-reports/dev.signalbox.kafka.KafkaPipelineBenchmark-output.txt}.
 */
@Tag("benchmark")
class KafkaPipelineBenchmark {
  private static final String EXPORT = "opentelemetry.proto.collector.trace.v1.TraceService/Export";
  private static final int SPANS_PER_REQUEST = Integer.getInteger("bench.spansPerRequest", 500);
  private static final int REQUESTS = Integer.getInteger("bench.requests", 2000);
  private static final int WARMUP_REQUESTS = Integer.getInteger("bench.warmupRequests", 400);
  private static final int SENDERS = 4;
  private static final List<String> JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");

  @Test
  void spansPerCpuSecond() throws Exception {
    Path dir = Files.createTempDirectory("kafka-bench");
    String topic = KafkaTesting.createTopic(KafkaTesting.uniqueName("bench"), 3);
    int agentPort = Ports.free();
    String agentYaml = """
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:%d
        exporters:
          kafka:
            brokers: [%s]
            traces: {topic: %s}
        service:
          pipelines:
            traces:
              receivers: [otlp]
              exporters: [kafka]
        """.formatted(agentPort, KafkaTesting.bootstrap(), topic);
    String gatewayYaml = """
        receivers:
          kafka:
            brokers: [%s]
            traces: {topic: %s}
            group_id: bench
            initial_offset: earliest
        exporters:
          file:
            path: %s
            format: proto
        service:
          pipelines:
            traces:
              receivers: [kafka]
              exporters: [file]
        """.formatted(KafkaTesting.bootstrap(), topic, dir.resolve("out.pb"));
    byte[][] requests = new byte[64][];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = OtlpProtoCodec.INSTANCE.encode(TestData.traces("bench", (long) i * SPANS_PER_REQUEST,
          SPANS_PER_REQUEST));
    }
    try (PipelineProcess agent = PipelineProcess.start(dir, "agent", agentYaml, JVM);
        PipelineProcess gateway = PipelineProcess.start(dir, "gateway", gatewayYaml, JVM);
        GrpcClient client = GrpcClient.create(GrpcClientConfig.defaults("http://127.0.0.1:" + agentPort))) {
      String accepted = "otelcol_receiver_accepted_spans_total{receiver=\"kafka\",transport=\"kafka\"}";
      send(client, requests, WARMUP_REQUESTS);
      long warm = (long) WARMUP_REQUESTS * SPANS_PER_REQUEST;
      awaitMetric(gateway, accepted, warm);

      ProcessStats a0 = ProcessStats.of(agent.pid());
      ProcessStats g0 = ProcessStats.of(gateway.pid());
      long t0 = System.nanoTime();
      send(client, requests, REQUESTS);
      long total = warm + (long) REQUESTS * SPANS_PER_REQUEST;
      awaitMetric(gateway, accepted, total);
      double seconds = (System.nanoTime() - t0) / 1e9;
      ProcessStats a1 = ProcessStats.of(agent.pid());
      ProcessStats g1 = ProcessStats.of(gateway.pid());
      double agentCpu = a1.cpuSince(a0);
      double gatewayCpu = g1.cpuSince(g0);
      long spans = (long) REQUESTS * SPANS_PER_REQUEST;
      System.out.printf("kafka pipeline: %d spans (%d requests x %d spans, ~%d bytes each) in %.1f s wall = %.0f spans/s%n"
          + "  agent   (otlp -> kafka exporter): %.2f CPU-s = %.0f spans per CPU-second, peak RSS %d MiB%n"
          + "  gateway (kafka receiver -> file): %.2f CPU-s = %.0f spans per CPU-second, peak RSS %d MiB%n"
          + "  both: %.0f spans per CPU-second%n",
          spans, REQUESTS, SPANS_PER_REQUEST, requests[0].length, seconds, spans / seconds,
          agentCpu, spans / agentCpu, a1.peakRssBytes() >> 20,
          gatewayCpu, spans / gatewayCpu, g1.peakRssBytes() >> 20,
          spans / (agentCpu + gatewayCpu));
      assertThat(gateway.metric(accepted)).isEqualTo((double) total);
    }
  }

  private static void send(GrpcClient client, byte[][] requests, int count) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      senders.add(Thread.ofPlatform().start(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          byte[] r = requests[i % requests.length];
          while (true) {
            try {
              client.call(EXPORT, r, Duration.ofSeconds(30));
              break;
            } catch (ConsumeException e) {
              Thread.onSpinWait();
            }
          }
        }
      }));
    }
    for (Thread t : senders) {
      t.join();
    }
  }

  private static void awaitMetric(PipelineProcess p, String sample, long value) throws Exception {
    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
        .until(() -> p.metric(sample) >= value);
  }
}
