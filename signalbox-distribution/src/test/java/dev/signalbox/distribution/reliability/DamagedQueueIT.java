package dev.signalbox.distribution.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.distribution.telemetrygen.SeqSink;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.ExportRequest;
import dev.signalbox.sdk.exporterhelper.Serializer;
import dev.signalbox.testing.Ports;
import dev.signalbox.testing.SignalboxProcess;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent queue damaged while Signalbox is stopped: one record corrupted in the middle of the
 * segment and the file truncated in the middle of its last record. The next start reports both (a
 * log line naming the file and what was skipped), skips only those two records and delivers the
 * rest: the seqs missing at the backend are exactly those of the two damaged records.
 */
class DamagedQueueIT {
  static final int REQUESTS = 20;
  static final int PER_REQUEST = 100;
  /** The 13-byte header the persistent queue puts before each serialized request. */
  static final int QUEUE_HEADER = 13;
  static final int SEGMENT_HEADER = 20;

  @TempDir
  Path dir;

  /** A record of the segment file: where it is and the seqs of the request it holds. */
  record Rec(long offset, int length, List<Long> seqs) {}

  @Test
  void damagedRecordsAreReportedAndOnlyTheyAreLost() throws Exception {
    int port = Ports.free();
    Path storage = dir.resolve("queue");
    try (SeqSink sink = SeqSink.grpc(Ports.free()).keepBatches(false)) {
      sink.down();
      String config = """
          extensions:
            file_storage: {directory: "%s", create_directory: true}
          """.formatted(storage) + Rig.receiver(port) + "exporters:\n"
          + Rig.otlpExporter(sink.endpoint(), "storage: file_storage, num_consumers: 1") + """
          service:
            extensions: [file_storage]
            pipelines:
              traces: {receivers: [otlp], exporters: [otlp]}
          """;
      // 20 requests of 100 spans, accepted into the queue while the backend is down
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb1"), config, Rig.JVM,
          List.of("--shutdown-timeout", "2s"))) {
        TelemetrygenProcess.Report r;
        try (TelemetrygenProcess gen = TelemetrygenProcess.start(dir, "traces", "--otlp-endpoint",
            "127.0.0.1:" + port, "--count", String.valueOf(REQUESTS * PER_REQUEST), "--batch-size",
            String.valueOf(PER_REQUEST), "--workers", "1", "--seq-start", "0")) {
          r = gen.await(Duration.ofSeconds(60));
          assertThat(r.sent()).as(gen.log()).isEqualTo(REQUESTS * PER_REQUEST);
        }
        // the backend is down: the queue cannot drain, so the 2s deadline ends the shutdown and the
        // persistent queue keeps everything, saying so with counts
        long t0 = System.nanoTime();
        assertThat(sb.stop()).isZero();
        double stopSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("damaged queue: stopped after %.1fs with --shutdown-timeout 2s%n", stopSeconds);
        assertThat(stopSeconds).isLessThan(10);
        assertThat(sb.log()).contains("kept " + REQUESTS + " requests (" + REQUESTS * PER_REQUEST
            + " spans) in persistent sending queue " + storage.resolve("exporter_otlp_traces"));
      }

      Path segment = storage.resolve("exporter_otlp_traces").resolve("00000000000000000000.seg");
      List<Rec> recs = records(segment);
      assertThat(recs).hasSize(REQUESTS);
      Rec corrupted = recs.get(4);
      Rec torn = recs.getLast();
      try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long at = corrupted.offset() + 8 + corrupted.length() / 2;
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, at);
        b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
        ch.write(b, at);
        ch.truncate(torn.offset() + 8 + torn.length() / 2);
      }

      sink.up();
      try (SignalboxProcess sb = SignalboxProcess.start(dir.resolve("sb2"), config, Rig.JVM)) {
        int expected = (REQUESTS - 2) * PER_REQUEST;
        Rig.await(Duration.ofSeconds(30)).until(() -> sink.received() >= expected);
        Rig.await(Duration.ofSeconds(5)).during(Duration.ofMillis(500)).until(() -> sink.received() == expected);
        TreeSet<Long> missing = new TreeSet<>(SeqTally.of(sink.seqs(), 0, REQUESTS * PER_REQUEST - 1).gaps());
        TreeSet<Long> damaged = new TreeSet<>(corrupted.seqs());
        damaged.addAll(torn.seqs());
        String log = sb.log();
        System.out.printf("damaged queue: %d records stored, record at offset %d corrupted (seqs %d..%d), record at"
                + " offset %d torn (seqs %d..%d); %s%n", recs.size(), corrupted.offset(), corrupted.seqs().getFirst(),
            corrupted.seqs().getLast(), torn.offset(), torn.seqs().getFirst(), torn.seqs().getLast(),
            SeqTally.of(sink.seqs(), 0, REQUESTS * PER_REQUEST - 1).line());
        log.lines().filter(l -> l.contains("persistent sending queue")).forEach(System.out::println);

        assertThat(missing).isEqualTo(damaged);
        assertThat(SeqTally.of(sink.seqs(), 0, REQUESTS * PER_REQUEST - 1).duplicates()).isZero();
        long corruptedPosition = corrupted.offset() - SEGMENT_HEADER;
        String queueDir = "persistent sending queue " + segment.getParent();
        assertThat(log).contains(queueDir + ": damaged record (checksum mismatch) at position " + corruptedPosition
            + " in " + segment.getFileName() + ": skipped, " + (corrupted.length() + 8) + " bytes lost");
        assertThat(log).contains(queueDir + ": partly written record at the end of " + segment.getFileName());
        assertThat(log).contains((REQUESTS - 2) + " requests (" + (REQUESTS - 2) * PER_REQUEST + " items) recovered");
        assertThat(sb.stop()).isZero();
      }
    }
  }

  /** The records of a segment file, decoded as the persistent queue stores them. */
  static List<Rec> records(Path segment) throws Exception {
    byte[] all = Files.readAllBytes(segment);
    ByteBuffer b = ByteBuffer.wrap(all);
    Serializer<Traces> serializer = Serializer.otlp(Signal.TRACES);
    List<Rec> out = new ArrayList<>();
    int at = SEGMENT_HEADER;
    while (at + 8 <= all.length) {
      int length = b.getInt(at);
      if (length <= 0 || at + 8 + length > all.length) {
        break;
      }
      ExportRequest<Traces> r = serializer.deserialize(all, at + 8 + QUEUE_HEADER, length - QUEUE_HEADER);
      out.add(new Rec(at, length, SeqSink.seqsOf(r.data())));
      at += 8 + length;
    }
    return out;
  }
}
