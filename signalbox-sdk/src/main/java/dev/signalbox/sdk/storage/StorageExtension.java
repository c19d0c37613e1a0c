package dev.signalbox.sdk.storage;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Extension;
import dev.signalbox.component.Kind;
import dev.signalbox.pdata.Signal;
import java.io.IOException;

/**
 * An extension that stores persistent sending queues ({@code file_storage}). An exporter whose
 * {@code sending_queue.storage} names the extension gets a {@link StorageClient} per signal, each
 * with a directory of its own derived from the component's kind, id and signal, so that reordering
 * the config never hands one queue's data to another.
 */
public interface StorageExtension extends Extension {
  /**
   * The storage of one queue: that of {@code signal} in component {@code id} of {@code kind}.
   * Creates its directory if needed. Available once the extension has started.
   *
   * @throws IOException if the directory cannot be created
   * @throws IllegalStateException if the extension is not running
   */
  StorageClient client(Kind kind, ComponentId id, Signal<?> signal) throws IOException;
}
