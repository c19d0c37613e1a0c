package dev.signalbox.benchmarks.jmh;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.service.graph.FanOutAccess;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The service's fan-out handing one request to 2 or 3 consumers, none, one or all of which declare
 * {@code MUTATES_DATA} (and so get a private copy), for a wire-backed request (copy = O(1)) and a
 * decoded one (copy = deep copy). The consumers only count the items: this measures the fan-out's
 * own cost, not what a mutating processor would then do with its copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class FanOutBenchmark {

  @Param({"100", "1000"})
  int spans;

  @Param({"0", "10"})
  int attributes;

  @Param({"2", "3"})
  int consumers;

  /** How many consumers mutate: none, one, or all. */
  @Param({"none", "one", "all"})
  String mutating;

  /** The request as a receiver hands it on (wire) or after something decoded it. */
  @Param({"wire", "decoded"})
  String input;

  Consumer<Traces> fanOut;
  Traces data;

  @Setup
  public void setup(Blackhole bh) throws MalformedDataException {
    byte[] request = BenchData.proto(spans, attributes, 42);
    data = input.equals("wire")
        ? OtlpProtoCodec.INSTANCE.decodeTraces(request, 0, request.length)
        : OtlpProtoCodec.INSTANCE.decodeTracesEager(request, 0, request.length);
    int mut = switch (mutating) {
      case "none" -> 0;
      case "one" -> 1;
      default -> consumers;
    };
    List<Consumer<Traces>> list = new ArrayList<>();
    for (int i = 0; i < consumers; i++) {
      list.add(new Counting(bh, i < mut));
    }
    fanOut = FanOutAccess.fanOut(list);
  }

  @Benchmark
  public void fanOut() throws ConsumeException {
    // The original stays the same object: mutating consumers only count, so reusing it is fine.
    fanOut.consume(Context.empty(), data);
  }

  private record Counting(Blackhole bh, boolean mutates) implements Consumer<Traces> {
    @Override
    public void consume(Context ctx, Traces t) {
      bh.consume(t.itemCount());
      bh.consume(t);
    }

    @Override
    public Capabilities capabilities() {
      return mutates ? Capabilities.MUTATES_DATA : Capabilities.NON_MUTATING;
    }
  }
}
