package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A real Prometheus 2.42 (Debian package {@code prometheus}) for tests, started once per test JVM
 * on 127.0.0.1 with a free port and a temporary data directory, and stopped by its PID when the JVM
 * exits. Started as {@code ../shared/BACKENDS.md} says, plus:
 * <ul>
 *   <li>{@code --web.enable-remote-write-receiver}: accepts remote write at {@link #remoteWriteUrl()};
 *   <li>{@code --enable-feature=exemplar-storage}: keeps exemplars (from remote write and from
 *       OpenMetrics scrapes), read back with {@link #exemplars};
 *   <li>one scrape job, {@code signalbox}, every second with {@code honor_labels: true} (the
 *       scraped {@code job}/{@code instance} labels are kept, as for any Collector endpoint), over
 *       targets added with {@link #addScrapeTarget} (a new target is picked up within about 5
 *       seconds: Prometheus applies target changes at most that often; keep one target per test
 *       class and let each test's endpoint use its port).
 * </ul>
 * Read back through its own HTTP API: {@link #query}, {@link #series}, {@link #exemplars}.
 * Thread-safe.
 */
public final class PrometheusServer {
  private static PrometheusServer instance;

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> targets = new LinkedHashSet<>();

  private PrometheusServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The server of this JVM, started on first use (about 0.2 s). */
  public static synchronized PrometheusServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static PrometheusServer start() {
    String binary = BackendProcesses.binary("prometheus", "prometheus");
    try {
      Path dir = Files.createTempDirectory("signalbox-prometheus-");
      Path targets = dir.resolve("targets.json");
      Files.writeString(targets, "[]");
      Files.writeString(dir.resolve("prometheus.yml"), """
          global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1m}
          scrape_configs:
            - job_name: signalbox
              honor_labels: true
              file_sd_configs:
                - files: ['%s']
                  refresh_interval: 1s
          """.formatted(targets));
      int port = Ports.free();
      List<String> cmd = List.of(binary, "--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=1h",
          "--web.listen-address=127.0.0.1:" + port, "--web.enable-remote-write-receiver",
          "--enable-feature=exemplar-storage", "--log.level=warn");
      Process p = BackendProcesses.launch(cmd, dir.resolve("prometheus.log"));
      PrometheusServer s = new PrometheusServer(p, dir, port);
      BackendProcesses.stopAtExit("prometheus", p, dir);
      BackendProcesses.awaitHttp(p, s.baseUrl() + "/-/ready", 200, Duration.ofSeconds(30), dir.resolve("prometheus.log"));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prometheus", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The remote-write receiver: {@code /api/v1/write}. */
  public String remoteWriteUrl() {
    return baseUrl() + "/api/v1/write";
  }

  /** The server's process id. */
  public long pid() {
    return process.pid();
  }

  /** Adds {@code host:port} to the {@code signalbox} scrape job (its {@code /metrics}). */
  public synchronized void addScrapeTarget(String hostPort) {
    targets.add(hostPort);
    writeTargets();
  }

  /** Removes a target added by {@link #addScrapeTarget}. */
  public synchronized void removeScrapeTarget(String hostPort) {
    targets.remove(hostPort);
    writeTargets();
  }

  private void writeTargets() {
    StringBuilder b = new StringBuilder("[{\"targets\": [");
    int i = 0;
    for (String t : targets) {
      b.append(i++ == 0 ? "" : ", ").append('"').append(t).append('"');
    }
    b.append("]}]");
    try {
      Path tmp = dir.resolve("targets.json.tmp");
      Files.writeString(tmp, b.toString());
      Files.move(tmp, dir.resolve("targets.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A series of an instant query's result: its labels and its one value. */
  public record Sample(Map<String, String> labels, double timestampSeconds, String value) {
    /** The value as a double ({@code "NaN"}, {@code "+Inf"} included). */
    public double doubleValue() {
      return switch (value) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(value);
      };
    }
  }

  /** An exemplar as {@code /api/v1/query_exemplars} returns it. */
  public record ExemplarRecord(Map<String, String> seriesLabels, Map<String, String> labels, double value,
      double timestampSeconds) {}

  /** {@code /api/v1/query} at the server's now; the vector result. */
  public List<Sample> query(String promql) {
    return vector(get("/api/v1/query?query=" + enc(promql)));
  }

  /** {@code /api/v1/query} at {@code timeSeconds}; the vector result. */
  public List<Sample> query(String promql, double timeSeconds) {
    return vector(get("/api/v1/query?query=" + enc(promql) + "&time=" + timeSeconds));
  }

  /** {@code /api/v1/series} for one selector over the last hour: each series' labels. */
  @SuppressWarnings("unchecked")
  public List<Map<String, String>> series(String match) {
    double now = System.currentTimeMillis() / 1000.0;
    Object data = get("/api/v1/series?match[]=" + enc(match) + "&start=" + (now - 3600) + "&end=" + (now + 60));
    List<Map<String, String>> out = new ArrayList<>();
    for (Object o : (List<Object>) data) {
      out.add(new TreeMap<>((Map<String, String>) (Map<?, ?>) o));
    }
    return out;
  }

  /** {@code /api/v1/query_exemplars} for the last hour. */
  @SuppressWarnings("unchecked")
  public List<ExemplarRecord> exemplars(String promql) {
    double now = System.currentTimeMillis() / 1000.0;
    Object data = get("/api/v1/query_exemplars?query=" + enc(promql) + "&start=" + (now - 3600) + "&end=" + (now + 60));
    List<ExemplarRecord> out = new ArrayList<>();
    if (data == null) {
      return out;
    }
    for (Object o : (List<Object>) data) {
      Map<String, Object> m = (Map<String, Object>) o;
      Map<String, String> series = new TreeMap<>((Map<String, String>) m.get("seriesLabels"));
      for (Object e : (List<Object>) m.get("exemplars")) {
        Map<String, Object> x = (Map<String, Object>) e;
        out.add(new ExemplarRecord(series, new TreeMap<>((Map<String, String>) x.get("labels")),
            Double.parseDouble((String) x.get("value")), ((Number) x.get("timestamp")).doubleValue()));
      }
    }
    return out;
  }

  /** The targets of the scrape job as {@code /api/v1/targets} reports them: scrape URL → health. */
  @SuppressWarnings("unchecked")
  public Map<String, String> targetHealth() {
    Map<String, Object> data = (Map<String, Object>) get("/api/v1/targets?state=active");
    Map<String, String> out = new LinkedHashMap<>();
    for (Object o : (List<Object>) data.get("activeTargets")) {
      Map<String, Object> t = (Map<String, Object>) o;
      out.put((String) t.get("scrapeUrl"), t.get("health") + " " + t.get("lastError"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Sample> vector(Object data) {
    Map<String, Object> d = (Map<String, Object>) data;
    List<Sample> out = new ArrayList<>();
    for (Object o : (List<Object>) d.get("result")) {
      Map<String, Object> r = (Map<String, Object>) o;
      List<Object> v = (List<Object>) r.get("value");
      out.add(new Sample(new TreeMap<>((Map<String, String>) r.get("metric")), ((Number) v.get(0)).doubleValue(),
          (String) v.get(1)));
    }
    return out;
  }

  /** GETs an API path and returns its {@code data}; throws on an error answer. */
  @SuppressWarnings("unchecked")
  Object get(String pathAndQuery) {
    String body = BackendProcesses.httpGet(http, baseUrl() + pathAndQuery);
    Map<String, Object> m = (Map<String, Object>) Json.parse(body);
    if (!"success".equals(m.get("status"))) {
      throw new IllegalStateException("prometheus answered " + body);
    }
    return m.get("data");
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A minimal JSON reader: objects as ordered maps, arrays as lists, numbers as Double or Long. */
  public static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    /** Parses a JSON text. */
    public static Object parse(String text) {
      Json j = new Json(text);
      Object v = j.value();
      j.ws();
      if (j.i != text.length()) {
        throw new IllegalArgumentException("trailing characters at " + j.i + " in " + text);
      }
      return v;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private Object value() {
      ws();
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          ws();
          if (s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            ws();
            String k = string();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (s.charAt(i) == ',') {
              i++;
            } else {
              expect('}');
              return m;
            }
          }
        }
        case '[' -> {
          i++;
          List<Object> l = new ArrayList<>();
          ws();
          if (s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            ws();
            if (s.charAt(i) == ',') {
              i++;
            } else {
              expect(']');
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        default -> {
          if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
          }
          if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
          }
          if (s.startsWith("null", i)) {
            i += 4;
            return null;
          }
          int start = i;
          while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
          }
          String n = s.substring(start, i);
          if (n.isEmpty()) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
          }
          if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
            try {
              return Long.parseLong(n);
            } catch (NumberFormatException e) {
              return Double.parseDouble(n);
            }
          }
          return Double.parseDouble(n);
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i);
      }
      i++;
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }
  }
}
