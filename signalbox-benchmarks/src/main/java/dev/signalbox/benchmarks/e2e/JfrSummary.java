package dev.signalbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A plain-text summary of a JFR recording made with {@code bin/bench e2e --jfr}: CPU samples by
 * method (self and inclusive) and by area (the innermost frame's package), allocation samples by
 * class and by allocating Signalbox method, CPU load per thread, and GC pauses. ({@code jfr view
 * hot-methods} does part of this but fails on some hidden-class frames in JDK 25.)
 *
 * <pre>{@code
 * java -cp signalbox-benchmarks.jar dev.signalbox.benchmarks.e2e.JfrSummary FILE.jfr [top]
 * }</pre>
 */
public final class JfrSummary {
  private JfrSummary() {}

  /** Areas by package prefix of the innermost frame, first match wins. */
  private static final List<String[]> AREAS = List.of(
      new String[] {"java.util.zip.", "zip (gzip)"},
      new String[] {"dev.signalbox.sdk.otlp.", "signalbox otlp codec"},
      new String[] {"dev.signalbox.sdk.proto.", "signalbox proto reader/writer"},
      new String[] {"dev.signalbox.pdata.", "signalbox pdata"},
      new String[] {"dev.signalbox.", "signalbox other"},
      new String[] {"io.grpc.", "grpc-java"},
      new String[] {"io.netty.", "netty"},
      new String[] {"java.util.concurrent.", "java.util.concurrent"},
      new String[] {"java.lang.VirtualThread", "virtual threads"},
      new String[] {"jdk.internal.vm.", "virtual threads"},
      new String[] {"java.", "jdk other"},
      new String[] {"jdk.", "jdk other"},
      new String[] {"sun.", "jdk other"});

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> areas = new HashMap<>();
    Map<String, Long> allocByClass = new HashMap<>();
    Map<String, Long> allocBySite = new HashMap<>();
    Map<String, double[]> threadLoad = new HashMap<>();
    long samples = 0;
    long nativeSamples = 0;
    long allocTotal = 0;
    double gcPauseMs = 0;
    long gcs = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      switch (e.getEventType().getName()) {
        case "jdk.ExecutionSample" -> {
          RecordedStackTrace st = e.getStackTrace();
          if (st == null || st.getFrames().isEmpty()) {
            continue;
          }
          samples++;
          List<RecordedFrame> frames = st.getFrames();
          String first = name(frames.get(0));
          self.merge(first, 1L, Long::sum);
          areas.merge(area(first), 1L, Long::sum);
          Set<String> seen = new HashSet<>();
          for (RecordedFrame f : frames) {
            String n = name(f);
            if (seen.add(n)) {
              inclusive.merge(n, 1L, Long::sum);
            }
          }
        }
        case "jdk.NativeMethodSample" -> nativeSamples++;
        case "jdk.ObjectAllocationSample" -> {
          long w = e.getLong("weight");
          allocTotal += w;
          allocByClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
          RecordedStackTrace st = e.getStackTrace();
          if (st != null) {
            for (RecordedFrame f : st.getFrames()) {
              String n = name(f);
              if (n.startsWith("dev.signalbox.")) {
                allocBySite.merge(n, w, Long::sum);
                break;
              }
            }
          }
        }
        case "jdk.ThreadCPULoad" -> {
          String t = e.getThread() == null ? "?" : e.getThread().getJavaName();
          String key = t == null ? "?" : t.replaceAll("[0-9]+", "N");
          double[] acc = threadLoad.computeIfAbsent(key, k -> new double[3]);
          acc[0] += e.getFloat("user") + e.getFloat("system");
          acc[1]++;
        }
        case "jdk.GarbageCollection" -> {
          gcs++;
          gcPauseMs += e.getDuration().toNanos() / 1e6;
        }
        default -> { }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %,d CPU samples in Java code (%,d native-method samples), %,d GCs (%.0f ms)%n",
        file.getFileName(), samples, nativeSamples, gcs, gcPauseMs);
    print("CPU by area (innermost frame)", areas, samples, top, Function.identity());
    print("CPU self, by method", self, samples, top, Function.identity());
    print("CPU inclusive, by method", inclusive, samples, top, Function.identity());
    print("allocation by class (sampled bytes)", allocByClass, allocTotal, top, Function.identity());
    print("allocation by innermost Signalbox method", allocBySite, allocTotal, top, Function.identity());
    System.out.println("\n== CPU load by thread (sum over samples of user+system, in core-samples)");
    threadLoad.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(top)
        .forEach(en -> System.out.printf(Locale.ROOT, "%10.2f  %s%n", en.getValue()[0], en.getKey()));
  }

  private static void print(String title, Map<String, Long> m, long total, int top, Function<String, String> f) {
    System.out.println("\n== " + title);
    m.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
        .forEach(en -> System.out.printf(Locale.ROOT, "%6.2f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total),
            f.apply(en.getKey())));
  }

  private static String name(RecordedFrame f) {
    RecordedMethod m = f.getMethod();
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }

  private static String area(String method) {
    for (String[] a : AREAS) {
      if (method.startsWith(a[0])) {
        return a[1];
      }
    }
    return "other";
  }
}
