package dev.signalbox.sdk.compression;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * One-shot compressors. Default levels favour CPU over ratio, as measured for a 2-core agent
 * (shared/LIBRARIES.md): gzip and zlib at level 1 (134 MB/s vs 65 MB/s at level 6, ratio 4.5 vs
 * 4.9), zstd at level 1. Stateless and thread-safe.
 */
public final class Compressors {
  /** gzip / zlib / deflate level used when none is configured. */
  public static final int DEFAULT_DEFLATE_LEVEL = 1;
  /** zstd level used when none is configured. */
  public static final int DEFAULT_ZSTD_LEVEL = 1;

  private Compressors() {}

  /** Compresses with the default level of the algorithm; {@link Compression#NONE} returns {@code in}. */
  public static byte[] compress(Compression compression, byte[] in) {
    return compress(compression, in, 0);
  }

  /**
   * Compresses {@code in}. {@code level} 0 means the default; gzip/zlib/deflate accept 1..9 (and -1,
   * zlib's own default, 6), zstd 1..22 (and negative fast levels); snappy ignores it.
   */
  public static byte[] compress(Compression compression, byte[] in, int level) {
    try {
      return switch (compression) {
        case NONE -> in;
        case GZIP -> {
          var out = new ByteArrayOutputStream(estimate(in));
          try (var gz = new LevelGzipOutputStream(out, deflateLevel(level))) {
            gz.write(in);
          }
          yield out.toByteArray();
        }
        case ZLIB, DEFLATE -> {
          var out = new ByteArrayOutputStream(estimate(in));
          Deflater deflater = new Deflater(deflateLevel(level));
          try (var z = new DeflaterOutputStream(out, deflater, 8192)) {
            z.write(in);
          } finally {
            deflater.end();
          }
          yield out.toByteArray();
        }
        case ZSTD -> Zstd.compress(in, level == 0 ? DEFAULT_ZSTD_LEVEL : level);
        case SNAPPY -> Snappy.compress(in);
        case SNAPPY_FRAMED -> {
          var out = new ByteArrayOutputStream(estimate(in));
          try (var s = new SnappyFramedOutputStream(out)) {
            s.write(in);
          }
          yield out.toByteArray();
        }
      };
    } catch (IOException e) {
      // Only in-memory streams are involved.
      throw new UncheckedIOException(e);
    }
  }

  /** A streaming compressor writing to {@code out} (gRPC codecs and large bodies). */
  public static OutputStream compressing(Compression compression, OutputStream out, int level) throws IOException {
    return switch (compression) {
      case NONE -> out;
      case GZIP -> new LevelGzipOutputStream(out, deflateLevel(level));
      case ZLIB, DEFLATE -> new DeflaterOutputStream(out, new Deflater(deflateLevel(level)), 8192) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            def.end();
          }
        }
      };
      case ZSTD -> new com.github.luben.zstd.ZstdOutputStreamNoFinalizer(out, level == 0 ? DEFAULT_ZSTD_LEVEL : level);
      case SNAPPY, SNAPPY_FRAMED -> new SnappyFramedOutputStream(out);
    };
  }

  private static int deflateLevel(int level) {
    return level == 0 ? DEFAULT_DEFLATE_LEVEL : level;
  }

  private static int estimate(byte[] in) {
    return Math.max(64, in.length / 4);
  }

  /** GZIPOutputStream whose level is settable (the JDK's is fixed at the default, 6). */
  private static final class LevelGzipOutputStream extends GZIPOutputStream {
    LevelGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, 8192);
      def.setLevel(level);
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        def.end();
      }
    }
  }
}
