package dev.signalbox.extension.filestorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Extension;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Host;
import dev.signalbox.component.Kind;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.exporterhelper.ExportRequest;
import dev.signalbox.sdk.exporterhelper.PersistentQueue;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.SendingQueue;
import dev.signalbox.sdk.exporterhelper.Serializer;
import dev.signalbox.sdk.storage.LogListener;
import dev.signalbox.sdk.storage.LogLockedException;
import dev.signalbox.sdk.storage.SegmentedLog;
import dev.signalbox.sdk.storage.StorageClient;
import dev.signalbox.telemetry.Meter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageExtensionTest {
  @TempDir
  Path tmp;

  /** Gauges by name and labels. */
  final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
  final Meter meter = new Meter() {
    @Override
    public Counter counter(String name, String description, String... labels) {
      return n -> {};
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... labels) {
      gauges.put(name + String.join(",", labels), value);
    }

    @Override
    public Histogram histogram(String name, String description, double[] bounds, String... labels) {
      return v -> {};
    }

    @Override
    public Meter withLabels(String... labels) {
      return this;
    }
  };

  final ComponentSettings settings = new ComponentSettings(ComponentId.of("file_storage"), Kind.EXTENSION, "",
      meter, StatusReporter.NOOP, BuildInfo.DEFAULT);

  FileStorageExtension extension(FileStorageExtensionConfig config) {
    return (FileStorageExtension) new FileStorageExtensionFactory().create(settings, config);
  }

  FileStorageExtensionConfig config() {
    return FileStorageExtensionConfig.defaults().withDirectory(tmp.resolve("queues").toString())
        .withCreateDirectory(true).withFsync("never").withTimeout(Duration.ZERO);
  }

  static Host host(Map<ComponentId, Extension> extensions) {
    return new Host() {
      @Override
      public Map<ComponentId, Extension> extensions() {
        return extensions;
      }

      @Override
      public HealthView health() {
        return null;
      }
    };
  }

  @Test
  void createsTheDirectoryWithItsPermissions() throws Exception {
    FileStorageExtension ext = extension(config().withDirectory(tmp.resolve("a/b").toString()));
    ext.start(host(Map.of()));
    assertThat(tmp.resolve("a/b")).isDirectory();
    assertThat(Files.getPosixFilePermissions(tmp.resolve("a/b"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    StorageClient c = ext.client(Kind.EXPORTER, ComponentId.of("otlp"), Signal.TRACES);
    assertThat(c.directory()).isEqualTo(tmp.resolve("a/b/exporter_otlp_traces"));
    assertThat(Files.getPosixFilePermissions(c.directory())).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    ext.shutdown(Deadline.in(Duration.ofSeconds(1)));
  }

  @Test
  void startFailsWithoutTheDirectoryUnlessItMayCreateIt() {
    FileStorageExtension ext = extension(config().withCreateDirectory(false));
    assertThatThrownBy(() -> ext.start(host(Map.of()))).isInstanceOf(IOException.class)
        .hasMessage("extensions.file_storage.directory: '" + tmp.resolve("queues")
            + "' does not exist or is not a directory; create it or set create_directory: true");
  }

  @Test
  void namesEachQueueDirectoryAfterItsComponentAndSignal() {
    assertThat(FileStorageExtension.clientDirectoryName(Kind.EXPORTER, ComponentId.of("otlp"), Signal.TRACES))
        .isEqualTo("exporter_otlp_traces");
    assertThat(FileStorageExtension.clientDirectoryName(Kind.EXPORTER, ComponentId.of("otlp", "backend"),
        Signal.LOGS)).isEqualTo("exporter_otlp-backend_logs");
    assertThat(FileStorageExtension.clientDirectoryName(Kind.EXPORTER, ComponentId.of("otlp_http", "a_b"),
        Signal.METRICS)).isEqualTo("exporter_otlp_http-a_b_metrics");
    // would collide with type "otlp_a", name "b" without the dash
    assertThat(FileStorageExtension.clientDirectoryName(Kind.EXPORTER, ComponentId.of("otlp_a", "b"),
        Signal.METRICS)).isEqualTo("exporter_otlp_a-b_metrics");
    assertThat(FileStorageExtension.clientDirectoryName(Kind.EXPORTER, ComponentId.parse("otlp/../x%y/é"),
        Signal.PROFILES)).isEqualTo("exporter_otlp-..%2Fx%25y%2F%C3%A9_profiles");
    String longName = "n".repeat(300);
    String name = FileStorageExtension.clientDirectoryName(Kind.EXPORTER, ComponentId.of("otlp", longName),
        Signal.TRACES);
    assertThat(name).hasSize(FileStorageExtension.MAX_NAME).endsWith("_traces").contains("~");
    assertThat(name).isNotEqualTo(FileStorageExtension.clientDirectoryName(Kind.EXPORTER,
        ComponentId.of("otlp", longName + "x"), Signal.TRACES));
  }

  static Traces batch(int id) {
    byte[] b = ByteBuffer.allocate(16).putInt(id).array();
    return Traces.fromWire(new WireChunk(b, 0, b.length, 1), (chunk, into) -> {});
  }

  static final Serializer<Traces> SERIALIZER = Serializer.withContext(new Serializer.PayloadCodec<>() {
    @Override
    public byte formatId() {
      return 0x7F;
    }

    @Override
    public byte[] encode(Traces data) {
      WireChunk c = data.wireChunks().get(0);
      return java.util.Arrays.copyOfRange(c.bytes(), c.offset(), c.offset() + c.length());
    }

    @Override
    public Traces decode(byte[] bytes, int offset, int length) {
      return Traces.fromWire(new WireChunk(bytes, offset, length, 1), (chunk, into) -> {});
    }
  });

  static int id(ExportRequest<Traces> r) {
    WireChunk c = r.data().wireChunks().get(0);
    return ByteBuffer.wrap(c.bytes(), c.offset(), 4).getInt();
  }

  @Test
  void theQueueFactoryFindsItAndQueuesSurviveARestartInTheirOwnDirectories() throws Exception {
    ComponentId storageId = ComponentId.of("file_storage");
    QueueConfig config = QueueConfig.defaults().withStorage(storageId);
    ComponentSettings otlp = ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("otlp"));
    ComponentSettings other = ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("otlp", "2"));

    FileStorageExtension ext = extension(config());
    ext.start(host(Map.of()));
    Host host = host(Map.of(storageId, ext));
    SendingQueue<Traces> a = PersistentQueue.factory(otlp, Signal.TRACES, SERIALIZER).create(config, host);
    SendingQueue<Traces> b = PersistentQueue.factory(other, Signal.TRACES, SERIALIZER).create(config, host);
    a.offer(new ExportRequest<>(Context.empty(), batch(1)), null);
    b.offer(new ExportRequest<>(Context.empty(), batch(2)), null);
    assertThat(gauges.get("signalbox_storage_recordsqueue,exporter_otlp_traces").getAsDouble()).isEqualTo(1);
    assertThat(gauges.get("signalbox_storage_size_bytesqueue,exporter_otlp_traces").getAsDouble()).isPositive();
    assertThat(gauges.get("signalbox_storage_damaged_recordsqueue,exporter_otlp_traces").getAsDouble()).isZero();
    // the exporters never shut down their queues: the extension closes the logs
    ext.shutdown(Deadline.in(Duration.ofSeconds(1)));
    ext.shutdown(Deadline.in(Duration.ofSeconds(1)));

    try (var files = Files.list(tmp.resolve("queues"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("exporter_otlp-2_traces", "exporter_otlp_traces");
    }
    FileStorageExtension again = extension(config());
    again.start(host(Map.of()));
    Host host2 = host(Map.of(storageId, again));
    // created in the other order: each still finds its own data
    SendingQueue<Traces> b2 = PersistentQueue.factory(other, Signal.TRACES, SERIALIZER).create(config, host2);
    SendingQueue<Traces> a2 = PersistentQueue.factory(otlp, Signal.TRACES, SERIALIZER).create(config, host2);
    assertThat(id(a2.take())).isEqualTo(1);
    assertThat(id(b2.take())).isEqualTo(2);
    again.shutdown(Deadline.in(Duration.ofSeconds(1)));
  }

  @Test
  void aQueueDirectoryCannotBeOpenedTwice() throws Exception {
    FileStorageExtension ext = extension(config());
    ext.start(host(Map.of()));
    StorageClient c = ext.client(Kind.EXPORTER, ComponentId.of("otlp"), Signal.LOGS);
    try (SegmentedLog log = c.open(LogListener.NONE)) {
      assertThatThrownBy(() -> c.open(LogListener.NONE)).isInstanceOf(LogLockedException.class);
      assertThat(log.options().lockTimeout()).isEqualTo(Duration.ZERO);
    }
    ext.shutdown(Deadline.in(Duration.ofSeconds(1)));
  }

  @Test
  void clientsAreRefusedBeforeStartAndAfterShutdown() throws Exception {
    FileStorageExtension ext = extension(config());
    assertThatThrownBy(() -> ext.client(Kind.EXPORTER, ComponentId.of("otlp"), Signal.LOGS))
        .isInstanceOf(IllegalStateException.class).hasMessage("extension file_storage is not running");
    ext.start(host(Map.of()));
    ext.shutdown(Deadline.in(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> ext.client(Kind.EXPORTER, ComponentId.of("otlp"), Signal.LOGS))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shutdownIsSafeWithoutStart() {
    extension(config()).shutdown(Deadline.in(Duration.ofSeconds(1)));
  }
}
