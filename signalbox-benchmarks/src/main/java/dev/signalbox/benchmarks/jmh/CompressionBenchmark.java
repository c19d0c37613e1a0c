package dev.signalbox.benchmarks.jmh;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.compression.Compressors;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * What the OTLP exporters' default compression costs: one batch as the batch processor sends it
 * ({@value BatchMergeBenchmark#BATCH_SPANS} spans, requests of {@code spans} merged) compressed the
 * way the gRPC codecs of {@code sdk.grpc.GrpcCompression} do it (gzip level 1 through a
 * {@code GZIPOutputStream} with its default 512-byte buffer; zstd level 1; snappy framed), and gzip
 * with a 64 KiB buffer for comparison. Output goes to a stream that only counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"})
public class CompressionBenchmark {

  @Param({"100", "1000"})
  int spans;

  @Param({"0", "10"})
  int attributes;

  byte[] batch;

  @Setup
  public void setup() throws MalformedDataException {
    byte[] request = BenchData.proto(spans, attributes, 42);
    Traces t = new Traces();
    int requests = (BatchMergeBenchmark.BATCH_SPANS + spans - 1) / spans;
    for (int i = 0; i < requests; i++) {
      t.append(OtlpProtoCodec.INSTANCE.decodeTraces(request, 0, request.length));
    }
    batch = OtlpProtoCodec.INSTANCE.encode(t);
  }

  @Benchmark
  public long gzipLevel1Default512() throws IOException {
    Counting out = new Counting();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Compressors.DEFAULT_DEFLATE_LEVEL);
      }
    }) {
      gz.write(batch);
    }
    return out.n;
  }

  @Benchmark
  public long gzipLevel1Buffer64k() throws IOException {
    Counting out = new Counting();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 65536) {
      {
        def.setLevel(Compressors.DEFAULT_DEFLATE_LEVEL);
      }
    }) {
      gz.write(batch);
    }
    return out.n;
  }

  @Benchmark
  public long zstdLevel1() throws IOException {
    Counting out = new Counting();
    try (OutputStream z = new ZstdOutputStreamNoFinalizer(out, Compressors.DEFAULT_ZSTD_LEVEL)) {
      z.write(batch);
    }
    return out.n;
  }

  @Benchmark
  public long snappyFramed() throws IOException {
    Counting out = new Counting();
    try (OutputStream s = new SnappyFramedOutputStream(out)) {
      s.write(batch);
    }
    return out.n;
  }

  /** Counts what is written, keeps nothing. */
  private static final class Counting extends OutputStream {
    long n;

    @Override
    public void write(int b) {
      n++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      n += len;
    }
  }
}
