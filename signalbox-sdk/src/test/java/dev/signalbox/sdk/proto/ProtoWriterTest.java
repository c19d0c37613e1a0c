package dev.signalbox.sdk.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ProtoWriter's bytes against protobuf-java's CodedOutputStream for the same fields. */
class ProtoWriterTest {

  interface Coded {
    void write(CodedOutputStream c) throws IOException;
  }

  static byte[] coded(Coded body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream c = CodedOutputStream.newInstance(out);
    body.write(c);
    c.flush();
    return out.toByteArray();
  }

  private static final long[] LONGS = {
    0, 1, -1, 127, 128, 16383, 16384, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 35, Long.MAX_VALUE,
    Long.MIN_VALUE, 0xFFFFFFFFL, -128};

  @Test
  void scalarFieldsMatchCodedOutputStream() throws IOException {
    for (long v : LONGS) {
      int i = (int) v;
      ProtoWriter w = new ProtoWriter(16);
      // written back to front: last field first
      w.writeFixed32(9, i);
      w.writeFixed64(8, v);
      w.writeSInt64(7, v);
      w.writeSInt32(6, i);
      w.writeInt64(5, v);
      w.writeInt32(4, i);
      w.writeUInt32(3, i);
      w.writeBool(2, v != 0);
      w.writeDouble(1, Double.longBitsToDouble(v));
      w.writeFloat(16, Float.intBitsToFloat(i));
      byte[] expected = coded(c -> {
        if (v != 0) {
          c.writeDouble(1, Double.longBitsToDouble(v));
          c.writeBool(2, true);
        }
        if (i != 0) {
          c.writeUInt32(3, i);
          c.writeInt32(4, i);
        }
        if (v != 0) {
          c.writeInt64(5, v);
        }
        if (i != 0) {
          c.writeSInt32(6, i);
        }
        if (v != 0) {
          c.writeSInt64(7, v);
          c.writeFixed64(8, v);
        }
        if (i != 0) {
          c.writeFixed32(9, i);
        }
      });
      // field 16 (float) was written last, so it comes first
      byte[] withFloat = i == 0 ? expected : concat(coded(c -> c.writeFloat(16, Float.intBitsToFloat(i))), expected);
      assertThat(w.toByteArray()).as("value %d", v).isEqualTo(withFloat);
    }
  }

  @Test
  void varintSizesAreRight() {
    Random r = new Random(1);
    for (int k = 0; k < 10000; k++) {
      long v = r.nextLong() >>> r.nextInt(64);
      assertThat(WireFormat.varintSize(v)).isEqualTo(CodedOutputStream.computeUInt64SizeNoTag(v));
      int i = (int) v;
      assertThat(WireFormat.varintSize32(i)).isEqualTo(CodedOutputStream.computeUInt32SizeNoTag(i));
    }
  }

  @Test
  void stringsEncodeAsUtf8LikeTheJdk() throws IOException {
    String[] samples = {
      "", "a", "hello world", "ünïcödé", "日本語テキスト", "emoji 😀👍🏽", "mixed a\u00e9\u4e2d\ud83d\ude00z",
      "unpaired \ud800 high", "unpaired \udc00 low", "reversed \udc00\ud800", "\ud83d", "x".repeat(5000),
      "é".repeat(3000)};
    for (String s : samples) {
      ProtoWriter w = new ProtoWriter(16);
      w.writeString(1, s);
      byte[] expected = s.isEmpty() ? new byte[0] : coded(c -> c.writeByteArray(1, s.getBytes(StandardCharsets.UTF_8)));
      assertThat(w.toByteArray()).as(s).isEqualTo(expected);
    }
    // random strings
    Random r = new Random(7);
    for (int k = 0; k < 2000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int n = r.nextInt(30); n > 0; n--) {
        sb.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x10000) : r.nextInt(0x80)));
      }
      String s = sb.toString();
      ProtoWriter w = new ProtoWriter(8);
      w.writeStringAlways(3, s);
      assertThat(w.toByteArray()).isEqualTo(coded(c -> c.writeByteArray(3, s.getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void nestedMessagesAndGrowth() throws IOException {
    // message Outer { repeated Inner inner = 1; string name = 2; }  Inner { int64 v = 1; bytes b = 2; }
    ProtoWriter w = new ProtoWriter(1); // forces many grows
    w.writeString(2, "outer");
    for (int i = 99; i >= 0; i--) {
      int start = w.size();
      w.writeBytes(2, new byte[i]);
      w.writeInt64(1, i * 1000L);
      w.endMessage(1, start);
    }
    byte[] expected = coded(c -> {
      for (int k = 0; k < 100; k++) {
        int i = k;
        byte[] inner = coded(ic -> {
          if (i != 0) {
            ic.writeInt64(1, i * 1000L);
            ic.writeByteArray(2, new byte[i]);
          }
        });
        c.writeByteArray(1, inner);
      }
      c.writeString(2, "outer");
    });
    assertThat(w.toByteArray()).isEqualTo(expected);
    assertThat(w.size()).isEqualTo(expected.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(expected);
  }

  @Test
  void outputSpanningManySegmentsIsContiguous() throws IOException {
    ProtoWriter w = new ProtoWriter(64);
    String shared = "shared-key";
    byte[] big = new byte[5000];
    java.util.Arrays.fill(big, (byte) 7);
    for (int i = 999; i >= 0; i--) {
      int start = w.size();
      if (i % 100 == 0) {
        w.writeBytesAlways(3, big, 0, big.length); // larger than the current segment
      }
      w.writeString(2, shared); // the same instance: its bytes come from the writer's cache
      w.writeString(1, "name-" + i);
      w.endMessage(1, start);
    }
    byte[] expected = coded(c -> {
      for (int i = 0; i < 1000; i++) {
        int k = i;
        c.writeByteArray(1, coded(ic -> {
          ic.writeString(1, "name-" + k);
          ic.writeString(2, "shared-key");
          if (k % 100 == 0) {
            ic.writeByteArray(3, big);
          }
        }));
      }
    });
    assertThat(w.size()).isEqualTo(expected.length);
    assertThat(w.toByteArray()).isEqualTo(expected);
    java.nio.ByteBuffer bb = w.toByteBuffer();
    byte[] fromBuffer = new byte[bb.remaining()];
    bb.get(fromBuffer);
    assertThat(fromBuffer).isEqualTo(expected);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(expected);
    w.reset();
    assertThat(w.size()).isZero();
    w.writeString(1, "again");
    assertThat(w.toByteArray()).isEqualTo(coded(c -> c.writeString(1, "again")));
  }

  @Test
  void emptyMessagesAreWrittenOrOmitted() {
    ProtoWriter w = new ProtoWriter();
    int start = w.size();
    w.endMessageIfNotEmpty(1, start);
    assertThat(w.size()).isZero();
    w.endMessage(1, start);
    assertThat(w.toByteArray()).containsExactly(0x0A, 0x00);
    w.reset();
    assertThat(w.size()).isZero();
  }

  @Test
  void packedFieldsMatchCodedOutputStream() throws IOException {
    long[] longs = {1, 0, -1, 300, Long.MIN_VALUE};
    double[] doubles = {0.5, -0.0, Double.NaN, 1e300};
    ProtoWriter w = new ProtoWriter(4);
    w.writePackedSInt64(4, longs, longs.length);
    w.writePackedVarint(3, longs, longs.length);
    w.writePackedDouble(2, doubles, doubles.length);
    w.writePackedFixed64(1, longs, 3);
    byte[] expected = coded(c -> {
      c.writeTag(1, 2);
      c.writeUInt32NoTag(24);
      for (int i = 0; i < 3; i++) {
        c.writeFixed64NoTag(longs[i]);
      }
      c.writeTag(2, 2);
      c.writeUInt32NoTag(32);
      for (double d : doubles) {
        c.writeDoubleNoTag(d);
      }
      int size = 0;
      for (long l : longs) {
        size += CodedOutputStream.computeUInt64SizeNoTag(l);
      }
      c.writeTag(3, 2);
      c.writeUInt32NoTag(size);
      for (long l : longs) {
        c.writeUInt64NoTag(l);
      }
      size = 0;
      for (long l : longs) {
        size += CodedOutputStream.computeSInt64SizeNoTag(l);
      }
      c.writeTag(4, 2);
      c.writeUInt32NoTag(size);
      for (long l : longs) {
        c.writeSInt64NoTag(l);
      }
    });
    assertThat(w.toByteArray()).isEqualTo(expected);
    ProtoWriter empty = new ProtoWriter();
    empty.writePackedFixed64(1, longs, 0);
    empty.writePackedVarint(1, longs, 0);
    assertThat(empty.size()).isZero();
  }

  @Test
  void idsAreBigEndianBytesFields() throws IOException {
    ProtoWriter w = new ProtoWriter(4);
    w.writeId8(17, 0x0102030405060708L);
    w.writeId8(2, 0x0102030405060708L);
    w.writeId16(1, 0x1112131415161718L, 0x2122232425262728L);
    w.writeId8(3, 0);
    w.writeId16(4, 0, 0);
    byte[] expected = coded(c -> {
      c.writeByteArray(1, new byte[] {0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
          0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28});
      c.writeByteArray(2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      c.writeByteArray(17, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    });
    assertThat(w.toByteArray()).isEqualTo(expected);
  }

  @Test
  void readerReadsWhatTheWriterWrote() throws Exception {
    ProtoWriter w = new ProtoWriter(8);
    w.writeString(20, "last");
    int s = w.size();
    w.writeSInt32(2, -5);
    w.writeDouble(1, 2.5);
    w.endMessage(3, s);
    w.writeFixed32(2, 0xCAFEBABE);
    w.writeInt64(1, Long.MIN_VALUE);
    byte[] b = w.toByteArray();
    ProtoReader r = new ProtoReader(b, 0, b.length);
    assertThat(r.readTag()).isEqualTo(WireFormat.tag(1, WireFormat.VARINT));
    assertThat(r.readVarint64()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.readTag()).isEqualTo(WireFormat.tag(2, WireFormat.I32));
    assertThat(r.readFixed32()).isEqualTo(0xCAFEBABE);
    assertThat(r.readTag()).isEqualTo(WireFormat.tag(3, WireFormat.LEN));
    int saved = r.enterMessage("child", -1);
    assertThat(r.readTag()).isEqualTo(WireFormat.tag(1, WireFormat.I64));
    assertThat(r.readDouble()).isEqualTo(2.5);
    assertThat(r.readTag()).isEqualTo(WireFormat.tag(2, WireFormat.VARINT));
    assertThat(r.readSInt32()).isEqualTo(-5);
    assertThat(r.hasMore()).isFalse();
    r.exitMessage(saved);
    assertThat(r.readTag()).isEqualTo(WireFormat.tag(20, WireFormat.LEN));
    assertThat(r.readString()).isEqualTo("last");
    assertThat(r.hasMore()).isFalse();
    // and protobuf-java agrees
    CodedInputStream c = CodedInputStream.newInstance(b);
    assertThat(c.readTag()).isEqualTo(WireFormat.tag(1, WireFormat.VARINT));
    assertThat(c.readInt64()).isEqualTo(Long.MIN_VALUE);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
