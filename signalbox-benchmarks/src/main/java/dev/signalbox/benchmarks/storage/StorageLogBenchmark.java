package dev.signalbox.benchmarks.storage;

import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.sdk.storage.LogOptions;
import dev.signalbox.sdk.storage.LogRecord;
import dev.signalbox.sdk.storage.SegmentedLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The segmented log under the persistent queue: {@code producers} threads append records (each
 * append waits for durability per the fsync policy, as an offer does) while the benchmark thread
 * reads them back and acknowledges each, so segments are deleted as they go. One operation is a
 * round of {@link #ROUND_BYTES} of records; see {@link Throughput} for records/s and MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class StorageLogBenchmark {
  /** Payload bytes per operation. */
  static final int ROUND_BYTES = 16 << 20;

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
  private SegmentedLog log;
  private ExecutorService pool;
  private byte[] payload;

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = TempDirs.create("storage-log-");
    log = SegmentedLog.open(dir, LogOptions.defaults().withFsync(FsyncPolicy.parse(fsync)));
    pool = Executors.newVirtualThreadPerTaskExecutor();
    payload = new byte[recordSize];
    ThreadLocalRandom.current().nextBytes(payload);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    pool.shutdownNow();
    log.close();
    TempDirs.delete(dir);
  }

  @Benchmark
  public long appendReadAck(Throughput t) throws Exception {
    int records = Math.max(producers, ROUND_BYTES / recordSize);
    int each = records / producers;
    List<Future<?>> appenders = new ArrayList<>(producers);
    for (int p = 0; p < producers; p++) {
      appenders.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          log.append(payload);
        }
        return null;
      }));
    }
    int total = each * producers;
    long sum = 0;
    for (int n = 0; n < total; n++) {
      LogRecord r = log.reader().next(Duration.ofSeconds(60));
      if (r == null) {
        throw new IllegalStateException("no record within a minute");
      }
      sum += r.payload().length;
      log.ack(r);
    }
    for (Future<?> f : appenders) {
      f.get();
    }
    t.add(total, recordSize);
    return sum;
  }
}
