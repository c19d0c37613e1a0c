package dev.signalbox.extension.filestorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Problems;
import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.sdk.storage.LogOptions;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageExtensionConfigTest {
  @TempDir
  Path dir;

  static List<String> problems(FileStorageExtensionConfig c) {
    Problems p = new Problems();
    c.validate(p.at("extensions.file_storage"));
    return p.all().stream().map(Problems.Problem::toString).toList();
  }

  @Test
  void defaultsAreTheCollectorsWithOursAdded() {
    assertThat(new FileStorageExtensionFactory().defaultConfig()).isEqualTo(new FileStorageExtensionConfig(
        null, false, "0750", Duration.ofSeconds(1), "batch", Duration.ZERO, ByteSize.ofMiB(64),
        ByteSize.ofMiB(1024), new FileStorageCompactionConfig(false, false, "", 65536, 100, 10,
        Duration.ofSeconds(5), false)));
    assertThat(new FileStorageExtensionFactory().type().name()).isEqualTo("file_storage");
  }

  @Test
  void theDirectoryIsRequired() {
    assertThat(problems(FileStorageExtensionConfig.defaults())).containsExactly(
        "extensions.file_storage.directory: is required: where to store the persistent queues, e.g."
            + " /var/lib/signalbox/file_storage");
  }

  @Test
  void theDirectoryMustExistUnlessItIsCreated() {
    String missing = dir.resolve("missing").toString();
    FileStorageExtensionConfig c = FileStorageExtensionConfig.defaults().withDirectory(missing);
    assertThat(problems(c)).containsExactly("extensions.file_storage.directory: '" + missing
        + "' does not exist or is not a directory; create it or set create_directory: true");
    assertThat(problems(c.withCreateDirectory(true))).isEmpty();
    assertThat(problems(c.withDirectory(dir.toString()))).isEmpty();
  }

  @Test
  void reportsEveryBadKey() {
    FileStorageExtensionConfig c = FileStorageExtensionConfig.defaults().withDirectory(dir.toString())
        .withDirectoryPermissions("rwx")
        .withTimeout(Duration.ofSeconds(-1))
        .withFsync("sometimes")
        .withFsyncInterval(Duration.ofMillis(-1))
        .withSegmentSize(ByteSize.ofBytes(1000))
        .withCompaction(new FileStorageCompactionConfig(true, false, "", -1, 100, 10, Duration.ofSeconds(5), false));
    assertThat(problems(c)).containsExactly(
        "extensions.file_storage.directory_permissions: must be an octal mode such as \"0750\", got rwx",
        "extensions.file_storage.timeout: must not be negative, got PT-1S",
        "extensions.file_storage.fsync: must be one of never, batch, always (or the Collector's false = never,"
            + " true = always), got sometimes",
        "extensions.file_storage.fsync_interval: must not be negative (0 forces back to back), got PT-0.001S",
        "extensions.file_storage.segment_size: must be between 1MiB and 1GiB, got 1000B");
    // nested blocks are validated by the service, each at its own path
    Problems p = new Problems();
    c.compaction().validate(p.at("extensions.file_storage.compaction"));
    assertThat(p.all()).extracting(Problems.Problem::toString).containsExactly(
        "extensions.file_storage.compaction.max_transaction_size: must not be negative, got -1");
  }

  @Test
  void maxSizeMustHoldTwoSegments() {
    FileStorageExtensionConfig c = FileStorageExtensionConfig.defaults().withDirectory(dir.toString())
        .withMaxSize(ByteSize.ofMiB(100));
    assertThat(problems(c)).containsExactly("extensions.file_storage.max_size: must be at least twice segment_size"
        + " (128MiB), as space comes back a whole segment at a time; got 100MiB");
  }

  @Test
  void fsyncAcceptsOurNamesAndTheCollectorsBooleans() {
    FileStorageExtensionConfig c = FileStorageExtensionConfig.defaults().withDirectory(dir.toString());
    assertThat(c.withFsync("never").fsyncPolicy()).isEqualTo(FsyncPolicy.NEVER);
    assertThat(c.withFsync("false").fsyncPolicy()).isEqualTo(FsyncPolicy.NEVER);
    assertThat(c.withFsync("batch").fsyncPolicy()).isEqualTo(FsyncPolicy.BATCH);
    assertThat(c.withFsync("always").fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(c.withFsync("true").fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(c.withFsync("TRUE").fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
    for (String v : List.of("never", "batch", "always", "true", "false")) {
      assertThat(problems(c.withFsync(v))).as(v).isEmpty();
    }
  }

  @Test
  void mapsToLogOptions() {
    FileStorageExtensionConfig c = FileStorageExtensionConfig.defaults().withDirectory(dir.toString())
        .withFsync("true").withFsyncInterval(Duration.ofMillis(5)).withSegmentSize(ByteSize.ofMiB(8))
        .withMaxSize(ByteSize.ofMiB(32)).withTimeout(Duration.ofSeconds(3));
    assertThat(c.logOptions()).isEqualTo(LogOptions.defaults().withSizes(8 << 20, 32 << 20)
        .withFsync(FsyncPolicy.ALWAYS).withFsyncInterval(Duration.ofMillis(5)).withLockTimeout(Duration.ofSeconds(3)));
  }

  @Test
  void parsesDirectoryPermissions() {
    FileStorageExtensionConfig c = FileStorageExtensionConfig.defaults();
    assertThat(c.permissions()).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(c.withDirectoryPermissions("700").permissions()).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(c.withDirectoryPermissions("0644").permissions())
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }
}
