package dev.signalbox.extension.filestorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.config.ByteSize;
import dev.signalbox.exporter.otlpcommon.Fixtures;
import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.service.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config as users write it, bound by the service's binder. */
class FileStorageExtensionBindingTest {
  @TempDir
  Path dir;

  static final FileStorageExtensionConfig DEFAULTS = new FileStorageExtensionFactory().defaultConfig();

  FileStorageExtensionConfig bind(String yaml) throws ConfigException {
    return Fixtures.bindText(yaml, FileStorageExtensionConfig.class, DEFAULTS);
  }

  @Test
  void bindsEveryKey() throws Exception {
    FileStorageExtensionConfig c = bind("""
        directory: %s
        create_directory: true
        directory_permissions: "0700"
        timeout: 5s
        fsync: always
        fsync_interval: 2ms
        segment_size: 16MiB
        max_size: 4GiB
        compaction:
          on_start: true
          on_rebound: true
          directory: /tmp/compaction
          max_transaction_size: 2048
          rebound_needed_threshold_mib: 50
          rebound_trigger_threshold_mib: 5
          check_interval: 10s
          cleanup_on_start: true
        """.formatted(dir));
    assertThat(c).isEqualTo(new FileStorageExtensionConfig(dir.toString(), true, "0700", Duration.ofSeconds(5),
        "always", Duration.ofMillis(2), ByteSize.ofMiB(16), ByteSize.ofMiB(4096),
        new FileStorageCompactionConfig(true, true, "/tmp/compaction", 2048, 50, 5, Duration.ofSeconds(10), true)));
  }

  @Test
  void bindsACollectorConfigUnchanged() throws Exception {
    // from the Collector's file_storage README, except that it writes 65_536, which Go's YAML
    // reads as a number and our YAML 1.2 binder does not
    FileStorageExtensionConfig c = bind("""
        directory: %s
        timeout: 1s
        fsync: true
        compaction:
          on_start: true
          directory: /tmp/
          max_transaction_size: 65536
        """.formatted(dir));
    assertThat(c.fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(c.compaction().onStart()).isTrue();
    assertThat(c.compaction().maxTransactionSize()).isEqualTo(65_536);
    assertThat(c.segmentSize()).isEqualTo(ByteSize.ofMiB(64));
    assertThat(bind("directory: " + dir + "\nfsync: false\n").fsyncPolicy()).isEqualTo(FsyncPolicy.NEVER);
  }

  @Test
  void reportsProblemsWithTheirKeys() {
    assertThatThrownBy(() -> bind("directory: " + dir + "\nfsync: sometimes\nsegment_size: 10MiB\nmax_size: 15MiB\n"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
            "inline.yaml:2:1 fsync: must be one of never, batch, always (or the Collector's false = never,"
                + " true = always), got sometimes",
            "inline.yaml:4:1 max_size: must be at least twice segment_size (20MiB), as space comes back a whole"
                + " segment at a time; got 15MiB"));
    assertThatThrownBy(() -> bind("directory: " + dir + "\nfsync_intervall: 5ms\n"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
            .contains("fsync_intervall: unknown key 'fsync_intervall'; did you mean 'fsync_interval'?"));
    assertThatThrownBy(() -> bind("timeout: 1s\n"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
            .contains("directory: is required"));
  }
}
