package dev.signalbox.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedLogTest {
  @TempDir
  Path dir;

  /** Small segments so that a few records roll over; no force, so tests run fast. */
  static final LogOptions SMALL = LogOptions.defaults().withSizes(1024, 64 * 1024).withFsync(FsyncPolicy.NEVER)
      .withLockTimeout(Duration.ZERO);

  final List<Damage> damages = new CopyOnWriteArrayList<>();
  final AtomicInteger freed = new AtomicInteger();
  final LogListener listener = new LogListener() {
    @Override
    public void damaged(Damage damage) {
      damages.add(damage);
    }

    @Override
    public void spaceFreed() {
      freed.incrementAndGet();
    }
  };

  static byte[] rec(int i) {
    return ("record-" + i).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] rec(int i, int size) {
    byte[] b = new byte[size];
    byte[] id = rec(i);
    System.arraycopy(id, 0, b, 0, Math.min(id.length, size));
    return b;
  }

  static String text(LogRecord r) {
    return new String(r.payload(), StandardCharsets.UTF_8).replace("\0", "");
  }

  SegmentedLog open(LogOptions options) throws IOException {
    return SegmentedLog.open(dir, options, listener);
  }

  /** Reads everything durable now. */
  static List<LogRecord> readAll(SegmentedLog log) throws IOException {
    List<LogRecord> out = new ArrayList<>();
    LogRecord r;
    while ((r = log.reader().next()) != null) {
      out.add(r);
    }
    return out;
  }

  static List<String> texts(List<LogRecord> records) {
    return records.stream().map(SegmentedLogTest::text).toList();
  }

  static List<String> range(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("record-" + i);
    }
    return out;
  }

  List<Path> segmentFiles() throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void appendsReadsAndAcknowledgesInOrder() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      List<Appended> written = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        written.add(log.append(rec(i)));
      }
      assertThat(log.records()).isEqualTo(5);

      List<LogRecord> read = readAll(log);
      assertThat(texts(read)).isEqualTo(range(0, 5));
      assertThat(read).extracting(LogRecord::position).containsExactlyElementsOf(
          written.stream().map(Appended::position).toList());
      assertThat(read.get(0).end()).isEqualTo(read.get(1).position());

      read.forEach(log::ack);
      assertThat(log.records()).isZero();
      assertThat(log.ackedPosition()).isEqualTo(written.get(4).end());
      assertThat(log.reader().next()).isNull();
    }
  }

  @Test
  void everyPolicyRoundTrips() throws Exception {
    for (FsyncPolicy p : FsyncPolicy.values()) {
      Path d = dir.resolve(p.label());
      try (SegmentedLog log = SegmentedLog.open(d, SMALL.withFsync(p))) {
        for (int i = 0; i < 20; i++) {
          log.append(rec(i, 100));
        }
        assertThat(texts(readAll(log))).as(p.label()).isEqualTo(range(0, 20));
      }
    }
  }

  @Test
  void restartRedeliversWhatWasNotAcknowledgedInOrder() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 30; i++) {
        log.append(rec(i, 90));
      }
      List<LogRecord> read = readAll(log);
      read.subList(0, 12).forEach(log::ack);
    }
    try (SegmentedLog log = open(SMALL)) {
      assertThat(log.records()).isEqualTo(18);
      assertThat(texts(readAll(log))).isEqualTo(range(12, 30));
      log.append(rec(30, 90));
      assertThat(texts(readAll(log))).isEqualTo(List.of("record-30"));
    }
    assertThat(damages).isEmpty();
  }

  @Test
  void outOfOrderAcknowledgementsMoveOnlyTheContiguousPrefix() throws Exception {
    List<LogRecord> read;
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 6; i++) {
        log.append(rec(i));
      }
      read = readAll(log);
      log.ack(read.get(1));
      log.ack(read.get(3));
      log.ack(read.get(2));
      assertThat(log.ackedPosition()).isEqualTo(read.get(0).position());
      log.ack(read.get(0));
      assertThat(log.ackedPosition()).isEqualTo(read.get(3).end());
      log.ack(read.get(5));
      log.ack(read.get(5)); // duplicate: ignored
      assertThat(log.records()).isEqualTo(1);
    }
    try (SegmentedLog log = open(SMALL)) {
      // record 5 was acknowledged beyond the gap at 4: delivered again (at-least-once)
      assertThat(texts(readAll(log))).containsExactly("record-4", "record-5");
    }
  }

  @Test
  void acknowledgementsFromSeveralConsumersReleaseEverything() throws Exception {
    try (SegmentedLog log = open(SMALL.withSizes(4096, 1 << 20))) {
      int n = 2000;
      for (int i = 0; i < n; i++) {
        log.append(rec(i, 50));
      }
      List<LogRecord> read = readAll(log);
      assertThat(read).hasSize(n);
      List<Thread> consumers = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int k = c;
        consumers.add(Thread.ofVirtual().start(() -> {
          for (int i = read.size() - 1 - k; i >= 0; i -= 4) {
            log.ack(read.get(i));
          }
        }));
      }
      for (Thread t : consumers) {
        t.join();
      }
      assertThat(log.ackedPosition()).isEqualTo(read.get(n - 1).end());
      log.checkpoint();
      assertThat(log.segmentCount()).isEqualTo(1);
    }
  }

  @Test
  void rollsOverSegmentsAndDeletesThemOnceAcknowledged() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 40; i++) {
        log.append(rec(i, 100)); // 108 bytes framed: 9 per 1 KiB segment
      }
      assertThat(segmentFiles()).hasSize(5);
      assertThat(log.bytesOnDisk()).isEqualTo(5 * Segment.HEADER + 40 * 108);
      List<LogRecord> read = readAll(log);
      assertThat(texts(read)).isEqualTo(range(0, 40));

      read.subList(0, 20).forEach(log::ack);
      await().untilAsserted(() -> assertThat(segmentFiles()).hasSize(3));
      assertThat(freed.get()).isPositive();
      assertThat(log.bytesOnDisk()).isEqualTo(3 * Segment.HEADER + 22 * 108);

      read.subList(20, 40).forEach(log::ack);
      log.checkpoint();
      assertThat(segmentFiles()).hasSize(1); // the active segment stays
    }
    try (SegmentedLog log = open(SMALL)) {
      assertThat(readAll(log)).isEmpty();
    }
  }

  @Test
  void aRecordLargerThanASegmentGetsOneOfItsOwn() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      log.append(rec(0, 10));
      log.append(rec(1, 5000));
      log.append(rec(2, 10));
      assertThat(segmentFiles()).hasSize(3);
      List<LogRecord> read = readAll(log);
      assertThat(read).extracting(r -> r.payload().length).containsExactly(10, 5000, 10);
    }
    try (SegmentedLog log = open(SMALL)) {
      assertThat(readAll(log)).extracting(r -> r.payload().length).containsExactly(10, 5000, 10);
    }
  }

  @Test
  void refusesAppendsPastTheMaximumSizeUntilSegmentsAreDeleted() throws Exception {
    LogOptions opts = SMALL.withSizes(1024, 2048);
    try (SegmentedLog log = open(opts)) {
      int appended = 0;
      while (true) {
        try {
          log.append(rec(appended, 100));
          appended++;
        } catch (LogFullException e) {
          assertThat(e).hasMessageContaining("is full");
          break;
        }
      }
      assertThat(appended).isEqualTo(18); // two segments of 9
      assertThat(log.bytesOnDisk()).isLessThanOrEqualTo(2048);
      assertThatThrownBy(() -> log.append(new byte[3000])).isInstanceOf(RecordTooLargeException.class);

      List<LogRecord> read = readAll(log);
      read.subList(0, 9).forEach(log::ack);
      await().untilAsserted(() -> assertThat(freed.get()).isPositive());
      log.append(rec(99, 100));
      assertThat(texts(readAll(log))).containsExactly("record-99");
    }
  }

  @Test
  void aTornLastRecordIsCutOffAtEveryOffset() throws Exception {
    int size = 50;
    Path base = dir.resolve("base");
    long lastPos;
    try (SegmentedLog log = SegmentedLog.open(base, SMALL)) {
      for (int i = 0; i < 4; i++) {
        log.append(rec(i, size));
      }
      lastPos = log.append(rec(4, size)).position();
    }
    Path seg;
    try (var s = Files.list(base)) {
      seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
    long recordStart = Segment.HEADER + lastPos;
    long recordEnd = recordStart + SegmentedLog.FRAME + size;
    for (long cut = recordStart; cut < recordEnd; cut++) {
      Path d = dir.resolve("cut" + cut);
      Files.createDirectories(d);
      Files.copy(seg, d.resolve(seg.getFileName()));
      try (RandomAccessFile f = new RandomAccessFile(d.resolve(seg.getFileName()).toFile(), "rw")) {
        f.setLength(cut);
      }
      damages.clear();
      try (SegmentedLog log = SegmentedLog.open(d, SMALL, listener)) {
        assertThat(texts(readAll(log))).as("cut at %d", cut).isEqualTo(range(0, 4));
        if (cut == recordStart) {
          assertThat(damages).isEmpty();
        } else {
          assertThat(damages).singleElement().extracting(Damage::kind).isEqualTo(Damage.Kind.TORN_TAIL);
        }
        assertThat(log.damagedRecords()).isZero();
        // appends continue where the valid data ends
        log.append(rec(5, size));
        assertThat(texts(readAll(log))).containsExactly("record-5");
      }
      try (SegmentedLog log = SegmentedLog.open(d, SMALL, listener)) {
        assertThat(texts(readAll(log))).as("cut at %d, reopened", cut)
            .isEqualTo(List.of("record-0", "record-1", "record-2", "record-3", "record-5"));
      }
    }
  }

  @Test
  void aZeroFilledTailIsATornTailNotDamagedRecords() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      log.append(rec(0, 50));
    }
    Path seg = segmentFiles().get(0);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(f.length() + 300); // zeros, as a file system may leave after a power loss
    }
    try (SegmentedLog log = open(SMALL)) {
      assertThat(texts(readAll(log))).containsExactly("record-0");
      assertThat(damages).extracting(Damage::kind).containsExactly(Damage.Kind.TORN_TAIL);
      assertThat(log.damagedRecords()).isZero();
    }
  }

  /** Flips one byte at {@code offset} of {@code file}. */
  static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5A);
    }
  }

  @Test
  void aDamagedRecordInTheMiddleIsSkippedCountedAndTheRestDelivered() throws Exception {
    List<Appended> at = new ArrayList<>();
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 20; i++) {
        at.add(log.append(rec(i, 100)));
      }
    }
    // record 3 is in the first (sealed) segment, record 19 in the last one, record 16 before it
    List<Path> segs = segmentFiles();
    flip(segs.get(0), Segment.HEADER + at.get(3).position() + SegmentedLog.FRAME + 40);
    long lastBase = Segment.parseBase(segs.get(segs.size() - 1).getFileName().toString());
    flip(segs.get(segs.size() - 1), Segment.HEADER + at.get(19).position() - lastBase + SegmentedLog.FRAME + 7);
    flip(segs.get(1), Segment.HEADER + at.get(16).position() - Segment.parseBase(segs.get(1).getFileName().toString())
        + SegmentedLog.FRAME + 7);

    try (SegmentedLog log = open(SMALL)) {
      List<String> expected = new ArrayList<>(range(0, 20));
      expected.removeAll(List.of("record-3", "record-16", "record-19"));
      // record 19 is the last record of the last segment: indistinguishable from a torn write
      assertThat(damages).extracting(Damage::kind).containsExactly(Damage.Kind.DAMAGED_RECORD,
          Damage.Kind.DAMAGED_RECORD, Damage.Kind.TORN_TAIL);
      assertThat(damages.get(0).position()).isEqualTo(at.get(3).position());
      assertThat(damages.get(1).position()).isEqualTo(at.get(16).position());
      assertThat(log.damagedRecords()).isEqualTo(2);
      assertThat(log.records()).isEqualTo(17);
      List<LogRecord> read = readAll(log);
      assertThat(texts(read)).isEqualTo(expected);
      assertThat(damages).hasSize(3); // the reader does not report them again

      // the skipped records do not hold back the acknowledged position
      read.forEach(log::ack);
      assertThat(log.ackedPosition()).isEqualTo(at.get(18).end());
      log.checkpoint();
      assertThat(segmentFiles()).hasSize(1);
    }
  }

  @Test
  void aDamagedRecordInTheLastSegmentFollowedByAValidOneIsSkipped() throws Exception {
    List<Appended> at = new ArrayList<>();
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 4; i++) {
        at.add(log.append(rec(i, 100)));
      }
    }
    flip(segmentFiles().get(0), Segment.HEADER + at.get(1).position() + SegmentedLog.FRAME + 3);
    try (SegmentedLog log = open(SMALL)) {
      assertThat(texts(readAll(log))).containsExactly("record-0", "record-2", "record-3");
      assertThat(damages).extracting(Damage::kind).containsExactly(Damage.Kind.DAMAGED_RECORD);
      log.append(rec(4, 100));
      assertThat(texts(readAll(log))).containsExactly("record-4");
    }
  }

  @Test
  void aBrokenLengthSkipsTheRestOfItsSegmentAndLaterSegmentsAreDelivered() throws Exception {
    List<Appended> at = new ArrayList<>();
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 30; i++) {
        at.add(log.append(rec(i, 100)));
      }
    }
    // segment 0 holds records 0..8; break the length of record 4
    Path seg0 = segmentFiles().get(0);
    try (RandomAccessFile f = new RandomAccessFile(seg0.toFile(), "rw")) {
      f.seek(Segment.HEADER + at.get(4).position());
      f.writeInt(1_000_000);
    }
    try (SegmentedLog log = open(SMALL)) {
      List<String> expected = new ArrayList<>(range(0, 4));
      expected.addAll(range(9, 30));
      List<LogRecord> read = readAll(log);
      assertThat(texts(read)).isEqualTo(expected);
      assertThat(damages).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Damage.Kind.BROKEN_FRAMING);
        assertThat(d.position()).isEqualTo(at.get(4).position());
        assertThat(d.bytes()).isEqualTo(at.get(8).end() - at.get(4).position());
      });
      assertThat(log.damagedRecords()).isEqualTo(1);
      assertThat(log.lostBytes()).isEqualTo(5 * 108);

      read.forEach(log::ack);
      assertThat(log.ackedPosition()).isEqualTo(at.get(29).end());
    }
  }

  @Test
  void aDamagedRecordNotFollowedByAValidOneIsBrokenFraming() throws Exception {
    List<Appended> at = new ArrayList<>();
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 20; i++) {
        at.add(log.append(rec(i, 100)));
      }
    }
    Path seg0 = segmentFiles().get(0);
    flip(seg0, Segment.HEADER + at.get(2).position() + SegmentedLog.FRAME + 5);
    flip(seg0, Segment.HEADER + at.get(3).position() + 1); // the next frame's length
    try (SegmentedLog log = open(SMALL)) {
      List<String> expected = new ArrayList<>(range(0, 2));
      expected.addAll(range(9, 20));
      assertThat(texts(readAll(log))).isEqualTo(expected);
      assertThat(damages).extracting(Damage::kind).containsExactly(Damage.Kind.BROKEN_FRAMING);
    }
  }

  @Test
  void aBrokenSegmentHeaderSkipsThatSegment() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 20; i++) {
        log.append(rec(i, 100));
      }
    }
    flip(segmentFiles().get(1), 2);
    try (SegmentedLog log = open(SMALL)) {
      List<String> expected = new ArrayList<>(range(0, 9));
      expected.addAll(range(18, 20));
      assertThat(texts(readAll(log))).isEqualTo(expected);
      assertThat(damages).extracting(Damage::kind).containsExactly(Damage.Kind.BAD_SEGMENT_HEADER);
    }
  }

  @Test
  void aCorruptCheckpointRestartsFromTheOldestRetainedRecord() throws Exception {
    List<Appended> at = new ArrayList<>();
    try (SegmentedLog log = open(SMALL)) {
      for (int i = 0; i < 20; i++) {
        at.add(log.append(rec(i, 100)));
      }
      List<LogRecord> read = readAll(log);
      read.subList(0, 12).forEach(log::ack);
    }
    // records 0..8 (segment 0) were deleted; 9..11 acknowledged in segment 1
    assertThat(segmentFiles()).hasSize(2);
    flip(dir.resolve("checkpoint"), 10);
    try (SegmentedLog log = open(SMALL)) {
      assertThat(damages).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Damage.Kind.BAD_CHECKPOINT);
        assertThat(d.position()).isEqualTo(at.get(9).position());
      });
      assertThat(log.damagedRecords()).isZero();
      assertThat(texts(readAll(log))).isEqualTo(range(9, 20)); // 9..11 again: nothing lost
    }
  }

  @Test
  void aTruncatedCheckpointFallsBackToo() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      log.append(rec(0));
      log.ack(log.reader().next());
      log.append(rec(1));
    }
    Files.write(dir.resolve("checkpoint"), new byte[] {1, 2, 3});
    try (SegmentedLog log = open(SMALL)) {
      assertThat(texts(readAll(log))).containsExactly("record-0", "record-1");
      assertThat(damages).extracting(Damage::kind).containsExactly(Damage.Kind.BAD_CHECKPOINT);
    }
  }

  @Test
  void aLeftoverTemporaryCheckpointIsIgnored() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      log.append(rec(0));
      log.ack(log.reader().next());
      log.append(rec(1));
    }
    Files.write(dir.resolve("checkpoint.tmp"), new byte[] {9, 9});
    try (SegmentedLog log = open(SMALL)) {
      assertThat(texts(readAll(log))).containsExactly("record-1");
      assertThat(damages).isEmpty();
    }
    assertThat(dir.resolve("checkpoint.tmp")).doesNotExist();
  }

  @Test
  void theLockFileKeepsASecondLogOut() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      assertThatThrownBy(() -> open(SMALL))
          .isInstanceOf(LogLockedException.class)
          .hasMessageContaining("in use by another queue in this process");
      log.append(rec(0));
    }
    try (SegmentedLog log = open(SMALL)) {
      assertThat(texts(readAll(log))).containsExactly("record-0");
    }
  }

  @Test
  void aNewerFormatVersionStopsTheOpen() throws Exception {
    try (SegmentedLog log = open(SMALL)) {
      log.append(rec(0));
    }
    Path seg = segmentFiles().get(0);
    byte[] h = Segment.header(0);
    h[7] = 2; // version 2
    var crc = new java.util.zip.CRC32C();
    crc.update(h, 0, 16);
    java.nio.ByteBuffer.wrap(h).putInt(16, (int) crc.getValue());
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.write(h);
    }
    assertThatThrownBy(() -> open(SMALL)).isInstanceOf(IOException.class).hasMessageContaining("format version 2");
    // and the lock was released
    Files.write(seg, Segment.header(0));
    try (SegmentedLog log = open(SMALL)) {
      assertThat(readAll(log)).isEmpty();
    }
  }

  @Test
  void concurrentAppendersWithBatchedFsyncAllGetDeliveredOnce() throws Exception {
    LogOptions opts = LogOptions.defaults().withSizes(64 * 1024, 16 << 20);
    int threads = 8;
    int each = 200;
    try (SegmentedLog log = open(opts)) {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int k = t;
        ts.add(Thread.ofVirtual().start(() -> {
          for (int i = 0; i < each; i++) {
            try {
              log.append(rec(k * each + i, 500));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        }));
      }
      List<String> got = new ArrayList<>();
      while (got.size() < threads * each) {
        LogRecord r = log.reader().next(Duration.ofSeconds(10));
        assertThat(r).isNotNull();
        got.add(text(r));
        log.ack(r);
      }
      for (Thread t : ts) {
        t.join();
      }
      assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(range(0, threads * each));
      assertThat(log.records()).isZero();
    }
  }

  @Test
  void aBlockedReaderWakesForANewRecordAndAtClose() throws Exception {
    SegmentedLog log = open(SMALL);
    List<String> got = new CopyOnWriteArrayList<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        LogRecord r;
        while ((r = log.reader().next(Duration.ofMinutes(1))) != null) {
          got.add(text(r));
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    log.append(rec(7));
    await().until(() -> got.contains("record-7"));
    log.close();
    reader.join(Duration.ofSeconds(10));
    assertThat(reader.isAlive()).isFalse();
  }

  @Test
  void anInterruptedAppenderDoesNotBreakTheLog() throws Exception {
    try (SegmentedLog log = open(SMALL.withFsync(FsyncPolicy.ALWAYS))) {
      Thread.currentThread().interrupt();
      try {
        log.write(rec(0)); // RandomAccessFile: not closed by the interrupt
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      log.append(rec(1));
      List<LogRecord> read = readAll(log);
      assertThat(texts(read)).containsExactly("record-0", "record-1");
      read.forEach(log::ack);
      Thread.currentThread().interrupt();
      log.checkpoint(); // directory force retried around the interrupt
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  @Test
  void closingWritesTheCheckpointSoNothingAcknowledgedComesBack() throws Exception {
    try (SegmentedLog log = open(SMALL.withCheckpointInterval(Duration.ofHours(1)))) {
      for (int i = 0; i < 5; i++) {
        log.append(rec(i));
      }
      readAll(log).subList(0, 3).forEach(log::ack);
    }
    try (SegmentedLog log = open(SMALL)) {
      assertThat(texts(readAll(log))).containsExactly("record-3", "record-4");
    }
  }
}
