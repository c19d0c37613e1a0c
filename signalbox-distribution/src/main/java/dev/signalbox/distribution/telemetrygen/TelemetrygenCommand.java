package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.config.Secret;
import dev.signalbox.pdata.Signal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code signalbox telemetrygen traces|metrics|logs}: sends generated telemetry to an OTLP
 * endpoint at a rate, for load tests and reliability tests. See {@link Telemetrygen} for what it
 * guarantees (sequence numbers, retries).
 */
@Command(name = "telemetrygen", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Send generated traces, metrics or logs to an OTLP endpoint (gRPC, or HTTP protobuf).",
        "Every item carries an int attribute 'seq', numbered from --seq-start by one counter for the whole "
            + "process, so a sink can check that each arrived exactly once. Refused requests (UNAVAILABLE, "
            + "RESOURCE_EXHAUSTED, 429, 503, ...) are retried as they were, honouring RetryInfo / Retry-After, "
            + "until --max-retry-time; permanent refusals count as failed.",
        "Prints 'sent: N items in M requests, failed: F, retries: R' at the end and exits 0 when F is 0, else 1."},
    footer = {"", "Examples:",
        "  signalbox telemetrygen traces --rate 1000 --duration 30s",
        "  signalbox telemetrygen logs --otlp-http --count 100000 --workers 4 --report-file report.json",
        "  signalbox telemetrygen metrics --otlp-endpoint otel.example.com:4317 --otlp-insecure=false \\",
        "      --otlp-header 'authorization=Bearer s3cret' --compression gzip --duration 1m"})
public final class TelemetrygenCommand implements Callable<Integer> {
  private static final String VERSION = readVersion();

  /** The signals this command generates. */
  public enum Kind {
    TRACES(Signal.TRACES), METRICS(Signal.METRICS), LOGS(Signal.LOGS);

    final Signal<?> signal;

    Kind(Signal<?> signal) {
      this.signal = signal;
    }
  }

  /** Compression of requests. */
  public enum CompressionArg { GZIP, NONE }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SIGNAL", description = "traces, metrics or logs")
  Kind kind;

  @Option(names = "--otlp-endpoint", paramLabel = "HOST:PORT",
      description = "Where to send (default: 127.0.0.1:4317 for gRPC, 127.0.0.1:4318 for HTTP). For HTTP also a "
          + "base URL such as http://host:4318/prefix; /v1/<signal> is appended.")
  String endpoint;

  @Option(names = "--otlp-http", description = "Use OTLP/HTTP protobuf instead of gRPC.")
  boolean http;

  @Option(names = "--otlp-insecure", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "Plaintext instead of TLS (default: true for loopback endpoints, else false).")
  Boolean insecure;

  @Option(names = "--otlp-header", paramLabel = "KEY=VALUE", description = "A header sent with every request. Repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--compression", paramLabel = "gzip|none", defaultValue = "none",
      description = "Request compression (default: ${DEFAULT-VALUE}).")
  CompressionArg compression;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
      description = "Items per second in total, over all workers; 0 = as fast as possible (default: "
          + "${DEFAULT-VALUE}). Requests carry --batch-size items each, so lower the batch size for smooth low rates.")
  double rate;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationArg.class,
      description = "How long to generate, e.g. 10s or 2m. --duration or --count is required.")
  Duration duration;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0",
      description = "Items to generate in total; wins over --duration.")
  long count;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
      description = "Concurrent senders, each with one request in flight; --rate is shared by all "
          + "(default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
      description = "Items per request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--attributes", paramLabel = "N", defaultValue = "0",
      description = "Extra attributes per span, log record or data point (default: ${DEFAULT-VALUE}).")
  int attributes;

  @Option(names = "--attribute-size", paramLabel = "N", defaultValue = "16",
      description = "Characters of each extra attribute's value (default: ${DEFAULT-VALUE}).")
  int attributeSize;

  @Option(names = "--service", paramLabel = "NAME", defaultValue = "telemetrygen",
      description = "The service.name resource attribute (default: ${DEFAULT-VALUE}).")
  String service;

  @Option(names = "--seq-start", paramLabel = "N", defaultValue = "0",
      description = "The 'seq' attribute of the first item (default: ${DEFAULT-VALUE}).")
  long seqStart;

  @Option(names = "--max-retry-time", paramLabel = "DURATION", converter = DurationArg.class, defaultValue = "5m",
      description = "How long a refused request is retried before its items count as failed (default: ${DEFAULT-VALUE}).")
  Duration maxRetryTime;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationArg.class, defaultValue = "10s",
      description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--progress", paramLabel = "DURATION", converter = DurationArg.class, defaultValue = "1s",
      description = "Interval of progress lines on stderr; 0 = none (default: ${DEFAULT-VALUE}).")
  Duration progress;

  @Option(names = "--report-file", paramLabel = "PATH",
      description = "Write a JSON report (sent, failed, retries, first/last seq, duration) to this file.")
  Path reportFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter errWriter = spec.commandLine().getErr();
    TelemetrygenOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      errWriter.println("Error: " + e.getMessage());
      errWriter.flush();
      return 2;
    }
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      problems.forEach(p -> errWriter.println("Error: " + p));
      errWriter.flush();
      return 2;
    }
    PrintStream err = new PrintStream(new WriterStream(errWriter), true);
    Telemetrygen gen = new Telemetrygen(options, err);
    Thread hook = new Thread(() -> {
      gen.stop();
      try {
        gen.awaitDone(Duration.ofSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "telemetrygen-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Summary summary;
    try {
      summary = gen.run();
    } catch (IOException | IllegalArgumentException e) {
      errWriter.println("Error: " + e.getMessage());
      errWriter.flush();
      return 2;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C): the hook waits for us
      }
    }
    out.println(summary.line());
    out.flush();
    return summary.exitCode();
  }

  /** The options as given, with the defaults that depend on other options filled in. */
  TelemetrygenOptions options() {
    String ep = endpoint == null || endpoint.isBlank() ? TelemetrygenOptions.defaultEndpoint(http) : endpoint.strip();
    boolean plain = insecure != null ? insecure
        : ep.startsWith("http://") || (!ep.startsWith("https://") && TelemetrygenOptions.isLoopback(ep));
    Map<String, Secret> h = TelemetrygenOptions.parseHeaders(headers);
    return new TelemetrygenOptions(kind.signal, ep, http, plain, h, compression == CompressionArg.GZIP, rate,
        duration == null ? Duration.ZERO : duration, count, workers, batchSize, attributes, attributeSize, service,
        seqStart, maxRetryTime, timeout, progress, reportFile);
  }

  /** The distribution's version, for the scope and the User-Agent. */
  static String version() {
    return VERSION;
  }

  /** {@code signalbox-telemetrygen/0.1.0}. */
  static String userAgent() {
    return "signalbox-telemetrygen/" + VERSION;
  }

  private static String readVersion() {
    try (var in = TelemetrygenCommand.class.getResourceAsStream("/signalbox-version.properties")) {
      if (in == null) {
        return "0.0.0-dev";
      }
      var p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "0.0.0-dev");
    } catch (IOException e) {
      return "0.0.0-dev";
    }
  }

  /** Durations as config writes them: 10s, 500ms, 1m30s, 2h; 0 alone means zero. */
  public static final class DurationArg implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    @Override
    public Duration convert(String s) {
      String t = s.strip().toLowerCase(Locale.ROOT);
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      Matcher m = PART.matcher(t);
      long nanos = 0;
      int end = 0;
      while (m.find() && m.start() == end) {
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
        nanos += Math.round(n * unit);
        end = m.end();
      }
      if (end != t.length() || end == 0) {
        throw new CommandLine.TypeConversionException("expected a duration such as 10s, 500ms or 1m30s, got '" + s + "'");
      }
      return Duration.ofNanos(nanos);
    }
  }

  /** Lets progress lines go to picocli's error writer (stderr, or a test's writer). */
  private static final class WriterStream extends java.io.OutputStream {
    private final PrintWriter w;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public synchronized void flush() {
      w.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
      w.flush();
      line.reset();
    }
  }
}
