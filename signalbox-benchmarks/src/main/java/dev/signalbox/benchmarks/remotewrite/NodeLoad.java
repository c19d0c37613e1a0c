package dev.signalbox.benchmarks.remotewrite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * The load: remote write 1.0 requests as Prometheus (one shard) sends what it scrapes from a fleet of
 * node_exporter-like targets. Each target ({@code job="node"}, {@code instance="10.0.<h>.<h>:9100"})
 * exposes 204 series: counters ({@code node_cpu_seconds_total{cpu,mode}}, network, disk, context
 * switches, ...), gauges (memory, filesystems with {@code device,fstype,mountpoint}, load,
 * per-collector scrape durations, {@code up}/{@code scrape_*}), a summary
 * ({@code go_gc_duration_seconds{quantile}}) and a classic histogram
 * ({@code http_server_request_duration_seconds{method,route,le}}: 12 buckets, {@code _sum},
 * {@code _count}, 4 routes).
 *
 * <p>A "round" is one scrape of every series, stamped with one timestamp (milliseconds, the wall
 * clock, strictly increasing from round to round); requests take the next {@code n} samples of the
 * series in scrape order, one sample per series, crossing into the next round as needed. By
 * default a request is not cut inside a histogram or summary (it takes the rest of the group,
 * up to 13 more samples); with {@code splitGroups} it is cut anywhere, as one Prometheus shard
 * does. Values are exact binary fractions: counters and histogram counts increase every round,
 * gauges move.
 *
 * <p>For the check at the end it keeps, per series, how many samples it generated and an
 * order-independent checksum of their timestamps and value bits ({@link #sampleHash}); series are
 * identified by {@link #fingerprint} of their labels sorted by name. Not thread-safe (one
 * generating thread).
 */
final class NodeLoad {
  /** A series: labels sorted by name ({@code __name__} first), encoded once; how its value moves. */
  record Series(String[] labels, byte[] encodedLabels, long fingerprint, Kind kind, double base, double step,
      boolean groupStart) {
    double value(long round) {
      return switch (kind) {
        case COUNTER -> base + step * round;
        case GAUGE -> base + step * ((round * 7 + (long) base) % 64);
      };
    }

    String describe() {
      StringBuilder b = new StringBuilder(labels[1]).append('{');
      for (int i = 2; i < labels.length; i += 2) {
        b.append(i > 2 ? "," : "").append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
      }
      return b.append('}').toString();
    }
  }

  enum Kind { COUNTER, GAUGE }

  /** One request: its snappy body and how many samples it holds. */
  record Request(byte[] body, int samples, int uncompressedBytes) {}

  private final List<Series> series;
  private final long[] generated;
  private final long[] checksums;
  private long total;
  private int cursor;
  private long round;
  private long roundTs;
  private byte[] buf = new byte[1 << 20];
  private int pos;

  NodeLoad(int targets) {
    List<Series> all = new ArrayList<>();
    for (int h = 0; h < targets; h++) {
      addTarget(all, h);
    }
    this.series = List.copyOf(all);
    this.generated = new long[series.size()];
    this.checksums = new long[series.size()];
    this.round = -1;
    this.cursor = series.size();
  }

  List<Series> series() {
    return series;
  }

  /** Samples generated so far for series {@code i}. */
  long generated(int i) {
    return generated[i];
  }

  /** The checksum ({@link #sampleHash} summed) of the samples generated so far for series {@code i}. */
  long checksum(int i) {
    return checksums[i];
  }

  long totalGenerated() {
    return total;
  }

  /**
   * The next request of {@code n} samples, or a few more to finish a histogram or summary (unless
   * {@code splitGroups}); {@code nowMillis} stamps the rounds it starts.
   */
  Request next(int n, long nowMillis, boolean splitGroups) {
    pos = 0;
    int k = 0;
    for (; k < n || !splitGroups && cursor < series.size() && !series.get(cursor).groupStart; k++) {
      if (cursor == series.size()) {
        cursor = 0;
        round++;
        roundTs = Math.max(nowMillis, roundTs + 1);
      }
      int i = cursor++;
      Series s = series.get(i);
      double v = s.value(round);
      long ts = roundTs;
      generated[i]++;
      total++;
      checksums[i] += sampleHash(ts, Double.doubleToRawLongBits(v));
      int sampleLen = 1 + 8 + 1 + varintSize(ts);
      int seriesLen = s.encodedLabels.length + 1 + varintSize(sampleLen) + sampleLen;
      ensure(1 + 5 + seriesLen);
      buf[pos++] = 0x0A; // WriteRequest.timeseries = 1
      varint(seriesLen);
      System.arraycopy(s.encodedLabels, 0, buf, pos, s.encodedLabels.length);
      pos += s.encodedLabels.length;
      buf[pos++] = 0x12; // TimeSeries.samples = 2
      varint(sampleLen);
      buf[pos++] = 0x09; // Sample.value = 1 (double)
      long bits = Double.doubleToRawLongBits(v);
      for (int b = 0; b < 8; b++) {
        buf[pos++] = (byte) (bits >>> (8 * b));
      }
      buf[pos++] = 0x10; // Sample.timestamp = 2 (int64)
      varint(ts);
    }
    try {
      byte[] out = new byte[Snappy.maxCompressedLength(pos)];
      int len = Snappy.rawCompress(buf, 0, pos, out, 0);
      return new Request(Arrays.copyOf(out, len), k, pos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  private static int varintSize(long v) {
    return v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 6) / 7;
  }

  /** A sample's contribution to its series' checksum (summed, so order does not matter). */
  static long sampleHash(long ts, long valueBits) {
    return mix(ts * 0x9E3779B97F4A7C15L + valueBits);
  }

  /** The identity of a series: a 64-bit hash of its label names and values, sorted by name. */
  static long fingerprint(List<String[]> sortedPairs) {
    long h = 0xcbf29ce484222325L;
    for (String[] p : sortedPairs) {
      h = hash(h, p[0]);
      h = hash(h, p[1]);
    }
    return mix(h);
  }

  private static long hash(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return (h ^ 0xff) * 0x100000001b3L;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  // ---- the series of one target -------------------------------------------------------------------

  private static void addTarget(List<Series> out, int h) {
    String instance = "10.0." + (h / 250) + "." + (h % 250 + 1) + ":9100";
    Target t = new Target(out, instance, h);
    for (String le : new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10",
        "+Inf"}) {
      // filled below per route; the order here is only the bucket list
      t.les.add(le);
    }
    // go_ and process_ families first, as node_exporter exposes them (sorted by family name)
    t.summary("go_gc_duration_seconds", new String[] {"0", "0.25", "0.5", "0.75", "1"}, 1e-5, 1.0 / 1024);
    t.gauge(12, 1, "go_goroutines");
    t.gauge(3.5e6, 4096, "go_memstats_alloc_bytes");
    String[] routes = {"/", "/metrics", "/api/v1/status", "/healthz"};
    for (int r = 0; r < routes.length; r++) {
      t.histogram("http_server_request_duration_seconds", r, "method", "GET", "route", routes[r]);
    }
    String[] cpuModes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    t.counter(2.5e5, 1, "node_boot_time_seconds");
    t.counter(8.8e8, 1024, "node_context_switches_total");
    for (int c = 0; c < 4; c++) {
      for (String m : cpuModes) {
        t.counter(1e5 + 37 * c, 0.25, "node_cpu_seconds_total", "cpu", Integer.toString(c), "mode", m);
      }
    }
    String[] disks = {"nvme0n1", "sda"};
    String[] diskFamilies = {"node_disk_io_time_seconds_total", "node_disk_read_bytes_total",
        "node_disk_reads_completed_total", "node_disk_writes_completed_total", "node_disk_written_bytes_total"};
    for (String f : diskFamilies) {
      for (String d : disks) {
        t.counter(4.2e6, 512, f, "device", d);
      }
    }
    String[][] mounts = {{"/dev/nvme0n1p1", "ext4", "/"}, {"/dev/nvme0n1p2", "ext4", "/home"},
        {"tmpfs", "tmpfs", "/run"}, {"/dev/sda1", "xfs", "/var/lib/docker"}};
    for (String f : new String[] {"node_filesystem_avail_bytes", "node_filesystem_files",
        "node_filesystem_files_free", "node_filesystem_free_bytes", "node_filesystem_readonly",
        "node_filesystem_size_bytes"}) {
      for (String[] m : mounts) {
        t.gauge(1.5e10, 4096, f, "device", m[0], "fstype", m[1], "mountpoint", m[2]);
      }
    }
    t.counter(3.1e8, 256, "node_forks_total");
    t.counter(5.5e9, 2048, "node_intr_total");
    t.gauge(0.5, 0.015625, "node_load1");
    t.gauge(0.5, 0.0078125, "node_load15");
    t.gauge(0.5, 0.0078125, "node_load5");
    for (String m : new String[] {"Active", "Buffers", "Cached", "Dirty", "Inactive", "MemAvailable", "MemFree",
        "MemTotal", "Shmem", "Slab", "SwapFree", "SwapTotal"}) {
      t.gauge(8.0e9, 4096, "node_memory_" + m + "_bytes");
    }
    String[] devices = {"docker0", "eth0", "lo"};
    for (String dir : new String[] {"receive", "transmit"}) {
      for (String what : new String[] {"bytes", "drop", "errs", "packets"}) {
        for (String d : devices) {
          t.counter(7.7e9, 1500, "node_network_" + dir + "_" + what + "_total", "device", d);
        }
      }
    }
    String[] collectors = {"cpu", "diskstats", "filesystem", "loadavg", "meminfo", "netdev", "netstat", "stat",
        "time", "vmstat"};
    for (String c : collectors) {
      t.gauge(0.001, 1.0 / 4096, "node_scrape_collector_duration_seconds", "collector", c);
    }
    for (String c : collectors) {
      t.gauge(1, 0, "node_scrape_collector_success", "collector", c);
    }
    t.gauge(1.7e9, 1, "node_time_seconds");
    t.gauge(2.2e7, 4096, "process_resident_memory_bytes");
    t.counter(1200, 0.03125, "process_cpu_seconds_total");
    for (String code : new String[] {"200", "500", "503"}) {
      t.counter(code.equals("200") ? 5000 : 0, code.equals("200") ? 1 : 0, "promhttp_metric_handler_requests_total",
          "code", code);
    }
    // what Prometheus adds per target
    t.gauge(0.01, 1.0 / 1024, "scrape_duration_seconds");
    t.gauge(204, 0, "scrape_samples_post_metric_relabeling");
    t.gauge(204, 0, "scrape_samples_scraped");
    t.gauge(0, 0, "scrape_series_added");
    t.gauge(1, 0, "up");
  }

  /** Builds the series of one target. */
  private static final class Target {
    final List<Series> out;
    final String instance;
    final int index;
    final List<String> les = new ArrayList<>();

    Target(List<Series> out, String instance, int index) {
      this.out = out;
      this.instance = instance;
      this.index = index;
    }

    /** Whether the next series added continues a histogram or summary (not a place to cut a request). */
    boolean inGroup;

    void counter(double base, double step, String name, String... labels) {
      add(Kind.COUNTER, base + index, step, name, labels);
    }

    void gauge(double base, double step, String name, String... labels) {
      add(Kind.GAUGE, base, step, name, labels);
    }

    /** A summary: its quantile gauges, _sum and _count. */
    void summary(String name, String[] quantiles, double base, double step) {
      for (String q : quantiles) {
        gauge(base, step, name, "quantile", q);
        inGroup = true;
      }
      counter(0.5, 0.0078125, name + "_sum");
      counter(1000, 3, name + "_count");
      inGroup = false;
    }

    /** A classic histogram: cumulative buckets (non-decreasing in le), _sum, _count. */
    void histogram(String name, int variant, String... labels) {
      double perRound = 0;
      for (int b = 0; b < les.size(); b++) {
        // observations per round falling at or below this bound: non-decreasing, integer
        perRound = Math.max(perRound, Math.min(40, (b + 1) * (variant + 1)));
        String[] l = Arrays.copyOf(labels, labels.length + 2);
        l[labels.length] = "le";
        l[labels.length + 1] = les.get(b);
        add(Kind.COUNTER, 100 * (b + 1), perRound, name + "_bucket", l);
        inGroup = true;
      }
      add(Kind.COUNTER, 12.5, 0.5 * (variant + 1), name + "_sum", labels);
      add(Kind.COUNTER, 100 * les.size(), perRound, name + "_count", labels);
      inGroup = false;
    }

    private void add(Kind kind, double base, double step, String name, String... labels) {
      List<String[]> pairs = new ArrayList<>();
      pairs.add(new String[] {"__name__", name});
      pairs.add(new String[] {"instance", instance});
      pairs.add(new String[] {"job", "node"});
      for (int i = 0; i < labels.length; i += 2) {
        pairs.add(new String[] {labels[i], labels[i + 1]});
      }
      pairs.sort(Comparator.comparing(p -> p[0]));
      String[] flat = new String[pairs.size() * 2];
      for (int i = 0; i < pairs.size(); i++) {
        flat[2 * i] = pairs.get(i)[0];
        flat[2 * i + 1] = pairs.get(i)[1];
      }
      out.add(new Series(flat, encodeLabels(pairs), fingerprint(pairs), kind, base, step, !inGroup));
    }
  }

  private static byte[] encodeLabels(List<String[]> pairs) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    for (String[] p : pairs) {
      byte[] n = p[0].getBytes(StandardCharsets.UTF_8);
      byte[] v = p[1].getBytes(StandardCharsets.UTF_8);
      int len = 1 + varintSize(n.length) + n.length + 1 + varintSize(v.length) + v.length;
      o.write(0x0A); // TimeSeries.labels = 1
      writeVarint(o, len);
      o.write(0x0A); // Label.name = 1
      writeVarint(o, n.length);
      o.writeBytes(n);
      o.write(0x12); // Label.value = 2
      writeVarint(o, v.length);
      o.writeBytes(v);
    }
    return o.toByteArray();
  }

  private static void writeVarint(java.io.ByteArrayOutputStream o, long v) {
    while ((v & ~0x7FL) != 0) {
      o.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    o.write((int) v);
  }
}
