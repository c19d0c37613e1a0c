package dev.signalbox.sdk.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Decompression that stops at a byte limit. A small body that inflates to gigabytes (a
 * decompression bomb) fails with {@link DecompressedSizeExceededException} after at most
 * {@code maxBytes + 1} bytes were produced; the output buffer grows geometrically and never past
 * {@code maxBytes + 1}, whatever size the input declares. Stateless and thread-safe.
 */
public final class Decompression {
  private static final int INITIAL = 8192;
  private static final byte[] SNAPPY_FRAME_HEADER =
      {(byte) 0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59};

  private Decompression() {}

  /**
   * Decompresses {@code in} (which is not modified; for {@link Compression#NONE} it is returned
   * itself). The result is a new array the caller owns, exactly as long as the content.
   *
   * @throws DecompressedSizeExceededException when the content is larger than {@code maxBytes}
   * @throws IOException when the input is not valid data of that compression
   */
  public static byte[] decompress(Compression compression, byte[] in, long maxBytes) throws IOException {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    try {
      return switch (compression) {
        case NONE -> {
          if (in.length > maxBytes) {
            throw new DecompressedSizeExceededException(maxBytes);
          }
          yield in;
        }
        case GZIP -> readBounded(new GZIPInputStream(new ByteArrayInputStream(in), INITIAL), maxBytes, gzipSizeHint(in));
        case ZLIB, DEFLATE -> inflate(in, maxBytes);
        case ZSTD -> zstd(in, maxBytes);
        case SNAPPY -> startsWith(in, SNAPPY_FRAME_HEADER) ? snappyFramed(in, maxBytes) : snappyBlock(in, maxBytes);
        case SNAPPY_FRAMED -> snappyFramed(in, maxBytes);
      };
    } catch (DecompressedSizeExceededException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("invalid " + compression.encoding() + " data: " + messageOf(e), e);
    } catch (RuntimeException e) {
      // zstd-jni and snappy-java report some corrupt inputs as unchecked exceptions
      throw new IOException("invalid " + compression.encoding() + " data: " + messageOf(e), e);
    }
  }

  /**
   * Reads {@code in} to its end into an array of at most {@code maxBytes}; {@code sizeHint} (may be
   * 0) presizes the array. Closes nothing.
   */
  public static byte[] readBounded(InputStream in, long maxBytes, long sizeHint) throws IOException {
    long cap = Math.min(maxBytes + 1, Integer.MAX_VALUE - 16L);
    int size = (int) Math.min(cap, sizeHint > 0 ? sizeHint : INITIAL);
    byte[] buf = new byte[Math.max(size, 1)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        // Full: probe for one more byte before growing, so an exact hint costs no copy.
        int b = in.read();
        if (b < 0) {
          return buf;
        }
        if (n + 1L > maxBytes) {
          throw new DecompressedSizeExceededException(maxBytes);
        }
        int newLen = (int) Math.min(cap, Math.max(n * 2L, n + 1L));
        buf = Arrays.copyOf(buf, newLen);
        buf[n++] = (byte) b;
        continue;
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
      if (n > maxBytes) {
        throw new DecompressedSizeExceededException(maxBytes);
      }
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  /** gzip's trailer holds the (last member's) size mod 2^32: a good presize for one-member bodies. */
  private static long gzipSizeHint(byte[] in) {
    if (in.length < 18) {
      return 0;
    }
    int i = in.length - 4;
    return (in[i] & 0xffL) | (in[i + 1] & 0xffL) << 8 | (in[i + 2] & 0xffL) << 16 | (in[i + 3] & 0xffL) << 24;
  }

  private static byte[] inflate(byte[] in, long maxBytes) throws IOException {
    // zlib (RFC 1950) when the two-byte header checks out, else raw deflate (RFC 1951): clients
    // disagree on what "deflate" means, so accept both.
    boolean zlib = in.length >= 2 && (in[0] & 0x0f) == 8 && (((in[0] & 0xff) << 8) | (in[1] & 0xff)) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    try {
      return readBounded(new InflaterInputStream(new ByteArrayInputStream(in), inflater, INITIAL), maxBytes,
          (long) in.length * 4);
    } finally {
      inflater.end();
    }
  }

  private static byte[] zstd(byte[] in, long maxBytes) throws IOException {
    long declared = in.length >= 4 ? Zstd.getFrameContentSize(in) : -1;
    if (declared > maxBytes) {
      throw new DecompressedSizeExceededException(maxBytes);
    }
    try (var z = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(in))) {
      z.setContinuous(false);
      return readBounded(z, maxBytes, declared > 0 ? declared : (long) in.length * 4);
    }
  }

  private static byte[] snappyBlock(byte[] in, long maxBytes) throws IOException {
    int length = Snappy.uncompressedLength(in);
    if (length > maxBytes) {
      throw new DecompressedSizeExceededException(maxBytes);
    }
    if (length < 0) {
      throw new IOException("negative uncompressed length");
    }
    byte[] out = new byte[length];
    int n = Snappy.uncompress(in, 0, in.length, out, 0);
    return n == length ? out : Arrays.copyOf(out, n);
  }

  private static byte[] snappyFramed(byte[] in, long maxBytes) throws IOException {
    try (var s = new SnappyFramedInputStream(new ByteArrayInputStream(in), true)) {
      return readBounded(s, maxBytes, (long) in.length * 3);
    }
  }

  private static boolean startsWith(byte[] in, byte[] prefix) {
    return in.length >= prefix.length && Arrays.equals(in, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static String messageOf(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
