package dev.signalbox.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    // The child reports to a file, not a pipe: what it wrote before the kill is all in the file,
    // whereas the tail of a pipe read while the process dies can go missing (the JDK drains it on
    // exit), and an acknowledgement the test never saw makes a delivered record look lost.
    Path report = tmp.resolve("child.out");
    Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), LogWriterChild.class.getName(), dir.toString(), policy,
        Integer.toString(appenders))
        .redirectError(tmp.resolve("child.err").toFile())
        .redirectOutput(report.toFile())
        .start();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
          .until(() -> Report.read(report).appended.size() >= killAfter / 2 || !child.isAlive());
      assertThat(child.isAlive()).as("child alive").isTrue();
      // the directory is locked by the child
      assertThatThrownBy(() -> SegmentedLog.open(dir, LogOptions.defaults().withLockTimeout(Duration.ZERO)))
          .isInstanceOf(LogLockedException.class).hasMessageContaining("another process");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
          .until(() -> Report.read(report).appended.size() >= killAfter);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Report rep = Report.read(report);
    Set<Long> appended = rep.appended();
    Set<Long> consumed = rep.consumed();

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
    assertThat(lost).as("acknowledged records lost (the child also printed %s)", rep.foreign()).isEmpty();
    assertThat(presentDuplicates).isZero();
    assertThat(appended).hasSizeGreaterThanOrEqualTo(killAfter);
  }

  /**
   * What the child reported: "A n" once record n's append returned, "C n" once it was read back
   * (printed before it is acknowledged). A last line without its newline (the kill came mid-line)
   * is ignored; other lines (JVM warnings) are kept to be shown.
   */
  private record Report(Set<Long> appended, Set<Long> consumed, List<String> foreign) {
    static Report read(Path file) throws java.io.IOException {
      Report r = new Report(new HashSet<>(), new HashSet<>(), new ArrayList<>());
      String text = java.nio.file.Files.readString(file, StandardCharsets.US_ASCII);
      int complete = text.lastIndexOf('\n') + 1;
      for (String line : text.substring(0, complete).split("\n")) {
        if (line.length() > 2 && (line.startsWith("A ") || line.startsWith("C "))
            && line.substring(2).chars().allMatch(Character::isDigit)) {
          (line.charAt(0) == 'A' ? r.appended : r.consumed).add(Long.parseLong(line.substring(2)));
        } else if (!line.isEmpty()) {
          r.foreign.add(line);
        }
      }
      return r;
    }
  }
}
