package dev.signalbox.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogOptionsTest {
  @Test
  void defaults() {
    LogOptions o = LogOptions.defaults();
    assertThat(o.segmentSize()).isEqualTo(64L << 20);
    assertThat(o.maxSize()).isEqualTo(1L << 30);
    assertThat(o.fsync()).isEqualTo(FsyncPolicy.BATCH);
    assertThat(o.fsyncInterval()).isEqualTo(Duration.ZERO);
    assertThat(o.fsyncBytes()).isEqualTo(1L << 20);
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(o.lockTimeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesSizesThatCannotWork() {
    assertThatThrownBy(() -> LogOptions.defaults().withSegmentSize(100))
        .hasMessage("segmentSize must be at least 1024, got 100");
    assertThatThrownBy(() -> LogOptions.defaults().withMaxSize(100L << 20))
        .hasMessage("maxSize (104857600) must be at least twice segmentSize (67108864)");
    assertThatThrownBy(() -> LogOptions.defaults().withFsyncBytes(0)).hasMessage("fsyncBytes must be positive, got 0");
    assertThatThrownBy(() -> LogOptions.defaults().withLockTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("lockTimeout must not be negative");
  }

  @Test
  void fsyncParsesOurNamesAndTheCollectorsBooleans() {
    assertThat(FsyncPolicy.parse("never")).isEqualTo(FsyncPolicy.NEVER);
    assertThat(FsyncPolicy.parse("false")).isEqualTo(FsyncPolicy.NEVER);
    assertThat(FsyncPolicy.parse(" Batch ")).isEqualTo(FsyncPolicy.BATCH);
    assertThat(FsyncPolicy.parse("always")).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(FsyncPolicy.parse("true")).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(FsyncPolicy.parse("yes")).isNull();
    assertThat(FsyncPolicy.parse(null)).isNull();
    assertThat(FsyncPolicy.BATCH).hasToString("batch");
  }

  @Test
  void segmentNamesSortByBase() {
    assertThat(Segment.fileName(67108844)).isEqualTo("00000000000067108844.seg");
    assertThat(Segment.parseBase("00000000000067108844.seg")).isEqualTo(67108844);
    assertThat(Segment.parseBase("0000000000006710884x.seg")).isEqualTo(-1);
    assertThat(Segment.parseBase("checkpoint")).isEqualTo(-1);
  }
}
