package dev.signalbox.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Kind;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.pdata.Signal;
import dev.signalbox.service.config.TestFactories.BatchConfig;
import dev.signalbox.service.config.TestFactories.BearerTokenConfig;
import dev.signalbox.service.config.TestFactories.ClientConfig;
import dev.signalbox.service.config.TestFactories.Compression;
import dev.signalbox.service.config.TestFactories.DebugConfig;
import dev.signalbox.service.config.TestFactories.GrpcServer;
import dev.signalbox.service.config.TestFactories.HealthCheckConfig;
import dev.signalbox.service.config.TestFactories.HttpServer;
import dev.signalbox.service.config.TestFactories.Match;
import dev.signalbox.service.config.TestFactories.OtlpExporterConfig;
import dev.signalbox.service.config.TestFactories.OtlpReceiverConfig;
import dev.signalbox.service.config.TestFactories.Protocols;
import dev.signalbox.service.config.TestFactories.QueueConfig;
import dev.signalbox.service.config.TestFactories.RetryConfig;
import dev.signalbox.service.config.TestFactories.Route;
import dev.signalbox.service.config.TestFactories.RoutingConfig;
import dev.signalbox.service.config.TestFactories.TlsClient;
import dev.signalbox.service.config.TestFactories.Verbosity;
import dev.signalbox.service.config.TelemetrySettings.LogEncoding;
import dev.signalbox.service.config.TelemetrySettings.LogLevel;
import dev.signalbox.service.config.TelemetrySettings.MetricsLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final Function<String, String> ENV = Map.of("TOKEN", "s3cr3t")::get;
  static final String MINIMAL = """
      receivers:
        otlp:
          protocols:
            grpc:
      exporters:
        debug:
      service:
        pipelines:
          traces:
            receivers: [otlp]
            exporters: [debug]
      """;

  @TempDir
  Path dir;

  static String resource(String name) throws IOException {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static ResolvedConfig loadFixture() throws Exception {
    return ConfigLoader.loadSources(List.of(ConfigSource.of("config.yaml", resource("config.yaml"))), ENV,
        TestFactories.registry());
  }

  static Object config(ResolvedConfig c, Kind kind, String id) {
    return c.component(kind, ComponentId.parse(id)).config();
  }

  @Test
  void bindsEveryComponentOfTheFixtureAsWholeRecords() throws Exception {
    ResolvedConfig c = loadFixture();

    assertThat(config(c, Kind.RECEIVER, "otlp")).isEqualTo(new OtlpReceiverConfig(new Protocols(
        new GrpcServer("127.0.0.1:14317", 16, Duration.ofHours(2), null),
        new HttpServer("localhost:4318", List.of(), ByteSize.ofMiB(20)))));
    assertThat(config(c, Kind.RECEIVER, "otlp/internal")).isEqualTo(new OtlpReceiverConfig(new Protocols(
        null,
        new HttpServer("127.0.0.1:14318", List.of("https://example.com"), ByteSize.ofBytes(5_000_000)))));
    assertThat(config(c, Kind.PROCESSOR, "batch")).isEqualTo(new BatchConfig(Duration.ofSeconds(90), 1024, 2048, List.of()));
    assertThat(config(c, Kind.PROCESSOR, "batch/quick")).isEqualTo(BatchConfig.defaults());
    Map<String, Route> routes = new LinkedHashMap<>();
    routes.put("main", new Route(List.of(ComponentId.of("debug")), 1, true));
    routes.put("other", new Route(List.of(ComponentId.of("otlp", "backend")), 5, true));
    assertThat(config(c, Kind.PROCESSOR, "routing")).isEqualTo(new RoutingConfig(routes,
        Map.of("tenant", new Match("tenant.id", Duration.ofMillis(1500), Secret.EMPTY, List.of())), "main"));
    assertThat(config(c, Kind.EXPORTER, "debug")).isEqualTo(new DebugConfig(Verbosity.DETAILED, 2, 1));
    assertThat(config(c, Kind.EXPORTER, "otlp/backend")).isEqualTo(new OtlpExporterConfig(
        new ClientConfig("backend.example.com:4317", Map.of("authorization", Secret.of("Bearer s3cr3t")),
            new TlsClient(true, "")),
        Duration.ofSeconds(10),
        new QueueConfig(true, 10, 5000, ByteSize.ofMiB(512)),
        new RetryConfig(true, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ZERO, 2.0),
        Compression.ZSTD));
    assertThat(config(c, Kind.EXTENSION, "health_check")).isEqualTo(HealthCheckConfig.defaults());
    assertThat(config(c, Kind.EXTENSION, "bearertokenauth"))
        .isEqualTo(new BearerTokenConfig("Bearer", Secret.of("s3cr3t"), List.of()));
    assertThat(c.components(Kind.CONNECTOR)).isEmpty();
  }

  @Test
  void resolvesServiceSectionOfTheFixture() throws Exception {
    ResolvedConfig c = loadFixture();

    assertThat(c.serviceExtensions()).containsExactly(ComponentId.of("health_check"), ComponentId.of("bearertokenauth"));
    PipelineId traces = new PipelineId(Signal.TRACES, "");
    PipelineId metrics = new PipelineId(Signal.METRICS, "internal");
    assertThat(c.pipelines()).containsExactly(
        entry(traces, new PipelineConfig(traces, List.of(ComponentId.of("otlp")),
            List.of(ComponentId.of("batch"), ComponentId.of("routing")),
            List.of(ComponentId.of("otlp", "backend"), ComponentId.of("debug")))),
        entry(metrics, new PipelineConfig(metrics, List.of(ComponentId.of("otlp", "internal")),
            List.of(ComponentId.of("batch", "quick")), List.of(ComponentId.of("debug")))));
    assertThat(c.telemetry()).isEqualTo(new TelemetrySettings(
        new TelemetrySettings.Logs(LogLevel.DEBUG, LogEncoding.JSON),
        new TelemetrySettings.Metrics(MetricsLevel.DETAILED, "127.0.0.1:18888"),
        Map.of("service.name", "signalbox-test")));
    assertThat(c.warnings()).isEmpty();
    assertThat(c.component(Kind.EXPORTER, ComponentId.of("otlp", "backend")).factory().type().name()).isEqualTo("otlp");
  }

  @Test
  void defaultTelemetryWhenNotWritten() throws Exception {
    ResolvedConfig c = ConfigLoader.loadSources(List.of(ConfigSource.of("a.yaml", MINIMAL)), ENV, TestFactories.registry());

    assertThat(c.telemetry()).isEqualTo(TelemetrySettings.defaults());
    assertThat(c.telemetry().metrics().address()).isEqualTo("127.0.0.1:8888");
  }

  @Test
  void mergesFilesEnvAndInlineSourcesInOrder() throws Exception {
    Path base = Files.writeString(dir.resolve("base.yaml"), MINIMAL + """
        processors:
          batch:
            timeout: 1s
            send_batch_size: 100
            metadata_keys: [a, b]
        """);
    Path overlay = Files.writeString(dir.resolve("overlay.yaml"), """
        processors:
          batch:
            send_batch_size: 200
            metadata_keys: [c]
        service:
          pipelines:
            traces:
              processors: [batch]
        """);
    Function<String, String> env = Map.of("EXTRA", "exporters: {debug: {verbosity: normal}}")::get;

    ResolvedConfig c = ConfigLoader.load(List.of(base.toString(), "file:" + overlay, "env:EXTRA",
        "yaml:exporters::debug::sampling_initial: 7"), env, TestFactories.registry());

    // maps merge deeply; scalars and lists are replaced by the later source
    assertThat(config(c, Kind.PROCESSOR, "batch")).isEqualTo(new BatchConfig(Duration.ofSeconds(1), 200, 0, List.of("c")));
    assertThat(config(c, Kind.EXPORTER, "debug")).isEqualTo(new DebugConfig(Verbosity.NORMAL, 7, 1));
    assertThat(c.pipelines().get(PipelineId.parse("traces")).processors()).containsExactly(ComponentId.of("batch"));
    assertThat(c.pipelines().get(PipelineId.parse("traces")).receivers()).containsExactly(ComponentId.of("otlp"));
  }

  @Test
  void aKeyWrittenWithNoValueByALaterSourceReplacesTheEarlierMapAsInTheCollector() throws Exception {
    ResolvedConfig c = ConfigLoader.load(List.of("yaml:exporters::debug::verbosity: detailed", "yaml:" + MINIMAL),
        ENV, TestFactories.registry());

    assertThat(config(c, Kind.EXPORTER, "debug")).isEqualTo(DebugConfig.defaults());
  }

  @Test
  void inlineYamlNamesKeysWithDoubleColonsAndFlowMaps() throws Exception {
    ResolvedConfig c = ConfigLoader.load(List.of("yaml:" + MINIMAL,
        "yaml:exporters::debug::verbosity: detailed",
        "yaml:{processors::batch: {timeout: 3s}, service::pipelines::traces::processors: [batch]}"),
        ENV, TestFactories.registry());

    assertThat(config(c, Kind.EXPORTER, "debug")).isEqualTo(new DebugConfig(Verbosity.DETAILED, 2, 1));
    assertThat(config(c, Kind.PROCESSOR, "batch")).isEqualTo(new BatchConfig(Duration.ofSeconds(3), 8192, 0, List.of()));
  }

  @Test
  void problemsNameTheirSourceAndAreSortedBySourceThenLine() throws Exception {
    Path a = Files.writeString(dir.resolve("a.yaml"), MINIMAL + """
        processors:
          batch:
            timeout: soon
        """);
    Function<String, String> env = Map.of("B", "exporters:\n  debug:\n    verbosity: loud\n")::get;

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
        List.of(a.toString(), "yaml:exporters::debug::sampling_initial: x", "env:B",
            "yaml:receivers::otlp::protocols::grpc::endpoint: ''"),
        env, TestFactories.registry()));

    assertThat(e.problems()).containsExactly(
        a + ":14:5 processors.batch.timeout: expected a duration such as 5s or 200ms, got 'soon'",
        "yaml[2]:1:1 exporters.debug.sampling_initial: expected an integer, got 'x'",
        "env:B:3:5 exporters.debug.verbosity: expected one of: basic, normal, detailed, got 'loud'",
        "yaml[4]:1:1 receivers.otlp.protocols.grpc.endpoint: must not be empty");
    assertThat(e.warnings()).containsExactly(
        a + ":13:3 processors.batch: processor 'batch' is defined but not used in any pipeline");
  }

  @Test
  void sourcesThatCannotBeReadAreReportedTogether() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
        List.of(dir.resolve("missing.yaml").toString(), "env:NOPE", "http://example.com/c.yaml", "file:" + dir),
        Map.<String, String>of()::get, TestFactories.registry()));

    assertThat(e.problems()).containsExactly(
        dir.resolve("missing.yaml") + ": config file not found",
        "env:NOPE: environment variable 'NOPE' is not set",
        "http://example.com/c.yaml: unsupported config source scheme 'http'; use a file path, file:path, env:VAR or yaml:...",
        dir + ": cannot read config file: Is a directory");
  }

  @Test
  void noSourceIsAnError() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(List.of(), ENV, TestFactories.registry()));

    assertThat(e.getMessage())
        .isEqualTo("--config: no configuration given: pass --config with a file path, file:path, env:VAR or yaml:...");
  }

  @Test
  void warnsAboutUnsetVariablesAndUnusedComponents() throws Exception {
    ResolvedConfig c = ConfigLoader.loadSources(List.of(ConfigSource.of("w.yaml", MINIMAL + """
        processors:
          batch:
            metadata_keys: ["${env:UNSET}", "${UNSET_WITH_DEFAULT:-x}"]
        """)), ENV, TestFactories.registry());

    assertThat(c.warnings()).containsExactly(
        "w.yaml:13:3 processors.batch: processor 'batch' is defined but not used in any pipeline",
        "w.yaml:14:21 processors.batch.metadata_keys[0]: environment variable 'UNSET' is not set; using an empty value");
    assertThat(config(c, Kind.PROCESSOR, "batch")).isEqualTo(new BatchConfig(Duration.ofMillis(200), 8192, 0, List.of("", "x")));
  }

  @Test
  void anchorsAndMergeKeysAreHonouredWithExplicitKeysWinning() throws Exception {
    ResolvedConfig c = ConfigLoader.loadSources(List.of(ConfigSource.of("m.yaml", MINIMAL), ConfigSource.of("m2.yaml", """
        exporters:
          otlp/a: &backend
            endpoint: a:4317
            timeout: 2s
          otlp/b:
            <<: *backend
            endpoint: b:4317
        service:
          pipelines:
            traces:
              exporters: [otlp/a, otlp/b]
        """)), ENV, TestFactories.registry());

    var a = (OtlpExporterConfig) config(c, Kind.EXPORTER, "otlp/a");
    var b = (OtlpExporterConfig) config(c, Kind.EXPORTER, "otlp/b");
    assertThat(a.client().endpoint()).isEqualTo("a:4317");
    assertThat(b.client().endpoint()).isEqualTo("b:4317");
    assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void connectorsJoinPipelinesWhenTheRegistryHasTheirFactory() throws Exception {
    ResolvedConfig c = ConfigLoader.loadSources(List.of(ConfigSource.of("a.yaml", MINIMAL), ConfigSource.of("c.yaml", """
        connectors:
          forward:
        service:
          pipelines:
            traces:
              exporters: [forward]
            traces/2:
              receivers: [forward]
              exporters: [debug]
        """)), ENV, TestFactories.registryWithConnector());

    assertThat(c.components(Kind.CONNECTOR)).containsOnlyKeys(ComponentId.of("forward"));
    assertThat(c.pipelines().get(PipelineId.parse("traces/2")).receivers()).containsExactly(ComponentId.of("forward"));
    assertThat(c.warnings()).isEmpty();
  }
}
