package dev.signalbox.testing.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A loopback HTTP/1.1 server for exporter tests: records every request and answers from a script
 * (queued answers first, then a responder, by default 200 with no body). The base of the backend
 * fakes in this package. Thread-safe.
 */
public final class FakeHttpServer implements AutoCloseable {

  /**
   * A request as received.
   *
   * @param body the body as sent (still compressed if it was)
   */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The body with a {@code Content-Encoding: gzip} undone. */
    public byte[] decodedBody() {
      String enc = header("content-encoding");
      if (enc == null || enc.isBlank() || enc.equalsIgnoreCase("identity")) {
        return body;
      }
      if (!enc.equalsIgnoreCase("gzip")) {
        throw new IllegalStateException("unexpected Content-Encoding " + enc);
      }
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String bodyText() {
      return new String(decodedBody(), StandardCharsets.UTF_8);
    }
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public static Answer of(int status) {
      return new Answer(status, Map.of(), new byte[0]);
    }

    public static Answer json(int status, String json) {
      return new Answer(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer text(int status, String text) {
      return new Answer(status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
    }

    public Answer withHeader(String name, String value) {
      var h = new TreeMap<String, String>(headers);
      h.put(name, value);
      return new Answer(status, h, body);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Answer> queued = new ArrayDeque<>();
  private Function<Request, Answer> responder = r -> Answer.of(200);

  private FakeHttpServer(HttpServer server) {
    this.server = server;
  }

  /** A server on a free 127.0.0.1 port, answering 200 until told otherwise. */
  public static FakeHttpServer start() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      FakeHttpServer f = new FakeHttpServer(s);
      s.createContext("/", f::handle);
      s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      s.start();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers every request not served by a queued answer. */
  public synchronized FakeHttpServer respond(Function<Request, Answer> responder) {
    this.responder = responder;
    return this;
  }

  /** Answers the next requests with these, in order. */
  public synchronized FakeHttpServer enqueue(Answer... answers) {
    queued.addAll(List.of(answers));
    return this;
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized void clear() {
    requests.clear();
    queued.clear();
  }

  /** Waits until at least {@code n} requests arrived; returns them. */
  public List<Request> awaitRequests(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (requests.size() < n) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + n + " requests within " + timeout + ", got " + requests.size());
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
          ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery(), headers, body);
      Answer a;
      synchronized (this) {
        requests.add(r);
        notifyAll();
        a = queued.isEmpty() ? null : queued.poll();
      }
      if (a == null) {
        Function<Request, Answer> f;
        synchronized (this) {
          f = responder;
        }
        a = f.apply(r);
      }
      a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        ex.getResponseBody().write(a.body());
      }
    }
  }

  /** Stops at once. */
  @Override
  public void close() {
    server.stop(0);
  }
}
