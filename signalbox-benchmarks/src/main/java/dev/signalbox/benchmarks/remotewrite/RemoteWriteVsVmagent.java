package dev.signalbox.benchmarks.remotewrite;

import dev.signalbox.testing.ProcessStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Remote write in → batch → remote write out: Signalbox ({@code prometheusremotewrite} receiver →
 * {@code batch} → {@code prometheusremotewrite} exporter) against vmagent ({@code /api/v1/write} →
 * {@code -remoteWrite.url}), both on this machine in the same run, fed the same requests at the
 * same fixed rate by this JVM ({@link NodeLoad}: node_exporter-like series, snappy protobuf), each
 * forwarding to a {@link CountingRemoteWriteSink} of its own in this JVM.
 *
 * <p>Per run and rate: both systems start fresh, get {@code --warmup} seconds of load, then
 * {@code --seconds} measured; then the load stops, and when both sinks have everything the
 * systems accepted, each process's CPU-seconds (user + system, from /proc) since the start of the
 * measured window are divided by the samples sent in it. Peak RSS is the process's VmHWM. The run
 * fails unless every sample sent was accepted and arrived exactly once, unchanged (count and
 * checksum per series, no unknown series).
 *
 * <pre>{@code
 * java -cp signalbox-benchmarks/target/signalbox-benchmarks.jar \
 *   dev.signalbox.benchmarks.remotewrite.RemoteWriteVsVmagent --rates 50000,200000 --repeat 3
 * }</pre>
 * Options: {@code --rates} samples/s (comma-separated), {@code --warmup} s (90: the JVM needs that long before its JIT compilers go quiet on this path; with 30 s they still took 16% of the CPU of the window), {@code --seconds}
 * s (60), {@code --repeat} (3), {@code --samples-per-request} (1000), {@code --targets}
 * node_exporter targets (20, 205 series each), {@code --connections} per system (4),
 * {@code --repo-root} (.: its {@code bin/signalbox} and shaded jar are measured), {@code --vmagent}
 * (vmagent), {@code --java-home} (this JVM's), {@code --work-dir} (a temp dir), {@code --only}
 * signalbox|vmagent, {@code --signalbox-java-opts} (extra JVM options, e.g. a JFR recording),
 * {@code --exporter-yaml} (extra keys of the exporter, one {@code key: value} per {@code ;}),
 * {@code --split-groups} (false: requests are not cut inside a histogram or summary; see
 * {@link NodeLoad}).
 */
public final class RemoteWriteVsVmagent {
  private RemoteWriteVsVmagent() {}

  /** One system's numbers of one run. */
  record Result(String system, long rate, int run, long samples, double cpuSeconds, long peakRss, double drainSeconds,
      long maxBacklog, double load1) {
    double cpuPerMillion() {
      return cpuSeconds / samples * 1e6;
    }

    double samplesPerCpuSecond() {
      return samples / cpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    long[] rates = Arrays.stream(o.getOrDefault("rates", "50000,200000").split(",")).mapToLong(
        s -> Long.parseLong(s.strip())).toArray();
    double warmup = Double.parseDouble(o.getOrDefault("warmup", "90"));
    double seconds = Double.parseDouble(o.getOrDefault("seconds", "60"));
    int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
    int perRequest = Integer.parseInt(o.getOrDefault("samples-per-request", "1000"));
    int targets = Integer.parseInt(o.getOrDefault("targets", "20"));
    int connections = Integer.parseInt(o.getOrDefault("connections", "4"));
    Path repo = Path.of(o.getOrDefault("repo-root", ".")).toAbsolutePath().normalize();
    String vmagent = o.getOrDefault("vmagent", "vmagent");
    String javaHome = o.getOrDefault("java-home", System.getProperty("java.home"));
    String only = o.getOrDefault("only", "");
    boolean splitGroups = Boolean.parseBoolean(o.getOrDefault("split-groups", "false"));
    String javaOpts = o.getOrDefault("signalbox-java-opts", "");
    StringBuilder exporterYaml = new StringBuilder();
    for (String kv : o.getOrDefault("exporter-yaml", "").split(";")) {
      if (!kv.isBlank()) {
        exporterYaml.append("    ").append(kv.strip()).append('\n');
      }
    }
    Path work = o.containsKey("work-dir") ? Path.of(o.get("work-dir")) : Files.createTempDirectory("prwbench-");
    Path launcher = repo.resolve("bin/signalbox");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(repo.resolve("signalbox-distribution/target/signalbox.jar"))) {
      throw new IOException("no " + launcher + " or no shaded jar next to it: build the distribution first, and pass "
          + "--repo-root");
    }

    int series = new NodeLoad(targets).series().size();
    System.out.printf(Locale.ROOT, "load: %d targets, %d series, %d samples per request, %d connections per system;"
        + " warm-up %.0f s, measured %.0f s; work dir %s%n", targets, series, perRequest, connections, warmup, seconds,
        work);
    List<Result> results = new ArrayList<>();
    boolean ok = true;
    for (int run = 1; run <= repeat; run++) {
      for (long rate : rates) {
        try {
          results.addAll(run(rate, run, warmup, seconds, perRequest, targets, connections, launcher, vmagent, javaHome,
              javaOpts, exporterYaml.toString(), only, splitGroups, work.resolve("r" + run + "-" + rate)));
        } catch (RunFailed e) {
          ok = false;
          System.out.println("RUN FAILED: " + e.getMessage());
        }
      }
    }
    summary(results, rates);
    if (!ok) {
      System.exit(1);
    }
  }

  static final class RunFailed extends Exception {
    RunFailed(String message) {
      super(message);
    }
  }

  private static List<Result> run(long rate, int run, double warmup, double seconds, int perRequest, int targets,
      int connections, Path launcher, String vmagentBinary, String javaHome, String javaOpts, String exporterYaml,
      String only, boolean splitGroups, Path dir) throws Exception {
    NodeLoad load = new NodeLoad(targets);
    List<Lane> lanes = new ArrayList<>();
    try {
      if (!only.equals("signalbox")) {
        CountingRemoteWriteSink sink = new CountingRemoteWriteSink(load.series());
        SystemUnderTest vm = SystemUnderTest.vmagent(vmagentBinary, dir.resolve("vmagent"), sink.url());
        lanes.add(new Lane(vm, sink, new RemoteWriteSender("vmagent", vm.writeUrl(), connections)));
      }
      if (!only.equals("vmagent")) {
        CountingRemoteWriteSink sink = new CountingRemoteWriteSink(load.series());
        SystemUnderTest sb = SystemUnderTest.signalbox(launcher, dir.resolve("signalbox"), sink.url(), javaHome,
            javaOpts, exporterYaml);
        lanes.add(new Lane(sb, sink, new RemoteWriteSender("signalbox", sb.writeUrl(), connections)));
      }
      System.out.printf(Locale.ROOT, "run %d, %,d samples/s: %s%n", run, rate,
          lanes.stream().map(l -> l.sut.name() + " pid " + l.sut.pid()).toList());

      // the load: a request is due when the samples before it, at the rate, have had their time
      long t0 = System.nanoTime();
      long warmEnd = t0 + (long) (warmup * 1e9);
      long end = warmEnd + (long) (seconds * 1e9);
      long generatedAtWindow = -1;
      double load1 = 0;
      ProcessStats harness0 = null;
      long nextCheck = t0;
      for (long due = t0; due - end < 0; due = t0 + (long) (load.totalGenerated() * 1e9 / rate)) {
        long now = System.nanoTime();
        if (due - now > 0) {
          LockSupport.parkNanos(due - now);
          now = System.nanoTime();
        }
        if (generatedAtWindow < 0 && now - warmEnd >= 0) {
          generatedAtWindow = load.totalGenerated();
          for (Lane l : lanes) {
            l.start = l.sut.stats();
            l.threadsStart = l.sut.threadCpu();
          }
          harness0 = ProcessStats.of(ProcessHandle.current().pid());
          load1 = loadAverage();
        }
        NodeLoad.Request r = load.next(perRequest, System.currentTimeMillis(), splitGroups);
        for (Lane l : lanes) {
          l.sender.send(r);
        }
        if (now - nextCheck >= 0) {
          nextCheck = now + 1_000_000_000L;
          for (Lane l : lanes) {
            if (!l.sut.isAlive()) {
              throw new RunFailed(l.sut.name() + " exited:\n" + tail(l.sut.log()));
            }
            if (generatedAtWindow >= 0) {
              l.maxBacklog = Math.max(l.maxBacklog, l.sender.backlog());
            }
          }
        }
      }
      long windowNanos = System.nanoTime() - warmEnd;
      long generated = load.totalGenerated();
      long windowSamples = generated - generatedAtWindow;
      double load1End = loadAverage();
      ProcessStats harness1 = ProcessStats.of(ProcessHandle.current().pid());
      System.out.printf(Locale.ROOT, "  sent %,d samples in the window (%,.0f/s); load average %.2f → %.2f; harness"
          + " %.1f CPU-s%n", windowSamples, windowSamples / (windowNanos / 1e9), load1, load1End,
          harness1.cpuSince(harness0));

      // drain: every request answered, then every accepted sample at the sink
      List<Result> out = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      long drain0 = System.nanoTime();
      for (Lane l : lanes) {
        if (!l.sender.awaitIdle(Duration.ofSeconds(120))) {
          problems.add(l.sut.name() + ": " + l.sender.backlog() + " samples still unanswered 120 s after the load"
              + " stopped");
        }
      }
      for (Lane l : lanes) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (l.sink.samples() < l.sender.acceptedSamples() && System.nanoTime() - until < 0) {
          Thread.sleep(20);
        }
        l.drained = (System.nanoTime() - drain0) / 1e9;
        l.end = l.sut.stats();
        l.threadsEnd = l.sut.threadCpu();
      }
      for (Lane l : lanes) {
        String n = l.sut.name();
        if (l.sender.failures() > 0) {
          problems.add(n + ": " + l.sender.failures() + " requests refused permanently, e.g. " + l.sender.lastFailure());
        }
        if (l.sender.acceptedSamples() != generated) {
          problems.add(n + ": accepted " + l.sender.acceptedSamples() + " of " + generated + " samples");
        }
        for (String d : l.sink.differences(load)) {
          problems.add(n + ": " + d);
        }
        double cpu = l.end.cpuSince(l.start);
        Result res = new Result(n, rate, run, windowSamples, cpu, l.end.peakRssBytes(), l.drained, l.maxBacklog,
            (load1 + load1End) / 2);
        out.add(res);
        System.out.printf(Locale.ROOT, "  %-9s %6.2f CPU-s → %6.3f CPU-s per 1M samples, %,10.0f samples per CPU-s;"
            + " peak RSS %5.1f MiB; in %,d / out %,d samples (%,d requests out, %.2f MB); retries %d; max backlog %,d;"
            + " drained %.1f s%n", n, cpu, res.cpuPerMillion(), res.samplesPerCpuSecond(), l.end.peakRssBytes() / 1048576.0,
            l.sender.acceptedSamples(), l.sink.samples(), l.sink.requests(), l.sink.bytes() / 1e6, l.sender.retries(),
            l.maxBacklog, l.drained);
        if (n.equals("signalbox")) {
          // where its CPU went, by kind of thread (JVM thread names; vmagent's are all "vmagent")
          StringBuilder b = new StringBuilder("            threads (CPU-s):");
          l.threadsEnd.entrySet().stream()
              .map(e -> Map.entry(e.getKey(), e.getValue() - l.threadsStart.getOrDefault(e.getKey(), 0.0)))
              .filter(e -> e.getValue() >= 0.05).sorted((a, b2) -> Double.compare(b2.getValue(), a.getValue()))
              .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue())));
          System.out.println(b);
        }
      }
      if (lanes.size() == 2) {
        Result v = out.get(0);
        Result s = out.get(1);
        System.out.printf(Locale.ROOT, "  ratio signalbox/vmagent: CPU %.2f×, peak RSS %.2f×%n",
            s.cpuPerMillion() / v.cpuPerMillion(), (double) s.peakRss() / v.peakRss());
      }
      if (!problems.isEmpty()) {
        throw new RunFailed("run " + run + " at " + rate + " samples/s:\n  " + String.join("\n  ", problems));
      }
      return out;
    } finally {
      for (Lane l : lanes) {
        l.sender.close();
        try {
          l.sut.stop();
        } finally {
          l.sut.close();
          l.sink.close();
        }
      }
    }
  }

  /** One system with its sender and its sink. */
  private static final class Lane {
    final SystemUnderTest sut;
    final CountingRemoteWriteSink sink;
    final RemoteWriteSender sender;
    ProcessStats start;
    ProcessStats end;
    Map<String, Double> threadsStart = Map.of();
    Map<String, Double> threadsEnd = Map.of();
    long maxBacklog;
    double drained;

    Lane(SystemUnderTest sut, CountingRemoteWriteSink sink, RemoteWriteSender sender) {
      this.sut = sut;
      this.sink = sink;
      this.sender = sender;
    }
  }

  private static void summary(List<Result> results, long[] rates) {
    System.out.println();
    System.out.println("| Rate (samples/s) | System | CPU-s per 1M samples (median, min–max) | Samples per CPU-s (median)"
        + " | Peak RSS MiB (median, min–max) | Runs |");
    System.out.println("|---|---|---|---|---|---|");
    for (long rate : rates) {
      Map<String, List<Result>> by = new LinkedHashMap<>();
      for (Result r : results) {
        if (r.rate() == rate) {
          by.computeIfAbsent(r.system(), k -> new ArrayList<>()).add(r);
        }
      }
      for (var e : by.entrySet()) {
        double[] cpu = e.getValue().stream().mapToDouble(Result::cpuPerMillion).sorted().toArray();
        double[] rss = e.getValue().stream().mapToDouble(r -> r.peakRss() / 1048576.0).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %,d | %s | %.3f (%.3f–%.3f) | %,.0f | %.0f (%.0f–%.0f) | %d |%n", rate,
            e.getKey(), median(cpu), cpu[0], cpu[cpu.length - 1], 1e6 / median(cpu), median(rss), rss[0],
            rss[rss.length - 1], cpu.length);
      }
      List<Result> s = by.getOrDefault("signalbox", List.of());
      List<Result> v = by.getOrDefault("vmagent", List.of());
      if (!s.isEmpty() && !v.isEmpty()) {
        // ratios per run (same run, same load), then their median and spread
        List<Double> ratios = new ArrayList<>();
        for (Result a : s) {
          for (Result b : v) {
            if (a.run() == b.run()) {
              ratios.add(a.cpuPerMillion() / b.cpuPerMillion());
            }
          }
        }
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %,d | **ratio signalbox/vmagent** | **%.2f×** (%.2f–%.2f) | | | %d |%n", rate,
            median(r), r[0], r[r.length - 1], r.length);
      }
    }
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options are --name value; got " + args[i]);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }
}
