package dev.signalbox.benchmarks.jmh;

import dev.signalbox.pdata.ElementList;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the batch processor does with requests: {@code Traces.append} of
 * {@value #BATCH_SPANS}/{@code spans} requests into one batch (the default
 * {@code send_batch_size} of 8192 spans), wire-backed and decoded, and {@code takeFirst} splitting a
 * request in two (what {@code send_batch_max_size} causes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class BatchMergeBenchmark {
  static final int BATCH_SPANS = 8192;
  private static final OtlpProtoCodec CODEC = OtlpProtoCodec.INSTANCE;

  @Param({"100", "1000"})
  int spans;

  @Param({"0", "10"})
  int attributes;

  /** Requests per batch: 8192 / spans, rounded up. */
  int requests;
  Traces wire;
  Traces[] decodedParts;
  /** One resource, one scope, {@code spans} spans; replaced by each split cycle. */
  Traces decodedWhole;

  @Setup
  public void setup() throws MalformedDataException {
    byte[] request = BenchData.proto(spans, attributes, 42);
    wire = CODEC.decodeTraces(request, 0, request.length);
    requests = (BATCH_SPANS + spans - 1) / spans;
    decodedParts = new Traces[requests];
    for (int i = 0; i < requests; i++) {
      decodedParts[i] = CODEC.decodeTracesEager(request, 0, request.length);
    }
    decodedWhole = CODEC.decodeTracesEager(request, 0, request.length);
  }

  /** Merges the requests of one batch, wire-backed (joins chunk lists; copies of a wire batch are O(1)). */
  @Benchmark
  public Traces appendWire() {
    Traces into = new Traces();
    for (int i = 0; i < requests; i++) {
      into.append(wire.copy());
    }
    return into;
  }

  /** As {@link #appendWire}, then the bytes the exporter sends (the chunks concatenated). */
  @Benchmark
  public byte[] appendWireThenEncode() {
    Traces into = new Traces();
    for (int i = 0; i < requests; i++) {
      into.append(wire.copy());
    }
    return CODEC.encode(into);
  }

  /**
   * Merges the requests of one batch, decoded (moves resource entries), then takes them back out
   * one request at a time with {@code takeFirst} (whole entries, no split) so the next operation
   * starts from the same state: {@code requests} appends plus {@code requests} takeFirsts.
   */
  @Benchmark
  public Traces appendDecodedThenTakeBack() {
    Traces into = new Traces();
    for (int i = 0; i < requests; i++) {
      into.append(decodedParts[i]);
    }
    for (int i = 0; i < requests; i++) {
      decodedParts[i] = into.takeFirst(spans);
    }
    return into;
  }

  /** Splits a wire-backed request in half: decodes it, then splits its resource entry. */
  @Benchmark
  public Traces takeFirstSplitWire() {
    Traces t = wire.copy();
    return t.takeFirst(spans / 2);
  }

  /**
   * Splits a decoded request in half (copies resource and scope, moves the spans), then moves the
   * rest back behind the taken half so the next operation starts from one whole request again.
   */
  @Benchmark
  public Traces takeFirstSplitDecoded() {
    Traces whole = decodedWhole;
    Traces half = whole.takeFirst(spans / 2);
    ElementList<Span> rest = whole.resourceSpans().get(0).scopeSpans().get(0).spans();
    rest.moveAllTo(half.resourceSpans().get(0).scopeSpans().get(0).spans());
    decodedWhole = half;
    return whole;
  }
}
