package dev.signalbox.sdk.proto;

import static dev.signalbox.sdk.proto.ProtoWriterTest.coded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

  @Test
  void readsScalarsWrittenByCodedOutputStream() throws Exception {
    Random rnd = new Random(3);
    for (int k = 0; k < 2000; k++) {
      long v = rnd.nextLong() >> rnd.nextInt(64);
      int i = (int) v;
      int field = 1 + rnd.nextInt(3000);
      byte[] b = coded(c -> {
        c.writeUInt64(field, v);
        c.writeInt32(field, i);
        c.writeSInt32(field, i);
        c.writeSInt64(field, v);
        c.writeFixed64(field, v);
        c.writeFixed32(field, i);
        c.writeDouble(field, Double.longBitsToDouble(v));
        c.writeFloat(field, Float.intBitsToFloat(i));
        c.writeBool(field, v < 0);
      });
      ProtoReader r = new ProtoReader(b, 0, b.length);
      assertThat(r.readTag()).isEqualTo(field << 3);
      assertThat(r.readVarint64()).isEqualTo(v);
      r.readTag();
      assertThat(r.readVarint32()).isEqualTo(i);
      r.readTag();
      assertThat(r.readSInt32()).isEqualTo(i);
      r.readTag();
      assertThat(r.readSInt64()).isEqualTo(v);
      assertThat(r.readTag()).isEqualTo(field << 3 | 1);
      assertThat(r.readFixed64()).isEqualTo(v);
      assertThat(r.readTag()).isEqualTo(field << 3 | 5);
      assertThat(r.readFixed32()).isEqualTo(i);
      r.readTag();
      assertThat(Double.doubleToRawLongBits(r.readDouble())).isEqualTo(Double.doubleToRawLongBits(Double.longBitsToDouble(v)));
      r.readTag();
      assertThat(Float.floatToRawIntBits(r.readFloat())).isEqualTo(Float.floatToRawIntBits(Float.intBitsToFloat(i)));
      r.readTag();
      assertThat(r.readBool()).isEqualTo(v < 0);
      assertThat(r.hasMore()).isFalse();
    }
  }

  @Test
  void skipsUnknownFieldsOfEveryWireType() throws Exception {
    byte[] b = coded(c -> {
      c.writeUInt64(5, 300);
      c.writeFixed64(6, 1);
      c.writeString(7, "skip me");
      c.writeFixed32(8, 2);
      c.writeString(1, "kept");
    });
    KnownFields known = KnownFields.of("name", 1, WireFormat.LEN);
    ProtoReader r = new ProtoReader(b, 0, b.length);
    String name = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == WireFormat.tag(1, WireFormat.LEN)) {
        name = r.readString();
      } else {
        r.skipUnknown(tag, known);
      }
    }
    assertThat(name).isEqualTo("kept");
  }

  @Test
  void errorsCarryOffsetAndPath() {
    byte[] b = {0x12, 0x03, 0x08, (byte) 0x80, (byte) 0x80};
    ProtoReader r = new ProtoReader(b, 0, b.length);
    assertThatThrownBy(() -> {
      r.readTag();
      r.enterMessage("child", 4);
      r.readTag();
      r.readVarint64();
    }).isInstanceOf(MalformedDataException.class).hasMessage("truncated varint at byte 3 (child[4])");

    byte[] offset = {0x55, 0x55, 0x0A, 0x05, 'a'};
    ProtoReader r2 = new ProtoReader(offset, 2, 3);
    assertThatThrownBy(() -> {
      r2.readTag();
      r2.readString();
    }).hasMessage("truncated field: length 5 exceeds the 1 bytes left at byte 1");
  }

  @Test
  void knownFieldWithWrongWireTypeIsNamed() throws Exception {
    byte[] b = coded(c -> c.writeUInt32(1, 5));
    ProtoReader r = new ProtoReader(b, 0, b.length);
    int tag = r.readTag();
    assertThatThrownBy(() -> r.skipUnknown(tag, KnownFields.of("name", 1, WireFormat.LEN)))
        .hasMessage("field 1 (name) has wire type VARINT, expected LEN at byte 0");
  }

  @Test
  void pathDepthIsBounded() {
    byte[] nested = new byte[20];
    for (int i = 0; i < 10; i++) {
      nested[2 * i] = 0x0A;
      nested[2 * i + 1] = (byte) (20 - 2 * i - 2);
    }
    ProtoReader r = new ProtoReader(nested, 0, nested.length, 3);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 10; i++) {
        r.readTag();
        r.enterMessage("m", -1);
      }
    }).hasMessage("messages nested deeper than 3 levels at byte 7 (m.m.m)");
  }

  @Test
  void zigzagRoundTrips() {
    for (long v : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 12345, -12345}) {
      assertThat(WireFormat.decodeZigZag64(WireFormat.encodeZigZag64(v))).isEqualTo(v);
      int i = (int) v;
      assertThat(WireFormat.decodeZigZag32(WireFormat.encodeZigZag32(i))).isEqualTo(i);
    }
  }
}
