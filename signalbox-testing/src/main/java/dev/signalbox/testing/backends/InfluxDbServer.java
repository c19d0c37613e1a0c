package dev.signalbox.testing.backends;

import dev.signalbox.testing.Ports;
import dev.signalbox.testing.backends.PrometheusServer.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real InfluxDB 1.6 (Debian package {@code influxdb}; v1 HTTP API only) for tests, started once
 * per test JVM on 127.0.0.1 with free ports, reporting disabled, the {@code [ifql]} service off and
 * data under a temporary directory, as {@code ../shared/BACKENDS.md} says; stopped by its PID when
 * the JVM exits. Written to with {@code /write} by the code under test, read back with
 * {@link #query} ({@code /query}, InfluxQL). Thread-safe.
 */
public final class InfluxDbServer {
  private static InfluxDbServer instance;

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private InfluxDbServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The server of this JVM, started on first use (about 0.2 s). */
  public static synchronized InfluxDbServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static InfluxDbServer start() {
    String binary = BackendProcesses.binary("influxd", "influxdb");
    try {
      Path dir = Files.createTempDirectory("signalbox-influxdb-");
      int port = Ports.free();
      int rpc = Ports.free();
      Path conf = dir.resolve("influxdb.conf");
      Files.writeString(conf, """
          reporting-disabled = true
          bind-address = "127.0.0.1:%d"
          [meta]
            dir = "%s"
          [data]
            dir = "%s"
            wal-dir = "%s"
            query-log-enabled = false
          [http]
            bind-address = "127.0.0.1:%d"
            log-enabled = false
          [ifql]
            enabled = false
          [monitor]
            store-enabled = false
          """.formatted(rpc, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), port));
      Process p = BackendProcesses.launch(List.of(binary, "run", "-config", conf.toString()), dir.resolve("influxd.log"));
      InfluxDbServer s = new InfluxDbServer(p, port);
      BackendProcesses.stopAtExit("influxd", p, dir);
      BackendProcesses.awaitHttp(p, s.baseUrl() + "/ping", 204, Duration.ofSeconds(30), dir.resolve("influxd.log"));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start influxd", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: {@code /write}, {@code /query}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@code CREATE DATABASE name} (a no-op if it exists). */
  public void createDatabase(String name) {
    post("CREATE DATABASE \"" + name + "\"");
  }

  /** {@code CREATE RETENTION POLICY rp ON db DURATION 1h REPLICATION 1}. */
  public void createRetentionPolicy(String db, String rp) {
    post("CREATE RETENTION POLICY \"" + rp + "\" ON \"" + db + "\" DURATION 1h REPLICATION 1");
  }

  private void post(String q) {
    BackendProcesses.send(http, HttpRequest.newBuilder(URI.create(baseUrl() + "/query?q=" + PrometheusServer.enc(q)))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), q);
  }

  /** One row of a query result: its measurement, the series' tags (GROUP BY *) and column → value. */
  public record Row(String measurement, Map<String, String> tags, Map<String, Object> values) {}

  /**
   * Runs an InfluxQL query on {@code db} with epoch nanosecond times; every row of every series.
   * Use {@code GROUP BY *} to get tags separately from fields.
   */
  @SuppressWarnings("unchecked")
  public List<Row> query(String db, String influxql) {
    String body = BackendProcesses.httpGet(http, baseUrl() + "/query?epoch=ns&db=" + PrometheusServer.enc(db) + "&q="
        + PrometheusServer.enc(influxql));
    Map<String, Object> m = (Map<String, Object>) Json.parse(body);
    List<Row> out = new ArrayList<>();
    for (Object r : (List<Object>) m.get("results")) {
      Map<String, Object> result = (Map<String, Object>) r;
      if (result.get("error") != null) {
        throw new IllegalStateException("influxdb: " + result.get("error"));
      }
      List<Object> series = (List<Object>) result.get("series");
      if (series == null) {
        continue;
      }
      for (Object so : series) {
        Map<String, Object> s = (Map<String, Object>) so;
        List<Object> columns = (List<Object>) s.get("columns");
        Map<String, String> tags = s.get("tags") == null ? Map.of() : (Map<String, String>) s.get("tags");
        for (Object vo : (List<Object>) s.get("values")) {
          List<Object> v = (List<Object>) vo;
          Map<String, Object> values = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            if (v.get(i) != null) {
              values.put((String) columns.get(i), v.get(i));
            }
          }
          out.add(new Row((String) s.get("name"), tags, values));
        }
      }
    }
    return out;
  }
}
