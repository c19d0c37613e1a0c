package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.exporterhelper.ExporterHelper;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.RetryConfig;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link ExporterHelper} per signal of an exporter that serves several signals with one
 * connection: builds them over one push function, starts them together and shuts them down in
 * parallel, so every signal's queue gets the whole shutdown deadline to drain.
 */
public final class SignalHelpers {

  /** Sends one batch of any signal, once; see {@link dev.signalbox.sdk.exporterhelper.PushFunction}. */
  @FunctionalInterface
  public interface Push {
    void push(Context ctx, Telemetry data, Deadline attemptDeadline) throws ConsumeException;
  }

  private final Map<Signal<?>, ExporterHelper<?>> helpers;

  private SignalHelpers(Map<Signal<?>, ExporterHelper<?>> helpers) {
    this.helpers = helpers;
  }

  /**
   * Helpers for {@code signals} (in {@link Signal#all()} order), each with the exporter's queue,
   * retry and timeout blocks.
   *
   * @throws IllegalArgumentException if a block is invalid
   */
  public static SignalHelpers create(ComponentSettings settings, Set<Signal<?>> signals, QueueConfig queue,
      RetryConfig retry, TimeoutConfig timeout, Push push) {
    Map<Signal<?>, ExporterHelper<?>> m = new LinkedHashMap<>();
    for (Signal<?> s : Signal.all()) {
      if (signals.contains(s)) {
        m.put(s, build(settings, s, queue, retry, timeout, push));
      }
    }
    return new SignalHelpers(m);
  }

  private static <T extends Telemetry> ExporterHelper<T> build(ComponentSettings settings, Signal<T> signal,
      QueueConfig queue, RetryConfig retry, TimeoutConfig timeout, Push push) {
    return ExporterHelper.builder(settings, signal, push::push)
        .queue(queue)
        .retry(retry)
        .timeout(timeout)
        .build();
  }

  /** The consumer of {@code signal}: its helper. */
  @SuppressWarnings("unchecked")
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    ExporterHelper<?> h = helpers.get(signal);
    if (h == null) {
      throw new IllegalArgumentException("this exporter was not created for " + signal + "; it serves "
          + helpers.keySet());
    }
    return (Consumer<T>) h;
  }

  /** Starts every helper; on a failure, shuts down those already started and rethrows. */
  public void start(Host host) throws Exception {
    List<ExporterHelper<?>> started = new ArrayList<>();
    try {
      for (ExporterHelper<?> h : helpers.values()) {
        h.start(host);
        started.add(h);
      }
    } catch (Exception | Error e) {
      for (ExporterHelper<?> h : started) {
        h.shutdown(Deadline.in(java.time.Duration.ZERO));
      }
      throw e;
    }
  }

  /**
   * Shuts every helper down at once (each drains its queue until shortly before {@code deadline})
   * and returns when all have. Idempotent, as the helpers are.
   */
  public void shutdown(Deadline deadline) throws InterruptedException {
    if (helpers.size() == 1) {
      helpers.values().iterator().next().shutdown(deadline);
      return;
    }
    List<Thread> threads = new ArrayList<>();
    for (var e : helpers.entrySet()) {
      threads.add(Thread.ofVirtual().name("exporter-shutdown-" + e.getKey()).start(() -> e.getValue().shutdown(deadline)));
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
