package dev.signalbox.exporter.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Kind;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.Secret;
import dev.signalbox.exporter.zipkin.ZipkinExporterConfig.Format;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.testing.TestData;
import dev.signalbox.testing.fakes.FakeHttpServer;
import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zipkin2.codec.SpanBytesDecoder;

class ZipkinExporterTest {
  final MetricRegistry metrics = new MetricRegistry();
  final FakeHttpServer zipkin = FakeHttpServer.start().respond(r -> Answer.of(202));
  Exporter exporter;

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    zipkin.close();
  }

  Exporter start(ZipkinExporterConfig config) throws Exception {
    ComponentSettings s = new ComponentSettings(ComponentId.of("zipkin"), Kind.EXPORTER, "",
        metrics.meter().withLabels("exporter", "zipkin"), StatusReporter.NOOP, BuildInfo.DEFAULT);
    exporter = new ZipkinExporterFactory().create(s, config, java.util.Set.of(Signal.TRACES));
    exporter.start(null);
    return exporter;
  }

  ZipkinExporterConfig config() {
    ZipkinExporterConfig d = ZipkinExporterConfig.defaults(zipkin.url("/api/v2/spans"));
    return d.withSendingQueue(QueueConfig.defaults().withEnabled(false))
        .withRetryOnFailure(RetryConfig.defaults().withInitialInterval(Duration.ofMillis(10))
            .withMaxInterval(Duration.ofMillis(20)).withMaxElapsedTime(Duration.ofSeconds(10)));
  }

  void send(Traces t) throws Exception {
    exporter.consumer(Signal.TRACES).consume(Context.empty(), t);
  }

  double counter(String name, String... labels) {
    return metrics.value(name, labels);
  }

  @Test
  void postsZipkinV2JsonThatZipkinsDecoderReadsBack() throws Exception {
    start(config().withClient(config().client().withHeaders(Map.of("X-Tenant", Secret.of("t1")))));
    Traces t = TestData.traces("shop", 0, 3);

    send(t);

    FakeHttpServer.Request r = zipkin.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/v2/spans");
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.header("x-tenant")).isEqualTo("t1");
    List<zipkin2.Span> spans = SpanBytesDecoder.JSON_V2.decodeList(r.body());
    assertThat(spans).isEqualTo(new OtlpToZipkin("x").translate(t).spans());
    assertThat(spans).extracting(zipkin2.Span::name).containsExactly("span-0", "span-1", "span-2");
    assertThat(counter("otelcol_exporter_sent_spans", "exporter", "zipkin")).isEqualTo(3);
  }

  @Test
  void postsProto3WhenFormatIsProto() throws Exception {
    start(config().withFormat(Format.PROTO).withClient(config().client().withCompression("gzip")));

    send(TestData.traces("shop", 0, 2));

    FakeHttpServer.Request r = zipkin.requests().get(0);
    assertThat(r.header("content-type")).isEqualTo("application/x-protobuf");
    assertThat(r.header("content-encoding")).isEqualTo("gzip");
    assertThat(SpanBytesDecoder.PROTO3.decodeList(r.decodedBody())).extracting(zipkin2.Span::localServiceName)
        .containsExactly("shop", "shop");
  }

  @Test
  void clientErrorIsPermanentCountedAndNotRetried() throws Exception {
    start(config());
    zipkin.respond(r -> Answer.text(400, "Expected a JSON_V2 encoded list"));

    assertThatThrownBy(() -> send(TestData.traces(4)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("responded with HTTP 400: Expected a JSON_V2 encoded list");
    assertThat(zipkin.requests()).hasSize(1);
    assertThat(counter("otelcol_exporter_send_failed_spans", "exporter", "zipkin", "reason", "permanent"))
        .isEqualTo(4);
  }

  @Test
  void serverErrorsAndTooManyRequestsAreRetried() throws Exception {
    start(config());
    zipkin.enqueue(Answer.of(500), Answer.of(503), Answer.of(429).withHeader("Retry-After", "0"));

    send(TestData.traces(2));

    assertThat(zipkin.requests()).hasSize(4);
    assertThat(counter("otelcol_exporter_sent_spans", "exporter", "zipkin")).isEqualTo(2);
    assertThat(counter("otelcol_exporter_retries", "exporter", "zipkin", "data_type", "traces")).isEqualTo(3);
  }

  @Test
  void spansWithoutIdsAreDroppedAndCountedWhileTheOthersAreSent() throws Exception {
    start(config());
    Traces t = TestData.traces("shop", 0, 3);
    t.resourceSpans().get(0).scopeSpans().get(0).spans().get(1).setSpanId(0);

    assertThatThrownBy(() -> send(t)).isInstanceOf(PermanentException.class)
        .hasMessageContaining("cannot translate 1 span(s) to Zipkin: span \"span-1\" has no span id");
    assertThat(SpanBytesDecoder.JSON_V2.decodeList(zipkin.requests().get(0).body())).hasSize(2);
    assertThat(counter("otelcol_exporter_sent_spans", "exporter", "zipkin")).isEqualTo(2);
    assertThat(counter("otelcol_exporter_send_failed_spans", "exporter", "zipkin", "reason", "permanent"))
        .isEqualTo(1);
  }
}
