package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka 4.3.1 broker (KRaft, combined broker and controller, one node) as a child
 * process, started once per test JVM by {@link #shared()} and shared by every test class; stopped by
 * its PID when the JVM exits. It listens on 127.0.0.1 only (free ports), keeps its data in a
 * temporary folder, and is ready when its log says "Kafka Server started" (about 9 s).
 *
 * <p>The broker's jars come from {@code bin/setup-test-env}, which fetches them with Maven into
 * {@code ~/.cache/signalbox/backends/kafka-4.3.1/libs} (override the parent folder with
 * {@code -Dsignalbox.backends=...} or {@code SIGNALBOX_BACKENDS}). Facts: {@code shared/BACKENDS.md} §6.
 *
 * <p>Topics are created on first use with {@code num.partitions=1}; tests that need more partitions
 * create their topics with kafka-clients' {@code Admin}. This class itself does not depend on
 * kafka-clients.
 */
public final class KafkaBroker {
  public static final String VERSION = "4.3.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static KafkaBroker shared;

  private final Process process;
  private final Path dir;
  private final int port;

  private KafkaBroker(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The broker of this JVM, started on first call. */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      KafkaBroker b = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(b::stop, "kafka-broker-stop"));
    }
    return shared;
  }

  /** {@code 127.0.0.1:<port>}: the {@code bootstrap.servers} / {@code brokers} value. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The broker's log file (its stdout and stderr). */
  public Path log() {
    return dir.resolve("broker.log");
  }

  /** The folder holding the broker jars; fails with what to run when they are missing. */
  public static Path libs() {
    String base = System.getProperty("signalbox.backends", System.getenv("SIGNALBOX_BACKENDS"));
    Path root = base != null && !base.isBlank() ? Path.of(base)
        : Path.of(System.getProperty("user.home"), ".cache", "signalbox", "backends");
    Path libs = root.resolve("kafka-" + VERSION).resolve("libs");
    try (Stream<Path> s = Files.isDirectory(libs) ? Files.list(libs) : Stream.empty()) {
      if (s.noneMatch(p -> p.getFileName().toString().startsWith("kafka-server-"))) {
        throw new IllegalStateException("the Kafka " + VERSION + " broker jars are missing from " + libs
            + ": run bin/setup-test-env");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return libs;
  }

  private static KafkaBroker start() throws IOException {
    Path libs = libs();
    Path dir = Files.createTempDirectory("signalbox-kafka-");
    int port = Ports.free();
    int controller = Ports.free();
    while (controller == port) {
      controller = Ports.free();
    }
    Path props = dir.resolve("server.properties");
    Files.writeString(props, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=5",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "") + "\n");
    Path log4j = dir.resolve("log4j2.properties");
    Files.writeString(log4j, String.join("\n",
        "status = warn",
        "appender.out.type = Console",
        "appender.out.name = out",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.out.ref = out",
        "logger.kafka.name = kafka",
        "logger.kafka.level = warn",
        "logger.state.name = state.change.logger",
        "logger.state.level = warn",
        "logger.server.name = kafka.server.KafkaRaftServer",
        "logger.server.level = info",
        "") + "\n");
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = libs + "/*";
    Path log = dir.resolve("broker.log");

    // Format the storage with a fresh cluster id (a Kafka Uuid: 16 random bytes, base64url).
    byte[] id = new byte[16];
    String clusterId;
    SecureRandom random = new SecureRandom();
    do {
      random.nextBytes(id);
      clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    } while (clusterId.startsWith("-"));
    Process format = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", cp,
        "-Dlog4j2.configurationFile=" + log4j, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
        props.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting the Kafka storage failed:\n"
            + Files.readString(dir.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }

    List<String> cmd = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-Xshare:auto",
        "-Djava.net.preferIPv4Stack=true", "-Dlog4j2.configurationFile=" + log4j,
        "-Dkafka.logs.dir=" + dir.resolve("logs"), "-cp", cp, "kafka.Kafka", props.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    KafkaBroker b = new KafkaBroker(p, dir, port);
    b.awaitReady();
    return b;
  }

  private void awaitReady() throws IOException {
    long end = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      String text = Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
      if (text.contains("Kafka Server started")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n" + text);
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop();
    throw new IllegalStateException("the Kafka broker was not ready within " + READY_TIMEOUT + ":\n"
        + Files.readString(log(), StandardCharsets.UTF_8));
  }

  /** SIGTERM to the broker's PID, SIGKILL after 10 s; then the data folder is deleted. */
  void stop() {
    ProcessHandle h = process.toHandle();
    h.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        h.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      h.destroyForcibly();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
