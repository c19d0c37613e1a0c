package dev.signalbox.extension.filestorage;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Extension;
import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.component.Stability;

/** Factory of the {@code file_storage} extension. */
public final class FileStorageExtensionFactory implements ExtensionFactory<FileStorageExtensionConfig> {
  public static final ComponentType TYPE = ComponentType.of("file_storage");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<FileStorageExtensionConfig> configClass() {
    return FileStorageExtensionConfig.class;
  }

  @Override
  public FileStorageExtensionConfig defaultConfig() {
    return FileStorageExtensionConfig.defaults();
  }

  @Override
  public String description() {
    return "Stores persistent sending queues (sending_queue.storage) as crash-safe segmented logs in a directory";
  }

  @Override
  public Stability stability() {
    return Stability.ALPHA;
  }

  @Override
  public Extension create(ComponentSettings settings, FileStorageExtensionConfig config) {
    return new FileStorageExtension(settings, config);
  }
}
