package dev.signalbox.sdk.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * One segment file: a header, then records. Positions are logical: the segment holds positions
 * {@code [base, end)}, and the record at position {@code p} starts at file offset
 * {@code HEADER + (p - base)}; the next segment's base is this one's end, so positions run on
 * without gaps from one segment to the next.
 */
final class Segment {
  /** Header: magic, format version, base position, CRC32C of the first 16 bytes. */
  static final int HEADER = 20;
  static final int MAGIC = 0x53424C47; // "SBLG"
  static final int VERSION = 1;
  static final String SUFFIX = ".seg";

  final long base;
  final Path path;
  /** The position after the last record written (or found at recovery). */
  volatile long end;
  /** Readers stop here: below {@link #end} when recovery found the framing broken. */
  volatile long readableEnd = Long.MAX_VALUE;
  /** True once the segment will get no more records; set after the next segment exists. */
  volatile boolean sealed;
  /** Positions of damaged records that recovery already reported, so that readers do not again. */
  final Set<Long> knownDamaged = ConcurrentHashMap.newKeySet();
  /** The writer of the active segment; null otherwise. Guarded by the log's append lock. */
  RandomAccessFile writer;

  Segment(Path path, long base, long end) {
    this.path = path;
    this.base = base;
    this.end = end;
  }

  static String fileName(long base) {
    return String.format("%020d%s", base, SUFFIX);
  }

  /** The base position a segment file name stands for, or -1 if the name is not a segment's. */
  static long parseBase(String name) {
    if (name.length() != 20 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
      return -1;
    }
    for (int i = 0; i < 20; i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return -1;
      }
    }
    try {
      return Long.parseLong(name, 0, 20, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The file offset of {@code position}. */
  long offset(long position) {
    return HEADER + (position - base);
  }

  /** The file's size in bytes as written so far. */
  long fileSize() {
    return HEADER + (end - base);
  }

  /** The position readers may read up to in this segment. */
  long readLimit() {
    return Math.min(end, readableEnd);
  }

  static byte[] header(long base) {
    ByteBuffer b = ByteBuffer.allocate(HEADER);
    b.putInt(MAGIC).putInt(VERSION).putLong(base);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 16);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * Checks a header read from a file. Returns null if it is valid for {@code base}, else what is
   * wrong with it.
   *
   * @throws IOException if the header is intact but of a newer format version: refusing to open is
   *     better than skipping data a newer version wrote
   */
  static String checkHeader(byte[] h, long base, Path path) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(h);
    CRC32C crc = new CRC32C();
    crc.update(h, 0, 16);
    if (b.getInt(0) != MAGIC) {
      return "not a segment file (bad magic number)";
    }
    if (b.getInt(16) != (int) crc.getValue()) {
      return "header checksum mismatch";
    }
    int version = b.getInt(4);
    if (version != VERSION) {
      throw new IOException(path + " has format version " + version + "; this version of Signalbox reads only "
          + VERSION + ". Run a newer version, or move the directory away to start afresh");
    }
    if (b.getLong(8) != base) {
      return "header names base position " + b.getLong(8) + " but the file name " + base;
    }
    return null;
  }

  /** Creates the file with its header, opened for appending. */
  static Segment create(Path dir, long base, boolean sync) throws IOException {
    Path path = dir.resolve(fileName(base));
    RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw");
    try {
      f.setLength(0);
      f.write(header(base));
      if (sync) {
        f.getFD().sync();
        FileSync.directory(dir);
      }
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    Segment s = new Segment(path, base, base);
    s.writer = f;
    return s;
  }

  /** Opens an existing segment for appending after its last record. */
  void openWriter() throws IOException {
    RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw");
    f.seek(fileSize());
    writer = f;
  }

  void sync() throws IOException {
    writer.getFD().sync();
  }

  void closeWriter() throws IOException {
    RandomAccessFile f = writer;
    writer = null;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + base + ".." + end + (sealed ? ", sealed" : "") + "]";
  }
}
