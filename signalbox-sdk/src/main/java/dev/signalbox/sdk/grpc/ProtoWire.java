package dev.signalbox.sdk.grpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few protobuf wire-format operations {@link RpcStatus} needs. Not a general codec.
 */
final class ProtoWire {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private ProtoWire() {}

  /** Appends fields to a growing buffer. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    Writer varint(int field, long value) {
      tag(field, VARINT);
      raw(value);
      return this;
    }

    Writer bytes(int field, byte[] value) {
      tag(field, LEN);
      raw(value.length);
      out.writeBytes(value);
      return this;
    }

    Writer string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private void tag(int field, int type) {
      raw((long) field << 3 | type);
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Reads fields one by one; throws {@link IllegalArgumentException} on malformed input. */
  static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;
    private int tag;

    Reader(byte[] buf) {
      this(buf, 0, buf.length);
    }

    Reader(byte[] buf, int off, int len) {
      this.buf = buf;
      this.pos = off;
      this.end = off + len;
    }

    /** Advances to the next field; false at the end. */
    boolean next() {
      if (pos >= end) {
        return false;
      }
      long t = varint();
      if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("invalid protobuf tag");
      }
      tag = (int) t;
      return true;
    }

    int field() {
      return tag >>> 3;
    }

    int type() {
      return tag & 7;
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalArgumentException("truncated varint");
        }
        byte b = buf[pos++];
        result |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    byte[] bytes() {
      long len = varint();
      if (len < 0 || len > end - pos) {
        throw new IllegalArgumentException("truncated length-delimited field");
      }
      byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + (int) len);
      pos += (int) len;
      return out;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    void skip() {
      switch (type()) {
        case VARINT -> varint();
        case FIXED64 -> advance(8);
        case LEN -> {
          long len = varint();
          if (len < 0 || len > end - pos) {
            throw new IllegalArgumentException("truncated length-delimited field");
          }
          pos += (int) len;
        }
        case FIXED32 -> advance(4);
        default -> throw new IllegalArgumentException("unsupported wire type " + type());
      }
    }

    private void advance(int n) {
      if (end - pos < n) {
        throw new IllegalArgumentException("truncated fixed field");
      }
      pos += n;
    }
  }
}
