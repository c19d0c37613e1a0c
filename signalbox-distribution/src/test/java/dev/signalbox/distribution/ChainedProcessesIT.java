package dev.signalbox.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.RichData;
import dev.signalbox.testing.SignalboxProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Signalbox processes chained (otlp exporter → otlp receiver) keep content exactly: data with
 * every OTLP field, sent to the first as OTLP/gRPC protobuf and as OTLP/HTTP JSON, arrives at the
 * second's file exporter equal to what was sent.
 */
class ChainedProcessesIT {
  @TempDir
  Path dir;

  @Test
  void twoChainedProcessesPreserveEveryField() throws Exception {
    int aGrpc = Ports.free();
    int aHttp = Ports.free();
    int bGrpc = Ports.free();
    Path out = dir.resolve("b.jsonl");
    String b = """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: "127.0.0.1:%d"}
        exporters:
          file: {path: "%s", flush_interval: 0s}
        service:
          pipelines:
            traces: {receivers: [otlp], exporters: [file]}
            metrics: {receivers: [otlp], exporters: [file]}
            logs: {receivers: [otlp], exporters: [file]}
        """.formatted(bGrpc, out);
    String a = """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: "127.0.0.1:%d"}
              http: {endpoint: "127.0.0.1:%d"}
        processors:
          batch: {timeout: 100ms}
        exporters:
          otlp:
            endpoint: "127.0.0.1:%d"
            tls: {insecure: true}
        service:
          pipelines:
            traces: {receivers: [otlp], processors: [batch], exporters: [otlp]}
            metrics: {receivers: [otlp], processors: [batch], exporters: [otlp]}
            logs: {receivers: [otlp], processors: [batch], exporters: [otlp]}
        """.formatted(aGrpc, aHttp, bGrpc);
    List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    try (SignalboxProcess second = SignalboxProcess.start(dir.resolve("b"), b, jvm);
        SignalboxProcess first = SignalboxProcess.start(dir.resolve("a"), a, jvm);
        GrpcClient client = GrpcClient.create(GrpcClientConfig.defaults("http://127.0.0.1:" + aGrpc))) {
      Duration t = Duration.ofSeconds(10);
      client.call("opentelemetry.proto.collector.trace.v1.TraceService/Export",
          OtlpProtoCodec.INSTANCE.encode(RichData.traces()), t);
      client.call("opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
          OtlpProtoCodec.INSTANCE.encode(RichData.metrics()), t);
      client.call("opentelemetry.proto.collector.logs.v1.LogsService/Export",
          OtlpProtoCodec.INSTANCE.encode(RichData.logs()), t);
      HttpClient http = HttpClient.newHttpClient();
      for (String[] s : new String[][] {{"traces", new String(OtlpJsonCodec.INSTANCE.encode(RichData.traces()))},
          {"metrics", new String(OtlpJsonCodec.INSTANCE.encode(RichData.metrics()))},
          {"logs", new String(OtlpJsonCodec.INSTANCE.encode(RichData.logs()))}}) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + aHttp + "/v1/" + s[0]))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(s[1])).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }

      Traces wantTraces = RichData.traces();
      wantTraces.append(RichData.traces());
      Metrics wantMetrics = RichData.metrics();
      wantMetrics.append(RichData.metrics());
      Logs wantLogs = RichData.logs();
      wantLogs.append(RichData.logs());
      await().atMost(Duration.ofSeconds(30)).until(() ->
          InProcessSignalbox.readTraces(out).itemCount() == wantTraces.itemCount()
              && InProcessSignalbox.readMetrics(out).itemCount() == wantMetrics.itemCount()
              && InProcessSignalbox.readLogs(out).itemCount() == wantLogs.itemCount());
      assertThat(InProcessSignalbox.readTraces(out)).isEqualTo(wantTraces);
      assertThat(InProcessSignalbox.readMetrics(out)).isEqualTo(wantMetrics);
      assertThat(InProcessSignalbox.readLogs(out)).isEqualTo(wantLogs);

      assertThat(first.metric("otelcol_exporter_sent_spans_total{exporter=\"otlp\"}")).isEqualTo(wantTraces.itemCount());
      assertThat(second.metric("otelcol_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"grpc\"}"))
          .isEqualTo(wantTraces.itemCount());
      assertThat(first.stop()).isZero();
      assertThat(first.log()).contains("shutdown complete");
    }
  }
}
