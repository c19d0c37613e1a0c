package dev.signalbox.benchmarks.jmh;

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
 * The OTLP protobuf codec on one {@code ExportTraceServiceRequest} ({@link BenchData}): decoding
 * eagerly or wire-backed (the structural scan a receiver does), the lazy decode when something
 * reads a wire-backed batch, and encoding a decoded batch or re-sending a wire-backed one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class OtlpProtoBenchmark {
  private static final OtlpProtoCodec CODEC = OtlpProtoCodec.INSTANCE;

  @Param({"100", "1000"})
  int spans;

  @Param({"0", "10"})
  int attributes;

  byte[] request;
  Traces decoded;
  Traces wire;

  @Setup
  public void setup() throws MalformedDataException {
    request = BenchData.proto(spans, attributes, 42);
    decoded = CODEC.decodeTracesEager(request, 0, request.length);
    wire = CODEC.decodeTraces(request, 0, request.length);
  }

  /** Builds the whole pdata tree at once. */
  @Benchmark
  public Traces decodeEager() throws MalformedDataException {
    return CODEC.decodeTracesEager(request, 0, request.length);
  }

  /** What a receiver does: the structural scan (validate + count), nothing built. */
  @Benchmark
  public Traces decodeWireScan() throws MalformedDataException {
    return CODEC.decodeTraces(request, 0, request.length);
  }

  /** Scan, then the lazy decode on first read (a processor that looks at the data). */
  @Benchmark
  public int decodeWireThenRead() throws MalformedDataException {
    Traces t = CODEC.decodeTraces(request, 0, request.length);
    return t.resourceSpans().size();
  }

  /** Encodes a decoded batch. */
  @Benchmark
  public byte[] encodeDecoded() {
    return CODEC.encode(decoded);
  }

  /** Encodes a wire-backed batch of one chunk: a copy of its bytes (the exporter sends the array itself). */
  @Benchmark
  public byte[] encodeWire() {
    return CODEC.encode(wire);
  }

  /** The untouched pass-through: scan on receipt, then the bytes to send. */
  @Benchmark
  public byte[] passThroughWire() throws MalformedDataException {
    return CODEC.encode(CODEC.decodeTraces(request, 0, request.length));
  }

  /** The pass-through when something decoded the batch: eager decode and encode. */
  @Benchmark
  public byte[] passThroughDecoded() throws MalformedDataException {
    return CODEC.encode(CODEC.decodeTracesEager(request, 0, request.length));
  }
}
