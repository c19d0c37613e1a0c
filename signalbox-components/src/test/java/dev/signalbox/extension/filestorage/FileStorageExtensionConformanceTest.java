package dev.signalbox.extension.filestorage;

import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.testing.conformance.ExtensionConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileStorageExtensionConformanceTest extends ExtensionConformance<FileStorageExtensionConfig> {
  @TempDir
  static Path dir;

  @Override
  protected ExtensionFactory<FileStorageExtensionConfig> factory() {
    return new FileStorageExtensionFactory();
  }

  @Override
  protected String configYaml() {
    return "directory: " + dir.resolve("queues") + "\ncreate_directory: true\n";
  }
}
