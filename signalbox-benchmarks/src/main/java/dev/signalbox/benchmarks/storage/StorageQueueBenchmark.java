package dev.signalbox.benchmarks.storage;

import dev.signalbox.component.Context;
import dev.signalbox.config.ByteSize;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.exporterhelper.ExportRequest;
import dev.signalbox.sdk.exporterhelper.PersistentQueue;
import dev.signalbox.sdk.exporterhelper.QueueConfig;
import dev.signalbox.sdk.exporterhelper.SendingQueue;
import dev.signalbox.sdk.exporterhelper.Serializer;
import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.sdk.storage.LogListener;
import dev.signalbox.sdk.storage.LogOptions;
import dev.signalbox.sdk.storage.SegmentedLog;
import dev.signalbox.sdk.storage.StorageClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The persistent sending queue as the exporter helper drives it: {@code producers} threads offer
 * wire-backed batches with client metadata (serialized, appended, durable before the offer
 * returns) while the benchmark thread takes each (read back, deserialized) and marks it done
 * (acknowledged). The serializer stores the batch bytes as they are, as the OTLP one will for an
 * untouched wire-backed batch. One operation is {@link StorageLogBenchmark#ROUND_BYTES} of batches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class StorageQueueBenchmark {
  @Param({"never", "batch", "always"})
  public String fsync;

  @Param({"4096", "65536"})
  public int recordSize;

  /**
   * Concurrent appenders, as concurrent client requests would be (virtual threads, as the receivers
   * use). With {@code batch}, one force per 10ms serves them all, so throughput grows with them.
   */
  @Param({"16", "256"})
  public int producers;

  private Path dir;
  private PersistentQueue<Traces> queue;
  private ExecutorService pool;
  private byte[] batchBytes;
  private final Context context = Context.of(Map.of("x-tenant-id", List.of("tenant-42")), "grpc");

  static final Serializer<Traces> RAW = Serializer.withContext(new Serializer.PayloadCodec<>() {
    @Override
    public byte formatId() {
      return 0x70;
    }

    @Override
    public byte[] encode(Traces data) {
      WireChunk c = data.wireChunks().get(0);
      return Arrays.copyOfRange(c.bytes(), c.offset(), c.offset() + c.length());
    }

    @Override
    public Traces decode(byte[] bytes, int offset, int length) {
      return Traces.fromWire(new WireChunk(bytes, offset, length, 10), (chunk, into) -> {});
    }
  });

  record Storage(Path directory, LogOptions options) implements StorageClient {
    @Override
    public SegmentedLog open(LogListener listener) throws IOException {
      return SegmentedLog.open(directory, options, listener);
    }
  }

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = TempDirs.create("storage-queue-");
    QueueConfig config = QueueConfig.defaults().withQueueSize(1_000_000).withBlockOnOverflow(true)
        .withMaxBytes(ByteSize.ofMiB(512));
    queue = PersistentQueue.open(config, new Storage(dir, LogOptions.defaults().withFsync(FsyncPolicy.parse(fsync))),
        RAW);
    pool = Executors.newVirtualThreadPerTaskExecutor();
    batchBytes = new byte[recordSize];
    ThreadLocalRandom.current().nextBytes(batchBytes);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    pool.shutdownNow();
    queue.close();
    queue.abandon();
    queue.log().close();
    TempDirs.delete(dir);
  }

  @Benchmark
  public long offerTakeDone(Throughput t) throws Exception {
    int requests = Math.max(producers, StorageLogBenchmark.ROUND_BYTES / recordSize);
    int each = requests / producers;
    List<Future<?>> offerers = new ArrayList<>(producers);
    for (int p = 0; p < producers; p++) {
      offerers.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          Traces batch = Traces.fromWire(new WireChunk(batchBytes, 0, batchBytes.length, 10), (c, into) -> {});
          SendingQueue.OfferResult r = queue.offer(new ExportRequest<>(context, batch), null);
          if (r != SendingQueue.OfferResult.ACCEPTED) {
            throw new IllegalStateException("offer: " + r);
          }
        }
        return null;
      }));
    }
    int total = each * producers;
    long items = 0;
    for (int n = 0; n < total; n++) {
      ExportRequest<Traces> r = queue.take();
      items += r.items();
      queue.done(r, true);
    }
    for (Future<?> f : offerers) {
      f.get();
    }
    t.add(total, recordSize);
    return items;
  }
}
