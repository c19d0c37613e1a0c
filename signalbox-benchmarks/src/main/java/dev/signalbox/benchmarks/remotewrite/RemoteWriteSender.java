package dev.signalbox.benchmarks.remotewrite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends the load's requests to one system, as a Prometheus remote-write client would: a queue and
 * {@code connections} workers, each POSTing one request at a time over its own keep-alive HTTP/1.1
 * connection with the remote-write 1.0 headers; 2xx is accepted, 429 and 5xx are retried (after
 * {@code Retry-After}, at most 1 s, else 100 ms) until accepted, anything else is counted as a
 * failure. The queue is unbounded so that one slow system does not slow the load sent to the
 * other; {@link #backlog()} says how far behind it is.
 */
final class RemoteWriteSender implements AutoCloseable {
  private static final NodeLoad.Request STOP = new NodeLoad.Request(new byte[0], 0, 0);

  private final String name;
  private final URI uri;
  private final LinkedBlockingQueue<NodeLoad.Request> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final List<HttpClient> clients = new ArrayList<>();
  private final LongAdder acceptedSamples = new LongAdder();
  private final LongAdder acceptedRequests = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicLong queuedSamples = new AtomicLong();
  private volatile String lastFailure = "";

  RemoteWriteSender(String name, String url, int connections) {
    this.name = name;
    this.uri = URI.create(url);
    for (int i = 0; i < connections; i++) {
      HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
      clients.add(c);
      Thread t = Thread.ofPlatform().daemon().name("load-" + name + "-" + i).start(() -> run(c));
      workers.add(t);
    }
  }

  void send(NodeLoad.Request r) {
    queuedSamples.addAndGet(r.samples());
    queue.add(r);
  }

  private void run(HttpClient c) {
    while (true) {
      NodeLoad.Request r;
      try {
        r = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (r == STOP) {
        return;
      }
      post(c, r);
      queuedSamples.addAndGet(-r.samples());
    }
  }

  private void post(HttpClient c, NodeLoad.Request r) {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-protobuf")
        .header("Content-Encoding", "snappy")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .header("User-Agent", "Prometheus/2.53.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(r.body())).build();
    while (true) {
      long wait;
      try {
        HttpResponse<String> resp = c.send(req, HttpResponse.BodyHandlers.ofString());
        int status = resp.statusCode();
        if (status / 100 == 2) {
          acceptedSamples.add(r.samples());
          acceptedRequests.increment();
          return;
        }
        if (status != 429 && status / 100 != 5) {
          failures.increment();
          lastFailure = status + " " + resp.body();
          return;
        }
        lastFailure = status + " " + resp.body();
        wait = resp.headers().firstValue("Retry-After").map(s -> {
          try {
            return Math.min(1000L, Long.parseLong(s.strip()) * 1000);
          } catch (NumberFormatException e) {
            return 100L;
          }
        }).orElse(100L);
      } catch (IOException e) {
        lastFailure = e.toString();
        wait = 100;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      retries.increment();
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  String name() {
    return name;
  }

  long acceptedSamples() {
    return acceptedSamples.sum();
  }

  long acceptedRequests() {
    return acceptedRequests.sum();
  }

  long retries() {
    return retries.sum();
  }

  long failures() {
    return failures.sum();
  }

  String lastFailure() {
    return lastFailure;
  }

  /** Samples handed to this sender and not yet answered. */
  long backlog() {
    return queuedSamples.get();
  }

  /** Waits until everything queued was answered, at most {@code timeout}; whether it was. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (backlog() > 0) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    queue.clear();
    for (int i = 0; i < workers.size(); i++) {
      queue.add(STOP);
    }
    for (Thread t : workers) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    clients.forEach(HttpClient::close);
  }
}
