package dev.signalbox.sdk.grpc;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.signalbox.sdk.compression.Compressors;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * The gRPC message encodings we speak: {@code gzip} (compressing at level 1, not grpc-java's 6),
 * {@code zstd} (level 1) and {@code snappy} (the framing format, as the Collector's gRPC snappy
 * codec writes it), besides {@code identity}. Servers and clients built by this package use these
 * registries; decompressed sizes are capped by grpc-java's max inbound message size.
 */
public final class GrpcCompression {
  /** The Collector's names: {@code gzip}, {@code zstd}, {@code snappy}. */
  public static final String GZIP = "gzip";
  public static final String ZSTD = "zstd";
  public static final String SNAPPY = "snappy";

  private static final CompressorRegistry COMPRESSORS = compressors();
  private static final DecompressorRegistry DECOMPRESSORS = DecompressorRegistry.emptyInstance()
      .with(Codec.Identity.NONE, false)
      .with(new GzipCodec(), true)
      .with(new ZstdCodec(), true)
      .with(new SnappyCodec(), true);

  private GrpcCompression() {}

  /** Compressors for sending: identity, gzip (level 1), zstd, snappy. */
  public static CompressorRegistry compressorRegistry() {
    return COMPRESSORS;
  }

  /** Decompressors for receiving, all advertised in {@code grpc-accept-encoding}. */
  public static DecompressorRegistry decompressorRegistry() {
    return DECOMPRESSORS;
  }

  /** True for the names a client may use in its {@code compression} key. */
  public static boolean isSupported(String name) {
    return GZIP.equals(name) || ZSTD.equals(name) || SNAPPY.equals(name);
  }

  private static CompressorRegistry compressors() {
    CompressorRegistry r = CompressorRegistry.newEmptyInstance();
    r.register(Codec.Identity.NONE);
    r.register(new GzipCodec());
    r.register(new ZstdCodec());
    r.register(new SnappyCodec());
    return r;
  }

  static final class GzipCodec implements Codec {
    @Override
    public String getMessageEncoding() {
      return GZIP;
    }

    @Override
    public OutputStream compress(OutputStream os) throws IOException {
      return new GZIPOutputStream(os) {
        {
          def.setLevel(Compressors.DEFAULT_DEFLATE_LEVEL);
        }
      };
    }

    @Override
    public InputStream decompress(InputStream is) throws IOException {
      return new GZIPInputStream(is);
    }
  }

  static final class ZstdCodec implements Codec {
    @Override
    public String getMessageEncoding() {
      return ZSTD;
    }

    @Override
    public OutputStream compress(OutputStream os) throws IOException {
      return new ZstdOutputStreamNoFinalizer(os, Compressors.DEFAULT_ZSTD_LEVEL);
    }

    @Override
    public InputStream decompress(InputStream is) throws IOException {
      return new ZstdInputStreamNoFinalizer(is);
    }
  }

  static final class SnappyCodec implements Codec {
    @Override
    public String getMessageEncoding() {
      return SNAPPY;
    }

    @Override
    public OutputStream compress(OutputStream os) throws IOException {
      return new SnappyFramedOutputStream(os);
    }

    @Override
    public InputStream decompress(InputStream is) throws IOException {
      return new SnappyFramedInputStream(is, true);
    }
  }
}
