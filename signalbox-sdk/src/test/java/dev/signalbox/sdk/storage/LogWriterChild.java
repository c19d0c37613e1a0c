package dev.signalbox.sdk.storage;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link SegmentedLogCrashTest}: appenders (as many as the third argument says)
 * append numbered records for ever, and print
 * {@code A n} once the append of record n returned; a consumer thread prints {@code C n} when it
 * reads record n, then acknowledges it. Killed by the test.
 */
public final class LogWriterChild {
  private LogWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    FsyncPolicy policy = FsyncPolicy.parse(args[1]);
    LogOptions options = LogOptions.defaults().withSizes(64 * 1024, 1L << 30).withFsync(policy)
        .withCheckpointInterval(Duration.ofMillis(5));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
    SegmentedLog log = SegmentedLog.open(dir, options);
    Thread consumer = Thread.ofPlatform().start(() -> {
      try {
        while (true) {
          LogRecord r = log.reader().next(Duration.ofSeconds(30));
          if (r == null) {
            continue;
          }
          long n = ByteBuffer.wrap(r.payload()).getLong();
          synchronized (out) {
            out.println("C " + n);
            out.flush();
          }
          log.ack(r);
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    });
    int appenders = Integer.parseInt(args[2]);
    for (int t = 0; t < appenders; t++) {
      int first = t;
      Thread.ofPlatform().start(() -> {
        byte[] payload = new byte[200];
        try {
          for (long n = first; ; n += appenders) {
            ByteBuffer.wrap(payload).putLong(0, n);
            log.append(payload);
            synchronized (out) {
              out.println("A " + n);
              out.flush();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
        }
      });
    }
    consumer.join();
  }
}
