package dev.signalbox.sdk.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

class DecompressionTest {
  private static final byte[] TEXT = "resource spans scope spans ".repeat(4000).getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsEveryEncoding(Compression c) throws IOException {
    byte[] compressed = Compressors.compress(c, TEXT);
    assertThat(Decompression.decompress(c, compressed, TEXT.length)).isEqualTo(TEXT);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void stopsOneByteOverTheLimit(Compression c) {
    byte[] compressed = Compressors.compress(c, TEXT);
    assertThatThrownBy(() -> Decompression.decompress(c, compressed, TEXT.length - 1))
        .isInstanceOf(DecompressedSizeExceededException.class)
        .hasMessage("decompressed size exceeds " + (TEXT.length - 1) + " bytes");
  }

  @Test
  void aGzipBombFailsWithoutInflating() throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) { // 256 MiB
        gz.write(zeros);
      }
    }
    byte[] bomb = out.toByteArray();
    assertThat(bomb.length).isLessThan(1 << 20);
    long heapBefore = usedHeap();
    assertThatThrownBy(() -> Decompression.decompress(Compression.GZIP, bomb, 1 << 20))
        .isInstanceOf(DecompressedSizeExceededException.class)
        .hasMessage("decompressed size exceeds 1048576 bytes");
    assertThat(usedHeap() - heapBefore).isLessThan(64L << 20);
  }

  @Test
  void zstdAndSnappyRefuseByDeclaredSizeFirst() throws IOException {
    byte[] big = new byte[8 << 20];
    byte[] zstd = Zstd.compress(big); // declares its content size
    assertThatThrownBy(() -> Decompression.decompress(Compression.ZSTD, zstd, 1 << 20))
        .isInstanceOf(DecompressedSizeExceededException.class);
    byte[] snappy = Snappy.compress(big); // starts with the uncompressed length
    assertThatThrownBy(() -> Decompression.decompress(Compression.SNAPPY, snappy, 1 << 20))
        .isInstanceOf(DecompressedSizeExceededException.class);
  }

  @Test
  void acceptsZlibAndRawDeflateUnderDeflate() throws IOException {
    byte[] zlib = Compressors.compress(Compression.ZLIB, TEXT);
    assertThat(Decompression.decompress(Compression.DEFLATE, zlib, TEXT.length)).isEqualTo(TEXT);
    var raw = new ByteArrayOutputStream();
    try (var d = new java.util.zip.DeflaterOutputStream(raw, new java.util.zip.Deflater(6, true))) {
      d.write(TEXT);
    }
    assertThat(Decompression.decompress(Compression.DEFLATE, raw.toByteArray(), TEXT.length)).isEqualTo(TEXT);
  }

  @Test
  void readsFramedSnappyUnderSnappyAndConcatenatedGzip() throws IOException {
    byte[] framed = Compressors.compress(Compression.SNAPPY_FRAMED, TEXT);
    assertThat(Decompression.decompress(Compression.SNAPPY, framed, TEXT.length)).isEqualTo(TEXT);
    byte[] a = Compressors.compress(Compression.GZIP, "ab".getBytes());
    byte[] b = Compressors.compress(Compression.GZIP, "cd".getBytes());
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(new String(Decompression.decompress(Compression.GZIP, both, 100))).isEqualTo("abcd");
  }

  @Test
  void reportsCorruptInput() {
    for (Compression c : new Compression[] {Compression.GZIP, Compression.ZSTD, Compression.ZLIB, Compression.SNAPPY,
        Compression.SNAPPY_FRAMED}) {
      assertThatThrownBy(() -> Decompression.decompress(c, "not compressed at all".getBytes(), 1000)).as(c.name())
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(DecompressedSizeExceededException.class)
          .hasMessageStartingWith("invalid " + c.encoding() + " data: ");
    }
    byte[] truncated = Arrays.copyOf(Compressors.compress(Compression.GZIP, TEXT), 40);
    assertThatThrownBy(() -> Decompression.decompress(Compression.GZIP, truncated, TEXT.length))
        .isInstanceOf(IOException.class);
  }

  @Test
  void noneReturnsTheSameArrayWithinTheLimit() throws IOException {
    byte[] in = {1, 2, 3};
    assertThat(Decompression.decompress(Compression.NONE, in, 3)).isSameAs(in);
    assertThatThrownBy(() -> Decompression.decompress(Compression.NONE, in, 2))
        .isInstanceOf(DecompressedSizeExceededException.class);
  }

  @Test
  void namesFollowTheCollector() {
    assertThat(Compression.names()).containsExactly("", "gzip", "zlib", "deflate", "zstd", "snappy", "x-snappy-framed");
    assertThat(Compression.fromName("GZIP")).isEqualTo(Compression.GZIP);
    assertThat(Compression.fromName("none")).isEqualTo(Compression.NONE);
    assertThat(Compression.fromName("identity")).isEqualTo(Compression.NONE);
    assertThat(Compression.fromName(null)).isEqualTo(Compression.NONE);
    assertThat(Compression.fromName("lz4")).isNull();
    assertThat(Compression.fromName("br")).isNull();
  }

  @Test
  void gzipDefaultsToLevelOne() {
    byte[] level1 = Compressors.compress(Compression.GZIP, TEXT);
    byte[] level9 = Compressors.compress(Compression.GZIP, TEXT, 9);
    assertThat(level1.length).isGreaterThan(level9.length);
    assertThat(level1).isEqualTo(Compressors.compress(Compression.GZIP, TEXT, 1));
    assertThat(Compressors.compress(Compression.ZSTD, TEXT)).isEqualTo(Zstd.compress(TEXT, 1));
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
