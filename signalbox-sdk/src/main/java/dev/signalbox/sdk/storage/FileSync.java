package dev.signalbox.sdk.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File operations that must not be cut short by a thread interrupt. */
final class FileSync {
  private FileSync() {}

  /**
   * Forces a directory's entries (created, renamed, deleted files) to the device. A
   * {@code FileChannel} is closed by an interrupt of the calling thread, and the workers of an
   * exporter are interrupted at shutdown, so the interrupt flag is cleared for the call and set
   * again afterwards.
   */
  static void directory(Path dir) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
          ch.force(true);
          return;
        } catch (ClosedByInterruptException e) {
          interrupted = true;
          Thread.interrupted();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Writes {@code bytes} to {@code target} atomically: a temporary file, forced if asked, then renamed. */
  static void writeAtomically(Path target, byte[] bytes, boolean sync) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
      f.setLength(0);
      f.write(bytes);
      if (sync) {
        f.getFD().sync();
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (sync) {
      directory(target.getParent());
    }
  }
}
