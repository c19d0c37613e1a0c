package dev.signalbox.benchmarks.e2e;

import dev.signalbox.pdata.Signal;
import dev.signalbox.testing.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end benchmark: for each pipeline, starts a {@link CountingSink}, Signalbox (the shaded
 * jar with the launcher's JVM options) and telemetrygen as a separate process; measures Signalbox's
 * CPU-seconds and RSS over a steady-state window after a warm-up; then checks that every item
 * telemetrygen reports as sent reached the sink, exactly (the run fails otherwise). Also measures RSS
 * at idle and at a steady rate. Prints a Markdown table per run and a summary.
 *
 * <p>Run with {@code bin/bench e2e [options]}; {@code --help} lists them.
 */
@Command(name = "bench e2e", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"End-to-end benchmark: telemetrygen -> Signalbox (OTLP receiver -> batch -> OTLP exporter) -> "
        + "counting sink. Measures Signalbox's CPU-seconds (from /proc) per item over a steady-state window, and RSS.",
        "Scenarios: traces-grpc traces-http metrics-grpc metrics-http logs-grpc logs-http (throughput, at --rate), "
            + "idle (RSS and CPU with no load), steady (traces-grpc at --steady-rate: RSS)."})
public final class E2e implements Callable<Integer> {
  private static final double MIB = 1024.0 * 1024.0;

  @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
      description = "Comma-separated (default: the six pipelines, then idle and steady).")
  List<String> scenarios = new ArrayList<>(List.of("traces-grpc", "traces-http", "metrics-grpc", "metrics-http",
      "logs-grpc", "logs-http", "idle", "steady"));

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each scenario (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "20s", converter = DurationArg.class,
      description = "Load before the window opens, at least; then until the JIT compiler threads use under "
          + "--jit-share of Signalbox's CPU over 5 s (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--max-warmup", defaultValue = "120s", converter = DurationArg.class,
      description = "The longest warm-up: the window opens then even if the JIT is still busy (default: ${DEFAULT-VALUE}).")
  Duration maxWarmup;

  @Option(names = "--jit-share", defaultValue = "0.03",
      description = "The JIT's share of Signalbox's CPU under which it counts as warm (default: ${DEFAULT-VALUE}).")
  double jitShare;

  @Option(names = "--window", defaultValue = "30s", converter = DurationArg.class,
      description = "The measured window (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(names = "--rate", defaultValue = "0",
      description = "Items/s telemetrygen sends in the throughput scenarios; 0 = as fast as it can (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--workers", defaultValue = "4", description = "telemetrygen workers (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--batch-size", defaultValue = "100",
      description = "Items per telemetrygen request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--attributes", defaultValue = "10",
      description = "Extra attributes per span, data point or log record (default: ${DEFAULT-VALUE}).")
  int attributes;

  @Option(names = "--compression", paramLabel = "none|gzip|zstd|snappy",
      description = "The exporter's compression (default: the exporter's own default, gzip).")
  String compression;

  @Option(names = "--steady-rate", defaultValue = "10000",
      description = "Spans/s of the steady scenario (default: ${DEFAULT-VALUE}).")
  double steadyRate;

  @Option(names = "--steady-warmup", defaultValue = "30s", converter = DurationArg.class,
      description = "Warm-up of the steady scenario (default: ${DEFAULT-VALUE}).")
  Duration steadyWarmup;

  @Option(names = "--steady-window", defaultValue = "60s", converter = DurationArg.class,
      description = "Window of the steady and idle scenarios (default: ${DEFAULT-VALUE}).")
  Duration steadyWindow;

  @Option(names = "--repo-root", paramLabel = "DIR",
      description = "The Signalbox checkout (default: -Dsignalbox.root, else the current directory).")
  Path repoRoot;

  @Option(names = "--jar", paramLabel = "PATH",
      description = "The distribution jar (default: <repo-root>/signalbox-distribution/target/signalbox.jar).")
  Path jar;

  @Option(names = "--jvm-opt", paramLabel = "OPTION",
      description = "An extra JVM option for Signalbox, after the launcher's (repeatable), e.g. --jvm-opt=-Xmx128m.")
  List<String> extraJvmOptions = new ArrayList<>();

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where configs, logs and reports go (default: a new directory under /tmp).")
  Path workDir;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also append the result tables to this file.")
  Path markdown;

  @Option(names = "--jfr", description = "Record a JFR profile (settings=profile) of Signalbox over each window into "
      + "the work dir (costs a few %% CPU); summarize it with dev.signalbox.benchmarks.e2e.JfrSummary.")
  boolean jfr;

  private final List<Row> rows = new ArrayList<>();
  private PrintStream out = System.out;

  public static void main(String[] args) {
    // The sink's servers log their lifecycle at INFO; the harness prints its own lines.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    System.exit(new CommandLine(new E2e()).registerConverter(Duration.class, new DurationArg()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path root = repoRoot != null ? repoRoot : Path.of(System.getProperty("signalbox.root", ".")).toAbsolutePath();
    Path theJar = jar != null ? jar : root.resolve("signalbox-distribution/target/signalbox.jar");
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    List<String> jvm = new ArrayList<>(LauncherOptions.of(root, java));
    jvm.addAll(extraJvmOptions);
    Path dir = workDir != null ? workDir : Files.createTempDirectory("signalbox-bench-");
    String header = "e2e " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now().withNano(0))
        + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version()
        + "\nSignalbox JVM options: " + String.join(" ", jvm)
        + "\nload: --rate " + fmt(rate, 0) + " --workers " + workers + " --batch-size " + batchSize + " --attributes "
        + attributes + "; exporter compression: " + (compression == null ? "default (gzip)" : compression)
        + "; warm-up " + warmup.toSeconds() + "-" + maxWarmup.toSeconds() + "s (until the JIT uses < "
        + fmt(jitShare * 100, 0) + "% of the CPU), window " + window.toSeconds() + "s; work dir " + dir;
    out.println(header);
    out.println(Row.HEADER);
    out.println(Row.RULE);
    boolean ok = true;
    for (String name : scenarios) {
      for (int run = 1; run <= runs; run++) {
        Row row;
        try {
          row = switch (name.strip()) {
            case "idle" -> idle(java, theJar, jvm, dir, run);
            case "steady" -> steady(java, theJar, jvm, dir, run);
            default -> throughput(Pipeline.named(name), java, theJar, jvm, dir, run);
          };
        } catch (IllegalArgumentException e) {
          out.println("error: " + e.getMessage());
          return 2;
        } catch (Exception e) {
          String msg = e.toString();
          row = Row.failed(name, run, msg.length() > 2000 ? msg.substring(0, 2000) + "..." : msg);
        }
        rows.add(row);
        ok &= row.ok();
        out.println(row.markdown());
        if (!row.w().threadCpu().isEmpty()) {
          out.println("  Signalbox CPU by thread: " + ThreadCpu.format(row.w().threadCpu()));
        }
        if (!row.ok()) {
          out.println("FAILED: " + row.note());
        }
      }
    }
    String summary = summary();
    out.println();
    out.println(summary);
    if (markdown != null) {
      StringBuilder md = new StringBuilder();
      md.append("\n```\n").append(header).append("\n```\n\n").append(Row.HEADER).append('\n').append(Row.RULE).append('\n');
      rows.forEach(r -> md.append(r.markdown()).append('\n'));
      md.append('\n').append(summary).append('\n');
      Files.writeString(markdown, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return ok ? 0 : 1;
  }

  /** One throughput run: sink, Signalbox, telemetrygen; window; exactly-once check. */
  private Row throughput(Pipeline p, Path java, Path jarPath, List<String> jvm, Path dir, int run) throws Exception {
    int port = Ports.free();

    Duration loadFor = maxWarmup.plus(window).plusSeconds(5);
    List<String> load = loadArgs(rate, loadFor);
    try (CountingSink sink = CountingSink.start();
        SignalboxUnderTest sb = SignalboxUnderTest.start(new SignalboxUnderTest.Spec(java, jarPath, jvm,
            p.signalboxConfig(port, sink, compression), dir))) {
      double startupCpu = sb.stats().cpuSeconds();
      Window.Result w;
      TelemetrygenRun.Report report;
      try (TelemetrygenRun gen = TelemetrygenRun.start(java, jarPath, jvm, p.telemetrygenArgs(port, load), dir)) {
        double warm = Window.awaitJitQuiet(sb.pid(), warmup, maxWarmup, jitShare);
        Path rec = jfr ? dir.resolve("signalbox-" + p.name() + "-" + run + "-" + System.nanoTime() + ".jfr") : null;
        if (rec != null) {
          jcmd(java, sb.pid(), "JFR.start", "name=bench", "settings=profile");
        }
        w = Window.measure(sb.pid(), () -> sink.received(p.signal()), Duration.ZERO, window, gen.pid())
            .withWarmup(warm);
        if (rec != null) {
          jcmd(java, sb.pid(), "JFR.stop", "name=bench", "filename=" + rec);
          out.println("JFR recording of the window: " + rec + " (summary: java -cp <benchmarks jar> "
              + JfrSummary.class.getName() + " " + rec + ")");
        }
        gen.close(); // SIGTERM: stops generating; requests in flight finish and the report is written
        report = gen.await(Duration.ofSeconds(60));
      }
      long received = sink.awaitReceived(p.signal(), report.sent(), Duration.ofSeconds(10), Duration.ofSeconds(60));
      long peak = sb.stats().peakRssBytes();
      int exit = sb.stop(Duration.ofSeconds(30));
      long after = sink.received(p.signal());
      String note = "";
      if (report.failed() > 0) {
        note = report.failed() + " items failed at telemetrygen: " + report.lastError();
      } else if (after != report.sent()) {
        note = "sent " + report.sent() + " but the sink received " + after + " (" + (after - report.sent()) + ")";
      } else if (sink.malformed() > 0) {
        note = sink.malformed() + " malformed requests at the sink";
      } else if (exit != 0) {
        note = "signalbox exited with " + exit;
      }
      return new Row(p.name(), run, report.sent(), after, w, peak, startupCpu, report.itemsPerSecond(), note);
    }
  }

  /** RSS and CPU with no load, after {@code steadyWindow}. */
  private Row idle(Path java, Path jarPath, List<String> jvm, Path dir, int run) throws Exception {
    Pipeline p = Pipeline.named("traces-grpc");
    int port = Ports.free();
    try (CountingSink sink = CountingSink.start();
        SignalboxUnderTest sb = SignalboxUnderTest.start(new SignalboxUnderTest.Spec(java, jarPath, jvm,
            p.signalboxConfig(port, sink, compression), dir))) {
      double startupCpu = sb.stats().cpuSeconds();
      Window.Result w = Window.measure(sb.pid(), () -> 0, Duration.ofSeconds(5), steadyWindow, -1);
      long peak = sb.stats().peakRssBytes();
      int exit = sb.stop(Duration.ofSeconds(30));
      return new Row("idle", run, 0, 0, w, peak, startupCpu, 0, exit == 0 ? "" : "signalbox exited with " + exit);
    }
  }

  /** traces-grpc at a steady {@code steadyRate}: RSS and CPU at a moderate load. */
  private Row steady(Path java, Path jarPath, List<String> jvm, Path dir, int run) throws Exception {
    Duration w0 = warmup;
    Duration w1 = window;
    double r0 = rate;
    warmup = steadyWarmup;
    window = steadyWindow;
    rate = steadyRate;
    try {
      Row r = throughput(Pipeline.named("traces-grpc"), java, jarPath, jvm, dir, run);
      return r.renamed("steady " + fmt(steadyRate / 1000, 0) + "k/s");
    } finally {
      warmup = w0;
      window = w1;
      rate = r0;
    }
  }

  /** Runs {@code jcmd <pid> <args>} from the JDK running us; fails if it fails. */
  private static void jcmd(Path java, long pid, String... args) throws IOException, InterruptedException {
    Path jcmd = java.resolveSibling("jcmd");
    List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + output);
    }
  }

  private List<String> loadArgs(double r, Duration duration) {
    return List.of("--rate", String.format(Locale.ROOT, "%.0f", r), "--duration", duration.toSeconds() + "s", "--workers",
        Integer.toString(workers), "--batch-size", Integer.toString(batchSize), "--attributes",
        Integer.toString(attributes), "--progress", "5s");
  }

  /** Per scenario: median, min and max of items per CPU-second (and RSS), over successful runs. */
  private String summary() {
    Map<String, List<Row>> by = new LinkedHashMap<>();
    rows.forEach(r -> by.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r));
    StringBuilder sb = new StringBuilder();
    sb.append("| scenario | runs ok | items/CPU-s median (min-max) | CPU-s per M items median | items/s median "
        + "| Signalbox cores median | RSS max MiB median (max) | peak RSS MiB max |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    by.forEach((name, list) -> {
      List<Row> good = list.stream().filter(Row::ok).toList();
      if (good.isEmpty()) {
        sb.append("| ").append(name).append(" | 0/").append(list.size()).append(" | | | | | | |\n");
        return;
      }
      List<Double> ipc = good.stream().map(r -> r.w().itemsPerCpuSecond()).sorted().toList();
      List<Double> cpm = good.stream().map(r -> r.w().cpuSecondsPerMillion()).sorted().toList();
      List<Double> ips = good.stream().map(r -> r.w().itemsPerSecond()).sorted().toList();
      List<Double> cores = good.stream().map(r -> r.w().cores()).sorted().toList();
      List<Double> rss = good.stream().map(r -> r.w().rssMaxBytes() / MIB).sorted().toList();
      double peak = good.stream().mapToDouble(r -> r.peakRss() / MIB).max().orElse(0);
      sb.append("| ").append(name).append(" | ").append(good.size()).append('/').append(list.size()).append(" | ");
      if (ipc.get(ipc.size() - 1) > 0) {
        sb.append(fmt(median(ipc), 0)).append(" (").append(fmt(ipc.get(0), 0)).append('-')
            .append(fmt(ipc.get(ipc.size() - 1), 0)).append(')');
      }
      sb.append(" | ").append(cpm.get(cpm.size() - 1) > 0 ? fmt(median(cpm), 2) : "")
          .append(" | ").append(fmt(median(ips), 0))
          .append(" | ").append(fmt(median(cores), 3))
          .append(" | ").append(fmt(median(rss), 1)).append(" (").append(fmt(rss.get(rss.size() - 1), 1)).append(')')
          .append(" | ").append(fmt(peak, 1)).append(" |\n");
    });
    return sb.toString();
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /** One run's line of the table. */
  record Row(String scenario, int run, long sent, long received, Window.Result w, long peakRss, double startupCpu,
      double loadRate, String note) {
    static final String HEADER = "| scenario | run | sent | received | window items | items/s | Signalbox CPU-s | cores "
        + "| items/CPU-s | CPU-s per M | RSS max MiB | peak RSS MiB | startup CPU-s | warm-up s | telemetrygen CPU-s "
        + "| harness CPU-s | load1 | ok |";
    static final String RULE = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    boolean ok() {
      return note.isEmpty();
    }

    static Row failed(String scenario, int run, String why) {
      return new Row(scenario, run, 0, 0, new Window.Result(0, 1, 0, 0, 0, 0, -1, -1, 0, 0, Map.of(), 0), 0, 0, 0, why);
    }

    Row renamed(String name) {
      return new Row(name, run, sent, received, w, peakRss, startupCpu, loadRate, note);
    }

    String markdown() {
      return "| " + scenario + " | " + run + " | " + fmt(sent, 0) + " | " + fmt(received, 0) + " | " + fmt(w.items(), 0)
          + " | " + fmt(w.itemsPerSecond(), 0) + " | " + fmt(w.cpuSeconds(), 2) + " | " + fmt(w.cores(), 3)
          + " | " + (w.items() > 0 ? fmt(w.itemsPerCpuSecond(), 0) : "") + " | "
          + (w.items() > 0 ? fmt(w.cpuSecondsPerMillion(), 2) : "") + " | " + fmt(w.rssMaxBytes() / MIB, 1)
          + " | " + fmt(peakRss / MIB, 1) + " | " + fmt(startupCpu, 2) + " | " + fmt(w.warmupSeconds(), 0)
          + " | " + fmt(w.loadCpuSeconds(), 1)
          + " | " + fmt(w.harnessCpuSeconds(), 1) + " | " + fmt(w.load1Start(), 1) + "-" + fmt(w.load1End(), 1)
          + " | " + (ok() ? "yes" : "**no**") + " |";
    }
  }

  /** Durations such as 30s, 500ms, 2m. */
  static final class DurationArg implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String s) {
      return new dev.signalbox.distribution.telemetrygen.TelemetrygenCommand.DurationArg().convert(s);
    }
  }
}
