package dev.signalbox.testing.backends;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Process helpers shared by this package's launchers of real backends. */
final class BackendProcesses {
  private BackendProcesses() {}

  /** Whether a starting backend answers yet; an IOException means not yet. */
  @FunctionalInterface
  interface Probe {
    boolean ready() throws IOException, InterruptedException;
  }

  /** The path of {@code name} on PATH (or in /usr/bin, /usr/sbin), or an error saying how to install it. */
  static String binary(String name, String debianPackage) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/bin");
    dirs.add("/usr/sbin");
    dirs.add("/usr/local/bin");
    for (String d : dirs) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    throw new IllegalStateException(name + " is not installed: run bin/setup-test-env (Debian package "
        + debianPackage + ")");
  }

  static Process launch(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Stops {@code p} by its PID (SIGTERM, then SIGKILL after 10 s) and deletes {@code dir} at JVM exit. */
  static void stopAtExit(String name, Process p, Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
      deleteTree(dir);
    }, "stop-" + name));
  }

  /** Polls {@code url} until it answers 200; fails with the process log when it exits or times out. */
  static void awaitHttp(Process p, String url, Duration timeout, Path log) {
    awaitHttp(p, url, 200, timeout, log);
  }

  /** Polls {@code url} until it answers {@code status}; fails with the process log when it exits or times out. */
  static void awaitHttp(Process p, String url, int status, Duration timeout, Path log) {
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(url + ": the process exited with " + p.exitValue() + "; log:\n" + tail(log));
      }
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == status) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + url, e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + url, e);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(url + " was not ready within " + timeout + "; log:\n" + tail(log));
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }
  /**
   * Polls {@code probe} every {@code poll} until it says ready; fails with the end of {@code log}
   * when the process exits first, or stops it and fails when {@code timeout} passes.
   */
  static void awaitReady(Process p, String what, Duration timeout, Duration poll, Path log, Probe probe)
      throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IllegalStateException(what + " exited with " + p.exitValue() + " before it was ready; its log:\n"
            + tail(log));
      }
      try {
        if (probe.ready()) {
          return;
        }
        p.waitFor(poll.toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + what, e);
      }
    }
    stop(p, Duration.ofSeconds(10));
    throw new IllegalStateException(what + " was not ready within " + timeout + "; its log:\n" + tail(log));
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. Idempotent. */
  static void stop(Process p, Duration grace) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /** GET {@code url}: the body of a 2xx answer; anything else fails, naming the URL. */
  static String httpGet(HttpClient c, String url) {
    return send(c, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), url);
  }

  /** Sends {@code req}: the body of a 2xx answer; anything else fails, naming {@code what}. */
  static String send(HttpClient c, HttpRequest req, String what) {
    try {
      HttpResponse<String> r = c.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
