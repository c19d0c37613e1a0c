package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Extension;
import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.component.Factory;
import dev.signalbox.component.Kind;
import dev.signalbox.component.Processor;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.ConfigKey;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.config.Squash;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.service.Registry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fake factories shaped like the real ones (the real components are built elsewhere), covering
 * every kind of config value the binder supports.
 */
final class TestFactories {
  private TestFactories() {}

  static final Set<Signal<?>> TML = Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
  static final Set<Signal<?>> ALL = Set.copyOf(Signal.all());

  static Registry registry() {
    return Registry.builder()
        .add(new TestReceiver<>("otlp", OtlpReceiverConfig.class, OtlpReceiverConfig.defaults(), TML))
        .add(new TestReceiver<>("prometheus", PrometheusReceiverConfig.class, PrometheusReceiverConfig.defaults(),
            Set.of(Signal.METRICS)))
        .add(new TestProcessor<>("batch", BatchConfig.class, BatchConfig.defaults(), ALL))
        .add(new TestProcessor<>("routing", RoutingConfig.class, RoutingConfig.defaults(), TML))
        .add(new TestExporter<>("debug", DebugConfig.class, DebugConfig.defaults(), ALL))
        .add(new TestExporter<>("otlp", OtlpExporterConfig.class, OtlpExporterConfig.defaults(), ALL))
        .add(new TestExporter<>("file", FileConfig.class, FileConfig.defaults(), TML))
        .add(new TestExtension<>("health_check", HealthCheckConfig.class, HealthCheckConfig.defaults()))
        .add(new TestExtension<>("bearertokenauth", BearerTokenConfig.class, BearerTokenConfig.defaults()))
        .add(new TestExtension<>("pprof", PprofConfig.class, new PprofConfig("localhost:1777")))
        .build();
  }

  /** The registry plus a {@code forward} connector, registered as a plain Factory of kind CONNECTOR. */
  static Registry registryWithConnector() {
    Registry.Builder b = Registry.builder();
    Registry base = registry();
    for (Kind k : Kind.values()) {
      b.addAll(base.all(k));
    }
    return b.add(new TestConnector("forward")).build();
  }

  // ---- otlp receiver: @Presence server blocks with endpoints -----------------------------------

  record OtlpReceiverConfig(Protocols protocols) implements ComponentConfig {
    static OtlpReceiverConfig defaults() {
      return new OtlpReceiverConfig(new Protocols(GrpcServer.defaults(), HttpServer.defaults()));
    }
  }

  record Protocols(@Presence GrpcServer grpc, @Presence HttpServer http) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (grpc == null && http == null) {
        problems.error("must enable at least one protocol: grpc or http");
      }
    }
  }

  record GrpcServer(
      String endpoint,
      @ConfigKey("max_recv_msg_size_mib") int maxRecvMsgSizeMiB,
      Duration keepaliveTime,
      @Presence Tls tls) implements ConfigBlock {
    static GrpcServer defaults() {
      return new GrpcServer("localhost:4317", 4, Duration.ofHours(2), new Tls("", ""));
    }

    @Override
    public void validate(Problems problems) {
      if (endpoint.isEmpty()) {
        problems.error("endpoint", "must not be empty");
      }
      if (maxRecvMsgSizeMiB <= 0) {
        problems.error("max_recv_msg_size_mib", "must be greater than 0");
      }
    }

    @Override
    public List<String> listenAddresses() {
      return List.of(endpoint);
    }
  }

  record Tls(String certFile, String keyFile) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (certFile.isEmpty() != keyFile.isEmpty()) {
        problems.error("cert_file and key_file must be set together");
      }
    }
  }

  record HttpServer(String endpoint, List<String> corsAllowedOrigins, ByteSize maxRequestBodySize) implements ConfigBlock {
    static HttpServer defaults() {
      return new HttpServer("localhost:4318", List.of(), ByteSize.ofMiB(20));
    }

    @Override
    public List<String> listenAddresses() {
      return List.of(endpoint);
    }
  }

  /** A receiver whose top-level block sums up its addresses itself (no nested server block). */
  record PrometheusReceiverConfig(String endpoint, Duration scrapeInterval, Set<String> jobs) implements ComponentConfig {
    static PrometheusReceiverConfig defaults() {
      return new PrometheusReceiverConfig("localhost:9090", Duration.ofMinutes(1), Set.of());
    }

    @Override
    public List<String> listenAddresses() {
      return List.of(endpoint);
    }
  }

  // ---- processors --------------------------------------------------------------------------------

  record BatchConfig(Duration timeout, int sendBatchSize, int sendBatchMaxSize, List<String> metadataKeys)
      implements ComponentConfig {
    static BatchConfig defaults() {
      return new BatchConfig(Duration.ofMillis(200), 8192, 0, List.of());
    }

    @Override
    public void validate(Problems problems) {
      if (sendBatchMaxSize != 0 && sendBatchMaxSize < sendBatchSize) {
        problems.error("send_batch_max_size", "must be greater than or equal to send_batch_size");
      }
    }
  }

  /** Map values of record type: {@link Route} has a defaults() method, {@link Match} has none. */
  record RoutingConfig(Map<String, Route> routes, Map<String, Match> matches, String defaultRoute)
      implements ComponentConfig {
    static RoutingConfig defaults() {
      Map<String, Route> routes = new LinkedHashMap<>();
      routes.put("main", new Route(List.of(ComponentId.of("debug")), 10, true));
      return new RoutingConfig(routes, Map.of(), "main");
    }
  }

  record Route(List<ComponentId> exporters, int priority, boolean enabled) implements ConfigBlock {
    static Route defaults() {
      return new Route(List.of(), 5, true);
    }

    @Override
    public void validate(Problems problems) {
      if (priority < 0) {
        problems.error("priority", "must not be negative");
      }
    }
  }

  record Match(String attribute, Duration window, Secret token, List<String> values) {}

  // ---- exporters ---------------------------------------------------------------------------------

  enum Verbosity { BASIC, NORMAL, DETAILED }

  record DebugConfig(Verbosity verbosity, int samplingInitial, int samplingThereafter) implements ComponentConfig {
    static DebugConfig defaults() {
      return new DebugConfig(Verbosity.BASIC, 2, 1);
    }
  }

  enum Compression { NONE, GZIP, ZSTD, SNAPPY }

  record OtlpExporterConfig(
      @Squash ClientConfig client,
      Duration timeout,
      QueueConfig sendingQueue,
      RetryConfig retryOnFailure,
      Compression compression) implements ComponentConfig {
    static OtlpExporterConfig defaults() {
      return new OtlpExporterConfig(ClientConfig.defaults(), Duration.ofSeconds(5), QueueConfig.defaults(),
          RetryConfig.defaults(), Compression.GZIP);
    }
  }

  record ClientConfig(String endpoint, Map<String, Secret> headers, TlsClient tls) implements ConfigBlock {
    static ClientConfig defaults() {
      return new ClientConfig("", Map.of(), new TlsClient(false, ""));
    }

    @Override
    public void validate(Problems problems) {
      if (endpoint.isEmpty()) {
        problems.error("endpoint", "must not be empty");
      }
    }
  }

  record TlsClient(boolean insecure, String caFile) {}

  record QueueConfig(boolean enabled, int numConsumers, long queueSize, ByteSize maxSize) implements ConfigBlock {
    static QueueConfig defaults() {
      return new QueueConfig(true, 10, 1000, ByteSize.ofMiB(64));
    }

    @Override
    public void validate(Problems problems) {
      if (queueSize <= 0) {
        problems.error("queue_size", "must be greater than 0");
      }
      if (numConsumers <= 0) {
        problems.error("num_consumers", "must be greater than 0");
      }
    }
  }

  record RetryConfig(
      boolean enabled, Duration initialInterval, Duration maxInterval, Duration maxElapsedTime, double multiplier)
      implements ConfigBlock {
    static RetryConfig defaults() {
      return new RetryConfig(true, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), 1.5);
    }

    @Override
    public void validate(Problems problems) {
      if (multiplier < 1) {
        problems.error("multiplier", "must be at least 1");
      }
    }
  }

  record FileConfig(String path, Set<String> formats) implements ComponentConfig {
    static FileConfig defaults() {
      return new FileConfig("", Set.of("json"));
    }

    @Override
    public void validate(Problems problems) {
      if (path.isEmpty()) {
        problems.error("path", "must not be empty");
      }
    }
  }

  // ---- extensions --------------------------------------------------------------------------------

  record HealthCheckConfig(String endpoint, String path) implements ComponentConfig {
    static HealthCheckConfig defaults() {
      return new HealthCheckConfig("localhost:13133", "/");
    }

    @Override
    public List<String> listenAddresses() {
      return List.of(endpoint);
    }
  }

  /** A Secret whose validation must not echo it. */
  record BearerTokenConfig(String scheme, Secret token, List<Secret> fallbackTokens) implements ComponentConfig {
    static BearerTokenConfig defaults() {
      return new BearerTokenConfig("Bearer", Secret.EMPTY, List.of());
    }

    @Override
    public void validate(Problems problems) {
      if (token.isEmpty()) {
        problems.error("token", "is required");
      } else if (token.reveal().strip().length() != token.reveal().length()) {
        problems.error("token", "must not start or end with whitespace");
      }
    }
  }

  record PprofConfig(String endpoint) implements ComponentConfig {
    @Override
    public List<String> listenAddresses() {
      return List.of(endpoint);
    }
  }

  record ForwardConfig() implements ComponentConfig {}

  // ---- factory shells ----------------------------------------------------------------------------

  record TestReceiver<C extends ComponentConfig>(String name, Class<C> configClass, C defaultConfig, Set<Signal<?>> supported)
      implements ReceiverFactory<C> {
    @Override
    public ComponentType type() {
      return ComponentType.of(name);
    }

    @Override
    public Map<Signal<?>, Stability> signals() {
      return stabilities(supported);
    }

    @Override
    public Receiver create(ComponentSettings settings, C config, Consumers next) {
      throw new UnsupportedOperationException();
    }
  }

  record TestProcessor<C extends ComponentConfig>(String name, Class<C> configClass, C defaultConfig, Set<Signal<?>> supported)
      implements ProcessorFactory<C> {
    @Override
    public ComponentType type() {
      return ComponentType.of(name);
    }

    @Override
    public Map<Signal<?>, Stability> signals() {
      return stabilities(supported);
    }

    @Override
    public <T extends Telemetry> Processor<T> create(Signal<T> s, ComponentSettings settings, C config, Consumer<T> next) {
      throw new UnsupportedOperationException();
    }
  }

  record TestExporter<C extends ComponentConfig>(String name, Class<C> configClass, C defaultConfig, Set<Signal<?>> supported)
      implements ExporterFactory<C> {
    @Override
    public ComponentType type() {
      return ComponentType.of(name);
    }

    @Override
    public Map<Signal<?>, Stability> signals() {
      return stabilities(supported);
    }

    @Override
    public Exporter create(ComponentSettings settings, C config, Set<Signal<?>> signals) {
      throw new UnsupportedOperationException();
    }
  }

  record TestExtension<C extends ComponentConfig>(String name, Class<C> configClass, C defaultConfig)
      implements ExtensionFactory<C> {
    @Override
    public ComponentType type() {
      return ComponentType.of(name);
    }

    @Override
    public Extension create(ComponentSettings settings, C config) {
      throw new UnsupportedOperationException();
    }
  }

  record TestConnector(String name) implements Factory<ForwardConfig> {
    @Override
    public ComponentType type() {
      return ComponentType.of(name);
    }

    @Override
    public Kind kind() {
      return Kind.CONNECTOR;
    }

    @Override
    public Class<ForwardConfig> configClass() {
      return ForwardConfig.class;
    }

    @Override
    public ForwardConfig defaultConfig() {
      return new ForwardConfig();
    }
  }

  private static Map<Signal<?>, Stability> stabilities(Set<Signal<?>> supported) {
    Map<Signal<?>, Stability> m = new LinkedHashMap<>();
    for (Signal<?> s : Signal.all()) {
      if (supported.contains(s)) {
        m.put(s, Stability.BETA);
      }
    }
    return m;
  }
}
