package dev.signalbox.distribution.telemetrygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.Secret;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metric;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.SeverityNumber;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.PartialSuccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** telemetrygen against an in-process sink (our gRPC/HTTP server and codec). */
class TelemetrygenTest {
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private SeqSink sink(boolean http) throws Exception {
    SeqSink s = SeqSink.of(http);
    closeables.add(s);
    return s;
  }

  private static TelemetrygenOptions options(Signal<?> signal, SeqSink sink, boolean http, long count) {
    TelemetrygenOptions d = TelemetrygenOptions.defaults(signal, count);
    return new TelemetrygenOptions(signal, sink.endpoint(), http, true, Map.of(), false, 0, Duration.ZERO, count,
        d.workers(), d.batchSize(), d.attributes(), d.attributeSize(), d.service(), d.seqStart(), d.maxRetryTime(),
        d.timeout(), Duration.ZERO, null);
  }

  private static TelemetrygenOptions with(TelemetrygenOptions o, int workers, int batchSize, long seqStart) {
    return new TelemetrygenOptions(o.signal(), o.endpoint(), o.http(), o.insecure(), o.headers(), o.gzip(), o.rate(),
        o.duration(), o.count(), workers, batchSize, o.attributes(), o.attributeSize(), o.service(), seqStart,
        o.maxRetryTime(), o.timeout(), o.progress(), o.reportFile());
  }

  private Summary run(TelemetrygenOptions o) throws Exception {
    return new Telemetrygen(o, err).run();
  }

  private static List<Long> range(long from, long n) {
    return LongStream.range(from, from + n).boxed().toList();
  }

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({"traces,grpc", "metrics,grpc", "logs,grpc", "traces,http", "metrics,http", "logs,http"})
  void deliversEverySeqExactlyOnce(String signalName, String transport) throws Exception {
    boolean http = transport.equals("http");
    Signal<?> signal = Signal.byName(signalName);
    SeqSink sink = sink(http);
    TelemetrygenOptions o = with(options(signal, sink, http, 1000), 3, 64, 5000);

    Summary s = run(o);

    assertThat(sink.sortedSeqs()).isEqualTo(range(5000, 1000));
    assertThat(s.sent()).isEqualTo(1000);
    assertThat(s.requests()).isEqualTo(16); // 15 x 64 + 40
    assertThat(s.failed()).isZero();
    assertThat(s.retries()).isZero();
    assertThat(s.firstSeq()).isEqualTo(5000);
    assertThat(s.lastSeq()).isEqualTo(5999);
    assertThat(s.exitCode()).isZero();
    assertThat(s.line()).isEqualTo("sent: 1000 items in 16 requests, failed: 0, retries: 0");
  }

  @Test
  void spansHaveRealisticContent() throws Exception {
    SeqSink sink = sink(false);
    TelemetrygenOptions d = options(Signal.TRACES, sink, false, 10);
    TelemetrygenOptions o = new TelemetrygenOptions(Signal.TRACES, d.endpoint(), false, true, Map.of(), false, 0,
        Duration.ZERO, 10, 1, 10, 3, 24, "checkout", 0, d.maxRetryTime(), d.timeout(), Duration.ZERO, null);
    long before = BatchFactory.epochNanos();

    run(o);

    Traces t = (Traces) sink.batches().get(0);
    assertThat(t.resourceSpans().get(0).resource().attributes().getString("service.name")).isEqualTo("checkout");
    assertThat(t.resourceSpans().get(0).scopeSpans().get(0).scope().name()).isEqualTo("signalbox/telemetrygen");
    List<Span> spans = t.resourceSpans().get(0).scopeSpans().get(0).spans().asList();
    assertThat(spans).hasSize(10);
    Span root = spans.get(0);
    assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(root.name()).isEqualTo("GET /api/orders");
    assertThat(root.parentSpanId()).isZero();
    assertThat(root.statusCode()).isEqualTo(StatusCode.ERROR); // seq 0: one span in 50 fails
    assertThat(spans.get(1).statusCode()).isEqualTo(StatusCode.OK);
    assertThat(spans.get(1).parentSpanId()).isEqualTo(root.spanId());
    assertThat(spans.get(1).traceId()).isEqualTo(root.traceId());
    assertThat(spans.get(5).traceId()).isNotEqualTo(root.traceId());
    assertThat(spans).extracting(Span::spanId).doesNotHaveDuplicates().doesNotContain(0L);
    for (Span s : spans) {
      assertThat(s.traceIdHigh() | s.traceIdLow()).isNotZero();
      assertThat(s.endTimeUnixNano()).isGreaterThanOrEqualTo(before);
      assertThat(s.endTimeUnixNano() - s.startTimeUnixNano()).isBetween(1_000_000L, 10_000_000L);
      assertThat(s.attributes().size()).isEqualTo(4);
      assertThat(s.attributes().get("seq")).isInstanceOf(AnyValue.IntValue.class);
      assertThat(s.attributes().getString("attr.2")).hasSize(24);
    }
  }

  @Test
  void metricsAreASumAndAGaugeAndLogsHaveABodyAndSeverity() throws Exception {
    SeqSink sink = sink(false);
    run(with(options(Signal.METRICS, sink, false, 10), 1, 10, 0));
    run(with(options(Signal.LOGS, sink, false, 10), 1, 10, 0));

    Metrics m = (Metrics) sink.batches().get(0);
    List<Metric> metrics = m.resourceMetrics().get(0).scopeMetrics().get(0).metrics().asList();
    assertThat(metrics).extracting(Metric::name).containsExactly("telemetrygen.requests", "telemetrygen.queue.depth");
    assertThat(metrics.get(0).sum().isMonotonic()).isTrue();
    assertThat(metrics.get(0).sum().dataPoints().asList()).extracting(p -> p.intValue())
        .containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(metrics.get(1).gauge().dataPoints().size()).isEqualTo(5);
    Logs l = (Logs) sink.batches().get(1);
    var records = l.resourceLogs().get(0).scopeLogs().get(0).logRecords().asList();
    assertThat(records).hasSize(10);
    assertThat(records.get(0).body().asString()).isEqualTo("user signed in");
    assertThat(records.get(0).severityNumber()).isEqualTo(SeverityNumber.INFO);
    assertThat(records.get(9).severityNumber()).isEqualTo(SeverityNumber.ERROR);
    assertThat(records.get(9).severityText()).isEqualTo("ERROR");
  }

  @ParameterizedTest(name = "over {0}")
  @CsvSource({"grpc", "http"})
  void retriesRefusedRequestsWithoutAdvancingSeq(String transport) throws Exception {
    boolean http = transport.equals("http");
    SeqSink sink = sink(http);
    // gRPC: UNAVAILABLE with RetryInfo 20ms; HTTP: 429 (no Retry-After, so the backoff decides)
    sink.refuseNext(3, () -> http ? new RetryableException("memory limit", null, null, true)
        : new RetryableException("busy", null, Duration.ofMillis(20), false));

    Summary s = run(with(options(Signal.LOGS, sink, http, 300), 1, 100, 0));

    assertThat(sink.sortedSeqs()).isEqualTo(range(0, 300));
    assertThat(sink.attempts()).isEqualTo(6);
    assertThat(s.retries()).isEqualTo(3);
    assertThat(s.sent()).isEqualTo(300);
    assertThat(s.failed()).isZero();
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("telemetrygen: retrying in");
  }

  @Test
  void honoursTheRetryInfoDelay() throws Exception {
    SeqSink sink = sink(false);
    sink.refuseNext(1, () -> new RetryableException("busy", null, Duration.ofMillis(400), false));

    Summary s = run(with(options(Signal.TRACES, sink, false, 10), 1, 10, 0));

    assertThat(s.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    assertThat(s.sent()).isEqualTo(10);
  }

  @Test
  void countsPermanentRefusalsAsFailed() throws Exception {
    SeqSink sink = sink(false);
    sink.refuseAll(() -> new PermanentException("bad data"));

    Summary s = run(with(options(Signal.TRACES, sink, false, 250), 2, 100, 0));

    assertThat(s.failed()).isEqualTo(250);
    assertThat(s.sent()).isZero();
    assertThat(s.failedRequests()).isEqualTo(3);
    assertThat(s.retries()).isZero();
    assertThat(s.exitCode()).isEqualTo(1);
    assertThat(s.lastError()).contains("INVALID_ARGUMENT: bad data");
    assertThat(sink.attempts()).isEqualTo(3);
  }

  @Test
  void givesUpWhenMaxRetryTimeRunsOut() throws Exception {
    SeqSink sink = sink(false);
    sink.refuseAll(() -> new RetryableException("down", null, Duration.ofMillis(100), false));
    TelemetrygenOptions o = options(Signal.METRICS, sink, false, 100);
    o = new TelemetrygenOptions(o.signal(), o.endpoint(), false, true, Map.of(), false, 0, Duration.ZERO, 100, 1, 100,
        0, 16, "svc", 0, Duration.ofMillis(350), o.timeout(), Duration.ZERO, null);

    Summary s = run(o);

    assertThat(s.failed()).isEqualTo(100);
    // attempts at about 0, 100, 200 and 300ms; the next would pass 350ms (fewer on a slow machine)
    assertThat(s.retries()).isBetween(1L, 3L);
    assertThat(sink.attempts()).isEqualTo(s.retries() + 1);
    assertThat(s.lastError()).contains("giving up after retrying").contains("UNAVAILABLE: down");
    assertThat(s.exitCode()).isEqualTo(1);
  }

  @Test
  void countsItemsRejectedInAPartialSuccessAsFailed() throws Exception {
    SeqSink sink = sink(true);
    sink.answer(new PartialSuccess(7, "too old"));

    Summary s = run(with(options(Signal.LOGS, sink, true, 200), 1, 100, 0));

    assertThat(s.sent()).isEqualTo(186);
    assertThat(s.failed()).isEqualTo(14);
    assertThat(s.requests()).isEqualTo(2);
    assertThat(s.lastError()).contains("rejected 7 of 100 items: too old");
  }

  @Test
  void roughlyHonoursTheRate() throws Exception {
    SeqSink sink = sink(false);
    TelemetrygenOptions o = options(Signal.TRACES, sink, false, 0);
    o = new TelemetrygenOptions(o.signal(), o.endpoint(), false, true, Map.of(), false, 2000, Duration.ofSeconds(1),
        0, 2, 50, 0, 16, "svc", 0, o.maxRetryTime(), o.timeout(), Duration.ZERO, null);

    Summary s = run(o);

    // 2000/s for 1s: the pacer never runs ahead (at most the first request of each worker early),
    // and only a very slow machine falls far behind
    assertThat(s.sent()).isBetween(300L, 2200L);
    assertThat(s.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(sink.sortedSeqs()).isEqualTo(range(0, s.sent()));
  }

  @Test
  void writesTheReportFile() throws Exception {
    SeqSink sink = sink(true);
    Path report = tmp.resolve("report.json");
    TelemetrygenOptions o = with(options(Signal.METRICS, sink, true, 500), 2, 100, 42);
    o = new TelemetrygenOptions(o.signal(), o.endpoint(), true, true, Map.of(), false, 0, Duration.ZERO, 500, 2, 100,
        0, 16, "svc", 42, o.maxRetryTime(), o.timeout(), Duration.ZERO, report);

    Summary s = run(o);

    String json = Files.readString(report);
    assertThat(json).contains("\"signal\": \"metrics\"", "\"transport\": \"http\"",
        "\"endpoint\": \"http://" + sink.endpoint() + "/v1/metrics\"", "\"sent\": 500", "\"failed\": 0",
        "\"retries\": 0", "\"requests\": 5", "\"first_seq\": 42", "\"last_seq\": 541", "\"last_error\": \"\"");
    assertThat(json).contains("\"duration_seconds\": " + String.format(java.util.Locale.ROOT, "%.3f",
        s.duration().toNanos() / 1e9));
  }

  @Test
  void writesTheReportBeforeAwaitDoneReturnsWhenStopped() throws Exception {
    // A shutdown hook (SIGTERM) stops the generator and waits in awaitDone; the JVM exits right after.
    SeqSink sink = sink(false);
    Path report = tmp.resolve("stopped.json");
    TelemetrygenOptions o = options(Signal.TRACES, sink, false, 0);
    o = new TelemetrygenOptions(o.signal(), o.endpoint(), false, true, Map.of(), false, 1000, Duration.ofMinutes(5), 0,
        1, 10, 0, 16, "svc", 0, o.maxRetryTime(), o.timeout(), Duration.ZERO, report);
    Telemetrygen gen = new Telemetrygen(o, err);
    Thread runner = Thread.ofPlatform().start(() -> {
      try {
        gen.run();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> !sink.seqs().isEmpty());

    gen.stop();

    assertThat(gen.awaitDone(Duration.ofSeconds(10))).isTrue();
    assertThat(report).exists();
    assertThat(Files.readString(report)).contains("\"failed\": 0");
    runner.join();
  }

  @Test
  void sendsHeadersAndGzipFromTheCommandLine() throws Exception {
    SeqSink grpc = sink(false);
    SeqSink http = sink(true);

    int c1 = cli("traces", "--otlp-endpoint", grpc.endpoint(), "--count", "10", "--compression", "gzip",
        "--otlp-header", "x-tenant=acme", "--otlp-header", "authorization=\"Bearer s3cret\"", "--progress", "0");
    int c2 = cli("logs", "--otlp-http", "--otlp-endpoint", http.endpoint(), "--count", "10", "--compression", "gzip",
        "--otlp-header", "X-Tenant=acme", "--progress", "0");

    assertThat(c1).isZero();
    assertThat(c2).isZero();
    Map<String, List<String>> g = grpc.headers().get(0);
    assertThat(g.get("x-tenant")).containsExactly("acme");
    assertThat(g.get("authorization")).containsExactly("Bearer s3cret");
    assertThat(g.get("grpc-encoding")).containsExactly("gzip");
    assertThat(g.get("user-agent").get(0)).startsWith("signalbox-telemetrygen/");
    Map<String, List<String>> h = http.headers().get(0);
    assertThat(h.get("x-tenant")).containsExactly("acme");
    assertThat(h.get("content-encoding")).containsExactly("gzip");
    assertThat(h.get("content-type")).containsExactly("application/x-protobuf");
    assertThat(grpc.sortedSeqs()).isEqualTo(range(0, 10));
    assertThat(http.sortedSeqs()).isEqualTo(range(0, 10));
  }

  @Test
  void printsTheSummaryAndProgressAndExitsZero() throws Exception {
    SeqSink sink = sink(false);
    StringWriter out = new StringWriter();
    StringWriter errOut = new StringWriter();

    int code = cli(out, errOut, "traces", "--otlp-endpoint", sink.endpoint(), "--duration", "1200ms", "--rate", "500",
        "--progress", "500ms", "--seq-start", "7");

    assertThat(code).isZero();
    String summary = out.toString().strip();
    assertThat(summary).matches("sent: \\d+ items in \\d+ requests, failed: 0, retries: 0");
    long sent = Long.parseLong(summary.split(" ")[1]);
    assertThat(sink.sortedSeqs()).isEqualTo(range(7, sent));
    assertThat(errOut.toString()).contains("telemetrygen: 0.5s sent").contains("rate").contains("telemetrygen: done in");
  }

  @Test
  void exitsOneWhenItemsFailed() throws Exception {
    SeqSink sink = sink(false);
    sink.refuseAll(() -> new PermanentException("no"));
    StringWriter out = new StringWriter();

    int code = cli(out, new StringWriter(), "metrics", "--otlp-endpoint", sink.endpoint(), "--count", "5",
        "--progress", "0");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString().strip()).isEqualTo("sent: 0 items in 0 requests, failed: 5, retries: 0");
  }

  @Test
  void refusesMissingOrInvalidOptionsWithExitCodeTwo() {
    StringWriter errOut = new StringWriter();

    int none = cli(new StringWriter(), errOut, "traces");
    int bad = cli(new StringWriter(), errOut, "logs", "--count", "5", "--workers", "0", "--batch-size", "0");
    int header = cli(new StringWriter(), errOut, "logs", "--count", "5", "--otlp-header", "novalue");

    assertThat(none).isEqualTo(2);
    assertThat(bad).isEqualTo(2);
    assertThat(header).isEqualTo(2);
    assertThat(errOut.toString()).contains("Error: --duration or --count: one is required")
        .contains("Error: --workers: must be >= 1, got 0").contains("Error: --batch-size: must be >= 1, got 0")
        .contains("Error: --otlp-header: expected key=value, got 'novalue'");
  }

  @Test
  void choosesDefaultsByTransportAndHost() {
    TelemetrygenOptions grpc = parse("traces", "--count", "1");
    TelemetrygenOptions http = parse("traces", "--count", "1", "--otlp-http");
    TelemetrygenOptions remote = parse("traces", "--count", "1", "--otlp-endpoint", "otel.example.com:4317");
    TelemetrygenOptions remoteHttp = parse("logs", "--count", "1", "--otlp-http", "--otlp-endpoint", "otel.example.com:4318");
    TelemetrygenOptions forced = parse("traces", "--count", "1", "--otlp-endpoint", "otel.example.com:4317",
        "--otlp-insecure");
    TelemetrygenOptions tls = parse("traces", "--count", "5", "--duration", "1s", "--otlp-insecure=false");

    assertThat(grpc.endpoint()).isEqualTo("127.0.0.1:4317");
    assertThat(grpc.insecure()).isTrue();
    assertThat(grpc.gzip()).isFalse();
    assertThat(grpc.batchSize()).isEqualTo(100);
    assertThat(grpc.workers()).isEqualTo(4);
    assertThat(grpc.maxRetryTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(grpc.progress()).isEqualTo(Duration.ofSeconds(1));
    assertThat(http.endpoint()).isEqualTo("127.0.0.1:4318");
    assertThat(http.httpUrl()).isEqualTo("http://127.0.0.1:4318/v1/traces");
    assertThat(remote.insecure()).isFalse();
    assertThat(remoteHttp.httpUrl()).isEqualTo("https://otel.example.com:4318/v1/logs");
    assertThat(forced.insecure()).isTrue();
    assertThat(tls.insecure()).isFalse();
    assertThat(tls.countMode()).isTrue(); // count wins over duration
    assertThat(TelemetrygenOptions.isLoopback("localhost:4317")).isTrue();
    assertThat(TelemetrygenOptions.isLoopback("[::1]:4317")).isTrue();
    assertThat(TelemetrygenOptions.isLoopback("http://127.0.0.2:4318")).isTrue();
    assertThat(TelemetrygenOptions.isLoopback("10.0.0.1:4317")).isFalse();
    assertThat(TelemetrygenOptions.parseHeaders(List.of("a=b=c", "k='v'")))
        .isEqualTo(Map.of("a", Secret.of("b=c"), "k", Secret.of("v")));
  }

  private static TelemetrygenOptions parse(String... args) {
    TelemetrygenCommand cmd = new TelemetrygenCommand();
    new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return cmd.options();
  }

  private int cli(String... args) {
    return cli(new StringWriter(), new StringWriter(), args);
  }

  private static int cli(StringWriter out, StringWriter errOut, String... args) {
    CommandLine cl = new CommandLine(new TelemetrygenCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(errOut, true));
    return cl.execute(args);
  }
}
