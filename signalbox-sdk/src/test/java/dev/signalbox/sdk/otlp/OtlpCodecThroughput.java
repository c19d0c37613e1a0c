package dev.signalbox.sdk.otlp;

import dev.signalbox.pdata.Traces;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.concurrent.Callable;

/**
 * Rough single-thread throughput of the OTLP codecs on one request of 1,000 spans with 10
 * attributes each; protobuf-java's generated classes for comparison. Not a test and not JMH (that
 * lives in signalbox-benchmarks): run it by hand, e.g.
 * {@code java -cp <test classpath> dev.signalbox.sdk.otlp.OtlpCodecThroughput [seconds per case] [unique]}
 * ({@code unique}: no attribute value repeats, so the decoder's string sharing never hits).
 */
public final class OtlpCodecThroughput {
  private static volatile Object sink;

  private OtlpCodecThroughput() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    boolean unique = args.length > 1 && args[1].equals("unique");
    int spans = 1000;
    ExportTraceServiceRequest req = OtlpTestData.traces(spans, 10, unique);
    byte[] bytes = req.toByteArray();
    OtlpProtoCodec proto = OtlpProtoCodec.INSTANCE;
    OtlpJsonCodec json = OtlpJsonCodec.INSTANCE;
    Traces decoded = proto.decodeTracesEager(bytes, 0, bytes.length);
    byte[] jsonBytes = json.encode(decoded);
    System.out.printf("request: %d spans x 10 attributes (%s values), %,d bytes protobuf, %,d bytes JSON%n",
        spans, unique ? "unique" : "repeating", bytes.length, jsonBytes.length);

    run("scan only (validate + count)", spans, seconds, () -> proto.validate(dev.signalbox.pdata.Signal.TRACES, bytes, 0, bytes.length));
    run("decode, wire-backed, untouched", spans, seconds, () -> proto.decodeTraces(bytes, 0, bytes.length));
    run("decode, wire-backed, then read", spans, seconds, () -> {
      Traces t = proto.decodeTraces(bytes, 0, bytes.length);
      return t.resourceSpans().size();
    });
    run("decode, eager", spans, seconds, () -> proto.decodeTracesEager(bytes, 0, bytes.length));
    run("encode pdata -> protobuf", spans, seconds, () -> proto.encode(decoded));
    run("encode wire-backed (pass-through)", spans, seconds, () -> proto.encode(proto.decodeTraces(bytes, 0, bytes.length)));
    run("protobuf-java parseFrom", spans, seconds, () -> ExportTraceServiceRequest.parseFrom(bytes));
    run("protobuf-java toByteArray (fresh message)", spans, seconds, () -> ExportTraceServiceRequest.parseFrom(bytes).toByteArray());
    run("  (of which parseFrom, subtract)", spans, seconds, () -> ExportTraceServiceRequest.parseFrom(bytes));
    run("JSON encode", spans, seconds, () -> json.encode(decoded));
    run("JSON decode", spans, seconds, () -> json.decodeTraces(jsonBytes, 0, jsonBytes.length));
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /**
   * Runs {@code op} for about {@code seconds} after a warm-up and reports it per CPU-second of the
   * whole process (GC and JIT threads included), so other load on a shared machine matters less
   * than with wall-clock time.
   */
  private static void run(String name, int items, double seconds, Callable<Object> op) throws Exception {
    long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
    while (System.nanoTime() < warmEnd) {
      sink = op.call();
    }
    long n = 0;
    long cpu0 = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now;
    do {
      sink = op.call();
      n++;
      now = System.nanoTime();
    } while (now < end);
    double cpuPerOp = (OS.getProcessCpuTime() - cpu0) / (double) n;
    double wallPerOp = (now - start) / (double) n;
    System.out.printf("%-44s %8.1f us CPU/request %,12.0f spans/CPU-s  (wall %8.1f us)%n",
        name, cpuPerOp / 1000, items * 1e9 / cpuPerOp, wallPerOp / 1000);
  }
}
