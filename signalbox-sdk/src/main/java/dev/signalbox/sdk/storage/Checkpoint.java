package dev.signalbox.sdk.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The checkpoint file: the acknowledged position, written atomically (temporary file, force,
 * rename, directory force). 20 bytes: magic, format version, position, CRC32C of the first 16.
 */
final class Checkpoint {
  static final String FILE = "checkpoint";
  static final int SIZE = 20;
  static final int MAGIC = 0x5342434B; // "SBCK"
  static final int VERSION = 1;

  /** What was read: the position, or why there is none. */
  record Read(long position, boolean present, String problem) {
    static final Read ABSENT = new Read(-1, false, null);

    boolean valid() {
      return present && problem == null;
    }
  }

  private Checkpoint() {}

  static Read read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Read.ABSENT;
    }
    if (b.length != SIZE) {
      return new Read(-1, true, "size " + b.length + " instead of " + SIZE);
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    CRC32C crc = new CRC32C();
    crc.update(b, 0, 16);
    if (buf.getInt(0) != MAGIC) {
      return new Read(-1, true, "bad magic number");
    }
    if (buf.getInt(16) != (int) crc.getValue()) {
      return new Read(-1, true, "checksum mismatch");
    }
    int version = buf.getInt(4);
    if (version != VERSION) {
      throw new IOException(file + " has format version " + version + "; this version of Signalbox reads only "
          + VERSION + ". Run a newer version, or move the directory away to start afresh");
    }
    long position = buf.getLong(8);
    if (position < 0) {
      return new Read(-1, true, "negative position " + position);
    }
    return new Read(position, true, null);
  }

  static byte[] encode(long position) {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.putInt(MAGIC).putInt(VERSION).putLong(position);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 16);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  static void write(Path dir, long position, boolean sync) throws IOException {
    FileSync.writeAtomically(dir.resolve(FILE), encode(position), sync);
  }
}
