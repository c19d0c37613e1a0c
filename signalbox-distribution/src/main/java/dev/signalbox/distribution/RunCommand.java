package dev.signalbox.distribution;

import dev.signalbox.service.Service;
import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ResolvedConfig;
import dev.signalbox.service.graph.GraphException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code signalbox run}: loads and validates the configuration, starts every pipeline, and runs
 * until SIGTERM or SIGINT. The first signal shuts down gracefully (receivers first, then the
 * batch processors flush and the exporter queues drain until {@code --shutdown-timeout}); a second
 * signal exits at once.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run Signalbox. Without --config, runs the embedded default configuration: OTLP gRPC on "
        + "localhost:4317 and HTTP on localhost:4318 -> batch -> debug exporter.")
final class RunCommand implements Callable<Integer> {
  static final int KEEP_RUNNING = Integer.MIN_VALUE;
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "SOURCE",
      description = "A configuration source: a file path, env:VAR or yaml:key::path: value. Repeatable; "
          + "later sources override earlier ones.")
  List<String> configs = new ArrayList<>();

  @Option(names = "--shutdown-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "How long a graceful shutdown may take to flush batches and drain queues (default: ${DEFAULT-VALUE}).")
  Duration shutdownTimeout;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    ResolvedConfig rc;
    try {
      rc = Configs.load(configs, BuiltinComponents.registry());
    } catch (ConfigException e) {
      err.println("Error: invalid configuration:");
      e.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return 1;
    }
    Logging.configure(rc.telemetry().logs().level(), rc.telemetry().logs().encoding());
    rc.warnings().forEach(w -> LOG.warn("{}", w));
    Service service;
    try {
      service = Service.create(rc, BuiltinComponents.registry(), Main.BUILD_INFO);
      service.start();
    } catch (GraphException e) {
      LOG.error("cannot start: {}", e.getMessage());
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger signals = new AtomicInteger();
    long[] firstAt = new long[1];
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), s -> {
        // Some tools (timeout, process-group kills) deliver one request twice within microseconds:
        // only a signal arriving later than that is a request to exit at once.
        if (signals.get() > 0 && System.nanoTime() - firstAt[0] < 300_000_000L) {
          return;
        }
        if (signals.incrementAndGet() == 1) {
          firstAt[0] = System.nanoTime();
          LOG.info("received SIG{}; shutting down gracefully (send it again to exit at once)", s.getName());
          stop.countDown();
        } else {
          LOG.warn("received SIG{} again; exiting without waiting", s.getName());
          Runtime.getRuntime().halt(130);
        }
      });
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    service.shutdown(shutdownTimeout);
    return 0;
  }
}
