package dev.signalbox.benchmarks.jmh;

import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
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

/** The OTLP/JSON codec on the request of {@link BenchData}: encode a decoded batch, decode JSON bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class OtlpJsonBenchmark {
  private static final OtlpJsonCodec CODEC = OtlpJsonCodec.INSTANCE;

  @Param({"100", "1000"})
  int spans;

  @Param({"0", "10"})
  int attributes;

  byte[] json;
  Traces decoded;

  @Setup
  public void setup() throws MalformedDataException {
    json = BenchData.json(spans, attributes, 42);
    decoded = CODEC.decodeTraces(json, 0, json.length);
  }

  @Benchmark
  public byte[] encode() {
    return CODEC.encode(decoded);
  }

  @Benchmark
  public Traces decode() throws MalformedDataException {
    return CODEC.decodeTraces(json, 0, json.length);
  }
}
