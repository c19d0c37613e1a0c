package dev.signalbox.sdk.http;

import dev.signalbox.config.Problems;
import dev.signalbox.sdk.tls.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** Builds JDK {@link HttpClient}s from {@link HttpClientConfig}s. */
public final class HttpClients {
  /** Connection establishment timeout when the config's {@code timeout} is unset (Go's dialer uses 30s). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private HttpClients() {}

  /**
   * A client with the config's TLS settings (for {@code https://} URLs), proxy (or explicitly no
   * proxy, never the system's), HTTP/2 preference, no redirects followed, and virtual threads
   * for its asynchronous work. Per-request settings (timeout, headers, compression) are applied
   * by {@link HttpSender}.
   *
   * @throws IllegalArgumentException when the config is invalid (every problem with its key)
   * @throws IOException when TLS material cannot be loaded
   */
  public static HttpClient create(HttpClientConfig config) throws IOException {
    Problems problems = new Problems();
    config.validate(problems);
    config.tls().validate(problems.at("tls"));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid HTTP client config: " + problems.all().stream()
          .map(Problems.Problem::toString).collect(Collectors.joining("; ")));
    }
    Duration connect = CONNECT_TIMEOUT;
    if (!config.timeout().isZero() && config.timeout().compareTo(connect) < 0) {
      connect = config.timeout();
    }
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(config.forceAttemptHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connect)
        .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-client-", 0).factory()))
        .sslContext(TlsContexts.jdkClient(config.tls()))
        .sslParameters(TlsContexts.jdkClientParameters(config.tls()));
    if (config.proxyUrl().isBlank()) {
      b.proxy(HttpClient.Builder.NO_PROXY);
    } else {
      URI proxy = URI.create(config.proxyUrl().strip());
      int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
      b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }
    return b.build();
  }
}
