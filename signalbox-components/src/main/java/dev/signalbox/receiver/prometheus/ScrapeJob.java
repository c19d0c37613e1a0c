package dev.signalbox.receiver.prometheus;

import dev.signalbox.config.Secret;
import dev.signalbox.receiver.prometheus.TargetState.ScrapeError;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.DecompressedSizeExceededException;
import dev.signalbox.sdk.compression.Decompression;
import dev.signalbox.sdk.prometheus.scrape.ExpositionFormat;
import dev.signalbox.sdk.prometheus.scrape.Labels;
import dev.signalbox.sdk.prometheus.scrape.RelabelRule;
import dev.signalbox.sdk.prometheus.scrape.Relabeler;
import dev.signalbox.sdk.tls.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code scrape_configs} entry made ready to run: its targets, its HTTP client and how it
 * fetches a target. Thread-safe: every target loop of the job fetches through it.
 */
final class ScrapeJob implements AutoCloseable {
  private static final Pattern PROM_DURATION =
      Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  /** A fetch that failed. */
  static final class ScrapeFailure extends Exception {
    final ScrapeError error;

    ScrapeFailure(String reason, String message) {
      super(message, null, false, false);
      this.error = new ScrapeError(reason, message);
    }
  }

  /** A fetched body, decompressed. */
  record Fetched(byte[] body, String contentType) {}

  private final ScrapeConfig config;
  private final GlobalConfig global;
  private final List<RelabelRule> relabel;
  private final List<RelabelRule> metricRelabel;
  private final HttpClient client;
  private final String userAgent;

  ScrapeJob(ScrapeConfig config, GlobalConfig global, String userAgent) throws IOException {
    this.config = config;
    this.global = global;
    this.userAgent = userAgent;
    this.relabel = config.relabelConfigs().stream().map(RelabelConfig::toRule).toList();
    this.metricRelabel = config.metricRelabelConfigs().stream().map(RelabelConfig::toRule).toList();
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(config.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
        .connectTimeout(config.effectiveTimeout(global))
        .proxy(HttpClient.Builder.NO_PROXY)
        .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("prometheus-scrape-http-", 0).factory()));
    if (config.scheme().equals("https") || !config.tlsConfig().equals(TlsConfig.defaults())) {
      var tls = config.tlsConfig().toClientConfig();
      b.sslContext(TlsContexts.jdkClient(tls)).sslParameters(TlsContexts.jdkClientParameters(tls));
    }
    this.client = b.build();
  }

  String name() {
    return config.jobName();
  }

  boolean honorLabels() {
    return config.honorLabels();
  }

  boolean honorTimestamps() {
    return config.honorTimestamps();
  }

  int sampleLimit() {
    return config.sampleLimit();
  }

  List<RelabelRule> metricRelabel() {
    return metricRelabel;
  }

  /**
   * The job's targets as Prometheus' {@code PopulateLabels} makes them: scrape labels added,
   * {@code relabel_configs} applied (a dropped target is left out), a default port added,
   * {@code instance} defaulting to the address, {@code __} labels removed.
   *
   * @param problem told about each target that cannot be scraped (no address, bad interval)
   */
  List<Target> targets(Consumer<String> problem) {
    Duration interval = config.effectiveInterval(global);
    Duration timeout = config.effectiveTimeout(global);
    List<Target> out = new ArrayList<>();
    for (StaticConfig sc : config.staticConfigs()) {
      for (String address : sc.targets()) {
        Labels.Builder b = Labels.builder();
        sc.labels().forEach(b::set);
        b.set("__address__", address);
        setIfAbsent(b, "job", config.jobName());
        setIfAbsent(b, "__scrape_interval__", ScrapeConfig.format(interval));
        setIfAbsent(b, "__scrape_timeout__", ScrapeConfig.format(timeout));
        setIfAbsent(b, "__metrics_path__", config.metricsPath());
        setIfAbsent(b, "__scheme__", config.scheme());
        config.params().forEach((k, v) -> {
          if (!v.isEmpty()) {
            b.set("__param_" + k, v.get(0));
          }
        });
        Labels l = Relabeler.process(b.build(), relabel);
        if (l == null) {
          continue;
        }
        Target t = target(l, address, problem);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private Target target(Labels l, String configured, Consumer<String> problem) {
    String addr = l.get("__address__");
    if (addr.isEmpty()) {
      problem.accept("target " + configured + " of job " + config.jobName() + " has no __address__ after relabeling");
      return null;
    }
    String scheme = l.get("__scheme__");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problem.accept("target " + addr + " of job " + config.jobName() + " has an invalid scheme \"" + scheme + "\"");
      return null;
    }
    if (!hasPort(addr)) {
      addr = addr + (scheme.equals("https") ? ":443" : ":80");
    }
    Duration interval = parseDuration(l.get("__scrape_interval__"));
    Duration timeout = parseDuration(l.get("__scrape_timeout__"));
    if (interval == null || timeout == null || interval.isZero() || timeout.isZero()
        || timeout.compareTo(interval) > 0) {
      problem.accept("target " + addr + " of job " + config.jobName() + " has an invalid scrape interval or timeout ("
          + l.get("__scrape_interval__") + ", " + l.get("__scrape_timeout__") + ")");
      return null;
    }
    Labels.Builder out = l.toBuilder();
    out.set("__address__", addr);
    out.removeIf(n -> n.startsWith("__meta_"));
    if (out.get("instance").isEmpty()) {
      out.set("instance", addr);
    }
    Labels full = out.build();
    Map<String, List<String>> params = new TreeMap<>();
    config.params().forEach((k, v) -> params.put(k, new ArrayList<>(v)));
    full.forEach((k, v) -> {
      if (k.startsWith("__param_")) {
        List<String> vs = params.computeIfAbsent(k.substring("__param_".length()), x -> new ArrayList<>());
        if (vs.isEmpty()) {
          vs.add(v);
        } else {
          vs.set(0, v);
        }
      }
    });
    StringBuilder query = new StringBuilder();
    params.forEach((k, vs) -> vs.forEach(v -> query.append(query.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    String path = full.get("__metrics_path__");
    URI url;
    try {
      url = URI.create(scheme + "://" + addr + (path.startsWith("/") ? path : "/" + path)
          + (query.isEmpty() ? "" : "?" + query));
    } catch (IllegalArgumentException e) {
      problem.accept("target " + addr + " of job " + config.jobName() + " has an invalid URL: " + e.getMessage());
      return null;
    }
    Labels.Builder pub = full.toBuilder();
    pub.removeIf(n -> n.startsWith("__"));
    Labels labels = pub.build();
    return new Target(labels.get("job"), labels.get("instance"), scheme, labels, url, interval, timeout);
  }

  private static void setIfAbsent(Labels.Builder b, String name, String value) {
    if (b.get(name).isEmpty()) {
      b.set(name, value);
    }
  }

  private static boolean hasPort(String addr) {
    if (addr.startsWith("[")) {
      return addr.contains("]:");
    }
    int c = addr.lastIndexOf(':');
    return c > 0 && addr.indexOf(':') == c;
  }

  /** Prometheus' duration syntax ({@code 1m30s}, {@code 500ms}, {@code 1d}), or null. */
  static Duration parseDuration(String s) {
    if (s.isEmpty()) {
      return null;
    }
    Matcher m = PROM_DURATION.matcher(s);
    if (!m.matches()) {
      return null;
    }
    long[] unitsMs = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    long ms = 0;
    for (int i = 0; i < unitsMs.length; i++) {
      if (m.group(i + 1) != null) {
        ms += Long.parseLong(m.group(i + 1)) * unitsMs[i];
      }
    }
    return Duration.ofMillis(ms);
  }

  /**
   * Fetches {@code t} within its timeout: connection, headers and the whole body. The body is
   * bounded by {@code body_size_limit}, compressed and decompressed.
   */
  Fetched fetch(Target t) throws ScrapeFailure, InterruptedException {
    long timeoutMs = t.timeout().toMillis();
    HttpRequest.Builder rb = HttpRequest.newBuilder(t.url()).GET()
        .timeout(t.timeout())
        .header("Accept", ExpositionFormat.ACCEPT_HEADER)
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", userAgent)
        .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(t.timeout()));
    String auth = authorization();
    if (auth != null) {
      rb.header("Authorization", auth);
    }
    long limit = config.effectiveBodySizeLimit();
    CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(rb.build(), info -> new LimitedBody(limit));
    HttpResponse<byte[]> resp;
    try {
      resp = f.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new ScrapeFailure("timeout", "scrape timed out after " + ScrapeConfig.format(t.timeout())
          + " (scrape_timeout)");
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw failure(e.getCause(), t);
    }
    if (resp.statusCode() != 200) {
      throw new ScrapeFailure("http_status", "server returned HTTP status " + resp.statusCode());
    }
    byte[] body = resp.body();
    String encoding = resp.headers().firstValue("Content-Encoding").orElse("");
    if (encoding.equalsIgnoreCase("gzip")) {
      try {
        body = Decompression.decompress(Compression.GZIP, body, limit);
      } catch (DecompressedSizeExceededException e) {
        throw tooLarge(limit);
      } catch (IOException e) {
        throw new ScrapeFailure("parse", "invalid gzip body: " + e.getMessage());
      }
    } else if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
      throw new ScrapeFailure("parse", "unsupported Content-Encoding \"" + encoding + "\"");
    }
    return new Fetched(body, resp.headers().firstValue("Content-Type").orElse(""));
  }

  private ScrapeFailure failure(Throwable cause, Target t) {
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
        || cause instanceof IOException && cause.getCause() instanceof BodyTooLargeException) {
      cause = cause.getCause();
    }
    if (cause instanceof BodyTooLargeException b) {
      return tooLarge(b.limit);
    }
    if (cause instanceof HttpTimeoutException) {
      return new ScrapeFailure("timeout", "scrape timed out after " + ScrapeConfig.format(t.timeout())
          + " (scrape_timeout)");
    }
    if (cause instanceof ConnectException) {
      return new ScrapeFailure("connection", "cannot connect to " + t.url().getAuthority()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
    if (cause instanceof IOException) {
      return new ScrapeFailure("connection", "I/O error fetching " + t.url() + ": " + cause);
    }
    return new ScrapeFailure("other", String.valueOf(cause));
  }

  private static ScrapeFailure tooLarge(long limit) {
    return new ScrapeFailure("body_too_large", "body is larger than body_size_limit (" + limit + " bytes)");
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
  }

  /** The Authorization header value, reading credential files now (they may be rotated). */
  private String authorization() throws ScrapeFailure {
    BasicAuth basic = config.basicAuth();
    if (basic != null) {
      String password = basic.passwordFile().isEmpty() ? basic.password().reveal() : readSecret(basic.passwordFile());
      return "Basic " + Base64.getEncoder().encodeToString((basic.username() + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
    }
    Authorization a = config.authorization();
    if (a != null) {
      String cred = a.credentialsFile().isEmpty() ? a.credentials().reveal() : readSecret(a.credentialsFile());
      return a.type() + " " + cred;
    }
    Secret token = config.bearerToken();
    if (!token.isEmpty()) {
      return "Bearer " + token.reveal();
    }
    if (!config.bearerTokenFile().isEmpty()) {
      return "Bearer " + readSecret(config.bearerTokenFile());
    }
    return null;
  }

  private static String readSecret(String file) throws ScrapeFailure {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new ScrapeFailure("other", "cannot read credentials file \"" + file + "\": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  private static final class BodyTooLargeException extends IOException {
    final long limit;

    BodyTooLargeException(long limit) {
      super("body larger than " + limit + " bytes");
      this.limit = limit;
    }
  }

  /** Collects a body, failing (and cancelling the download) once it passes the limit. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    LimitedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        received += b.remaining();
        if (received > limit) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
