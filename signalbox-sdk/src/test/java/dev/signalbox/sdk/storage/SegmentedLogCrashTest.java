package dev.signalbox.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a process appending to a log ({@code kill -9}, via {@code destroyForcibly}) and checks that
 * every record whose append had returned is still there or was consumed: nothing acknowledged to a
 * client is lost. Records consumed but not yet acknowledged by the checkpoint come back: counted as
 * duplicates, which at-least-once allows.
 */
class SegmentedLogCrashTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @CsvSource({"never, 1, 10000", "batch, 8, 2000"})
  void killMinus9LosesNothingThatWasAcknowledged(String policy, int appenders, int killAfter) throws Exception {
    Path dir = tmp.resolve("log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), LogWriterChild.class.getName(), dir.toString(), policy,
        Integer.toString(appenders))
        .redirectError(tmp.resolve("child.err").toFile())
        .start();
    Set<Long> appended = ConcurrentHashMap.newKeySet();
    Set<Long> consumed = ConcurrentHashMap.newKeySet();
    // Lines that are not "A n" / "C n": the JVM may print warnings to standard output; they are
    // kept (and shown) rather than ending the reading, which would make later acknowledgements
    // invisible and records consumed after that look lost.
    List<String> foreign = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread pump = Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.US_ASCII))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.length() > 2 && (line.startsWith("A ") || line.startsWith("C "))
              && line.substring(2).chars().allMatch(Character::isDigit)) {
            (line.charAt(0) == 'A' ? appended : consumed).add(Long.parseLong(line.substring(2)));
          } else {
            foreign.add(line);
          }
        }
      } catch (Exception e) {
        // the child died
      }
    });
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> appended.size() >= killAfter / 2 || !child.isAlive());
      assertThat(child.isAlive()).as("child alive").isTrue();
      // the directory is locked by the child
      assertThatThrownBy(() -> SegmentedLog.open(dir, LogOptions.defaults().withLockTimeout(Duration.ZERO)))
          .isInstanceOf(LogLockedException.class).hasMessageContaining("another process");
      await().atMost(Duration.ofSeconds(60)).until(() -> appended.size() >= killAfter);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    pump.join(Duration.ofSeconds(30));

    Set<Long> present = new HashSet<>();
    int presentDuplicates = 0;
    try (SegmentedLog log = SegmentedLog.open(dir, LogOptions.defaults().withSizes(64 * 1024, 1L << 30))) {
      LogRecord r;
      while ((r = log.reader().next()) != null) {
        if (!present.add(ByteBuffer.wrap(r.payload()).getLong())) {
          presentDuplicates++;
        }
      }
      assertThat(log.damagedRecords()).isZero();
    }
    List<Long> lost = appended.stream().filter(n -> !present.contains(n) && !consumed.contains(n)).sorted().toList();
    long duplicates = present.stream().filter(consumed::contains).count();
    System.out.printf("kill -9 (%s): %d appends acknowledged, %d consumed before the kill, %d left in the log,"
        + " %d lost, %d delivered again%n", policy, appended.size(), consumed.size(), present.size(), lost.size(),
        duplicates);
    if (!foreign.isEmpty()) {
      System.out.println("the child also printed: " + foreign.subList(0, Math.min(10, foreign.size())));
    }
    assertThat(lost).as("acknowledged records lost (the child also printed %s)", foreign).isEmpty();
    assertThat(presentDuplicates).isZero();
    assertThat(appended).hasSizeGreaterThanOrEqualTo(killAfter);
  }
}
