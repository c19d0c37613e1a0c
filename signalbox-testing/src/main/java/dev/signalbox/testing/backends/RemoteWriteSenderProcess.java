package dev.signalbox.testing.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real remote-write sender running for the tests ({@link PrometheusAgent}, {@link VmAgent}): its
 * HTTP port on 127.0.0.1, where it remote-writes, and its own metrics.
 */
public abstract sealed class RemoteWriteSenderProcess permits PrometheusAgent, VmAgent {
  private final Process process;
  private final int port;
  private final int sinkPort;
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(5)).build();

  RemoteWriteSenderProcess(Process process, int port, int sinkPort) {
    this.process = process;
    this.port = port;
    this.sinkPort = sinkPort;
  }

  /** {@code 127.0.0.1:<port>}: its HTTP server (a scrape target serving its own {@code /metrics}). */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://" + address();
  }

  /** Where it remote-writes. */
  public String remoteWriteUrl() {
    return "http://127.0.0.1:" + sinkPort + "/api/v1/write";
  }

  public long pid() {
    return process.pid();
  }

  /** Its own {@code /metrics} now, in the text format (for its counters of samples sent). */
  public String metricsText() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(5))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
