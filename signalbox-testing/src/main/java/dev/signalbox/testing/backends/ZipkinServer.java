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
import java.util.List;

/**
 * A real Zipkin server 3.6.1 (the {@code io.zipkin:zipkin-server:3.6.1:jar:exec} jar, in-memory
 * storage) as a child process, started once per test JVM by {@link #shared()} and shared by every
 * test class; stopped by its PID when the JVM exits. It listens on 127.0.0.1 only (a free port) and
 * is ready when {@code /health} answers 200 (about 18 s on two cores).
 *
 * <p>The jar comes from {@code bin/setup-test-env}, which fetches it with Maven into
 * {@code ~/.cache/signalbox/backends/zipkin-server-3.6.1/} (override the parent folder with
 * {@code -Dsignalbox.backends=...} or {@code SIGNALBOX_BACKENDS}). Facts: {@code shared/BACKENDS.md} §7.
 *
 * <p>Storage is shared by every test of the JVM: tests use their own trace ids and service names.
 */
public final class ZipkinServer {
  public static final String VERSION = "3.6.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static ZipkinServer shared;

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();

  private ZipkinServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The server of this JVM, started on first call. */
  public static synchronized ZipkinServer shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ZipkinServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "zipkin-server-stop"));
    }
    return shared;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:<port>/api/v2/spans}: where spans are POSTed. */
  public String spansUrl() {
    return baseUrl() + "/api/v2/spans";
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The server's log (stdout and stderr). */
  public Path log() {
    return dir.resolve("zipkin.log");
  }

  /**
   * {@code GET /api/v2/trace/{traceId}}: the trace's spans as Zipkin v2 JSON, or null while the
   * server does not know the trace (404).
   */
  public String trace(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v2/trace/" + traceId);
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() != 200) {
      throw new IOException("GET /api/v2/trace/" + traceId + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** {@code GET path} (with query) on the server. */
  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** {@code POST /api/v2/spans} with {@code contentType}; returns the status. */
  public int post(String contentType, byte[] body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(spansUrl())).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The exec jar; fails with what to run when it is missing. */
  public static Path jar() {
    String base = System.getProperty("signalbox.backends", System.getenv("SIGNALBOX_BACKENDS"));
    Path root = base != null && !base.isBlank() ? Path.of(base)
        : Path.of(System.getProperty("user.home"), ".cache", "signalbox", "backends");
    Path jar = root.resolve("zipkin-server-" + VERSION).resolve("zipkin-server-" + VERSION + "-exec.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the Zipkin server " + VERSION + " jar is missing (" + jar
          + "): run bin/setup-test-env");
    }
    return jar;
  }

  private static ZipkinServer start() throws IOException {
    Path jar = jar();
    Path dir = Files.createTempDirectory("signalbox-zipkin-");
    int port = Ports.free();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-jar", jar.toString(),
        "--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1",
        "--armeria.ports[0].protocols[0]=http"))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("zipkin.log").toFile());
    pb.environment().put("STORAGE_TYPE", "mem");
    pb.environment().put("MEM_MAX_SPANS", "500000");
    pb.environment().put("JAVA_OPTS", "");
    Process p = pb.start();
    ZipkinServer server = new ZipkinServer(p, dir, port);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws IOException {
    BackendProcesses.awaitReady(process, "the Zipkin server", READY_TIMEOUT, Duration.ofMillis(200), log(),
        () -> get("/health").statusCode() == 200);
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. Idempotent. */
  public void stop() {
    BackendProcesses.stop(process, Duration.ofSeconds(10));
  }
}
