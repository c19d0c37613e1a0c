package dev.signalbox.extension.filestorage;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.Kind;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.storage.LogListener;
import dev.signalbox.sdk.storage.LogOptions;
import dev.signalbox.sdk.storage.SegmentedLog;
import dev.signalbox.sdk.storage.StorageClient;
import dev.signalbox.sdk.storage.StorageExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file_storage} extension: gives each persistent sending queue a directory of its own
 * under {@code directory}, named after the component and signal (see {@link #clientDirectoryName}),
 * and the log options from its config. Thread-safe.
 *
 * <p>Self-metrics, per queue (label {@code queue}, the directory name): {@code
 * signalbox_storage_size_bytes} (segment files on disk), {@code signalbox_storage_records}
 * (records not yet acknowledged) and {@code signalbox_storage_damaged_records} (found damaged and
 * skipped since the queue was opened).
 */
public final class FileStorageExtension implements StorageExtension {
  private static final Logger LOG = LoggerFactory.getLogger(FileStorageExtension.class);
  /** Longer directory names are shortened, keeping a hash of the whole. */
  static final int MAX_NAME = 200;

  private final ComponentSettings settings;
  private final FileStorageExtensionConfig config;
  private final Path directory;
  private final LogOptions options;
  /** The log most recently opened in each client directory, for metrics and shutdown. */
  private final Map<String, SegmentedLog> logs = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile boolean stopped;

  FileStorageExtension(ComponentSettings settings, FileStorageExtensionConfig config) {
    this.settings = settings;
    this.config = config;
    this.directory = Path.of(config.directory());
    this.options = config.logOptions();
  }

  /** Creates the directory if {@code create_directory} is set, and checks that it can be written. */
  @Override
  public void start(Host host) throws IOException {
    if (config.createDirectory()) {
      createDirectories(directory);
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException(key("directory") + ": '" + directory + "' does not exist or is not a directory;"
          + " create it or set create_directory: true");
    }
    if (!Files.isWritable(directory)) {
      throw new IOException(key("directory") + ": '" + directory + "' is not writable by this process");
    }
    running = true;
  }

  /** Closes the logs queues left open (a queue closes its own once drained); idempotent. */
  @Override
  public void shutdown(Deadline deadline) {
    running = false;
    if (stopped) {
      return;
    }
    stopped = true;
    for (Map.Entry<String, SegmentedLog> e : logs.entrySet()) {
      try {
        e.getValue().close();
      } catch (IOException ex) {
        LOG.warn("{}: closing queue {} failed: {}", settings.describe(), e.getKey(), ex.getMessage());
      }
    }
  }

  @Override
  public StorageClient client(Kind kind, ComponentId id, Signal<?> signal) throws IOException {
    if (!running) {
      throw new IllegalStateException(settings.describe() + " is not running");
    }
    String name = clientDirectoryName(kind, id, signal);
    Path dir = directory.resolve(name);
    createDirectories(dir);
    return new Client(name, dir);
  }

  private final class Client implements StorageClient {
    private final String name;
    private final Path dir;

    Client(String name, Path dir) {
      this.name = name;
      this.dir = dir;
    }

    @Override
    public Path directory() {
      return dir;
    }

    @Override
    public LogOptions options() {
      return options;
    }

    @Override
    public SegmentedLog open(LogListener listener) throws IOException {
      if (!running) {
        throw new IllegalStateException(settings.describe() + " is not running");
      }
      SegmentedLog log = SegmentedLog.open(dir, options, listener);
      logs.put(name, log);
      var meter = settings.meter();
      meter.gauge("signalbox_storage_size_bytes", "Bytes the segment files of a persistent queue take on disk",
          () -> current(name).bytesOnDisk(), "queue", name);
      meter.gauge("signalbox_storage_records", "Records of a persistent queue not yet acknowledged",
          () -> current(name).records(), "queue", name);
      meter.gauge("signalbox_storage_damaged_records",
          "Records of a persistent queue found damaged and skipped since it was opened",
          () -> current(name).damagedRecords(), "queue", name);
      return log;
    }

    @Override
    public String toString() {
      return dir.toString();
    }
  }

  private SegmentedLog current(String name) {
    return logs.get(name);
  }

  private void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    List<Path> created = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      created.add(0, p);
    }
    Files.createDirectories(dir);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = config.permissions();
      // set explicitly: creation applies the umask
      for (Path p : created) {
        Files.setPosixFilePermissions(p, perms);
      }
    }
  }

  /**
   * The directory name of the queue of {@code signal} in component {@code id} of {@code kind}:
   * {@code <kind>_<type>[-<name>]_<signal>}, e.g. {@code exporter_otlp_traces} and
   * {@code exporter_otlp-backend_traces}. Characters of the name outside {@code [A-Za-z0-9._]}
   * (and {@code -}) are percent-encoded. The mapping is one-to-one: a type never contains
   * {@code -} and a signal never {@code _}, so two queues never share a directory, and a queue
   * keeps its directory whatever the order of the config. Names longer than 200 characters are
   * cut and end with a hash of the whole.
   */
  static String clientDirectoryName(Kind kind, ComponentId id, Signal<?> signal) {
    StringBuilder s = new StringBuilder(kind.label()).append('_').append(id.type().name());
    if (!id.name().isEmpty()) {
      s.append('-');
      for (byte b : id.name().getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
            || c == '-') {
          s.append(c);
        } else {
          s.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
      }
    }
    s.append('_').append(signal.name());
    String name = s.toString();
    if (name.length() <= MAX_NAME) {
      return name;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      String suffix = "~" + HexFormat.of().formatHex(hash, 0, 8) + "_" + signal.name();
      return name.substring(0, MAX_NAME - suffix.length()) + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String key(String key) {
    return settings.kind().section() + "." + settings.id() + "." + key;
  }

  Path directory() {
    return directory;
  }

  @Override
  public String toString() {
    return settings.describe() + " (" + directory + ")";
  }
}
