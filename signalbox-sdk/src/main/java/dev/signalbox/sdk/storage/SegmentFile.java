package dev.signalbox.sdk.storage;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Buffered positional reads of one file. The buffer is only ever filled up to a limit the caller
 * gives (the end of durable data), so it never holds bytes that may still change. Not thread-safe.
 * Uses {@link RandomAccessFile}, whose reads, unlike a {@code FileChannel}'s, are not aborted (and
 * the file closed) by an interrupt of the reading thread.
 */
final class SegmentFile implements Closeable {
  private final RandomAccessFile file;
  private final byte[] buf;
  private long bufStart;
  private int bufLen;

  SegmentFile(Path path, int bufferSize) throws IOException {
    this.file = new RandomAccessFile(path.toFile(), "r");
    this.buf = new byte[bufferSize];
  }

  long length() throws IOException {
    return file.length();
  }

  byte[] buffer() {
    return buf;
  }

  /**
   * Makes bytes {@code [off, off + n)} available in {@link #buffer()}, reading no further than
   * {@code limit}, and returns the index of {@code off} in it. {@code n} must not exceed the buffer.
   */
  int ensure(long off, int n, long limit) throws IOException {
    if (off >= bufStart && off + n <= bufStart + bufLen) {
      return (int) (off - bufStart);
    }
    int toRead = (int) Math.min(buf.length, limit - off);
    if (toRead < n) {
      throw new EOFException("need " + n + " bytes at offset " + off + ", only " + Math.max(0, toRead) + " readable");
    }
    bufLen = 0;
    file.seek(off);
    file.readFully(buf, 0, toRead);
    bufStart = off;
    bufLen = toRead;
    return 0;
  }

  int readInt(long off, long limit) throws IOException {
    int i = ensure(off, 4, limit);
    return ((buf[i] & 0xff) << 24) | ((buf[i + 1] & 0xff) << 16) | ((buf[i + 2] & 0xff) << 8) | (buf[i + 3] & 0xff);
  }

  /** Copies {@code len} bytes at {@code off} into {@code dst}. */
  void read(long off, byte[] dst, int dstOff, int len, long limit) throws IOException {
    if (len <= buf.length) {
      int i = ensure(off, len, limit);
      System.arraycopy(buf, i, dst, dstOff, len);
      return;
    }
    if (off + len > limit) {
      throw new EOFException("need " + len + " bytes at offset " + off + ", limit " + limit);
    }
    file.seek(off);
    file.readFully(dst, dstOff, len);
  }

  /** Feeds {@code len} bytes at {@code off} to {@code crc} without copying them out. */
  void crc(CRC32C crc, long off, long len, long limit) throws IOException {
    while (len > 0) {
      int n = (int) Math.min(len, buf.length);
      int i = ensure(off, n, limit);
      crc.update(buf, i, n);
      off += n;
      len -= n;
    }
  }

  /** Copies the first {@code n} bytes at {@code off} into a new array. */
  byte[] copy(long off, int n, long limit) throws IOException {
    byte[] out = new byte[n];
    read(off, out, 0, n, limit);
    return out;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
