package dev.signalbox.sdk.proto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A bounds-checked protobuf reader over a byte array region.
 *
 * <p>Every read is checked against the end of the message being read (see {@link #enterMessage}),
 * so a declared length larger than what is left is an error, never an allocation or a read past the
 * message. Errors are {@link MalformedDataException}s naming the problem, the byte offset (from the
 * start of the region) and the {@link FieldPath} the decoder maintains through
 * {@link #enterMessage}/{@link #exitMessage}. Groups (wire types 3 and 4) and the invalid wire types
 * 6 and 7 are rejected by {@link #readTag}.
 *
 * <p>Typical loop:
 * <pre>{@code
 * while (r.hasMore()) {
 *   int tag = r.readTag();
 *   switch (tag) {
 *     case (1 << 3) | WireFormat.LEN -> name = r.readString();
 *     case (2 << 3) | WireFormat.LEN -> {
 *       int saved = r.enterMessage("child", index++);
 *       readChild(r);
 *       r.exitMessage(saved);
 *     }
 *     default -> r.skipField(tag);   // or r.checkUnknown(tag, KNOWN...) to reject wrong wire types
 *   }
 * }
 * }</pre>
 *
 * <p>Strings are decoded as UTF-8 leniently: malformed sequences become U+FFFD (proto3 requires
 * valid UTF-8, but a telemetry pipeline should not drop a batch over one bad byte).
 *
 * <p>Not thread-safe; one reader per decode. The array must not change while it is read.
 */
public final class ProtoReader {
  /** Message nesting protobuf-java accepts by default; deeper input is rejected. */
  public static final int DEFAULT_MAX_DEPTH = 100;

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final boolean[] VALID_WIRE_TYPES = {true, true, true, false, false, true, false, false};

  private final byte[] buf;
  private final int base;
  private int pos;
  private int limit;
  private final FieldPath path;

  public ProtoReader(byte[] buf, int offset, int length) {
    this(buf, offset, length, DEFAULT_MAX_DEPTH);
  }

  public ProtoReader(byte[] buf, int offset, int length, int maxDepth) {
    Objects.checkFromIndexSize(offset, length, buf.length);
    this.buf = buf;
    this.base = offset;
    this.pos = offset;
    this.limit = offset + length;
    this.path = new FieldPath(maxDepth);
  }

  /** The underlying array; with {@link #arrayPosition()} for decoders that read in place. */
  public byte[] array() {
    return buf;
  }

  /** The current index into {@link #array()}. */
  public int arrayPosition() {
    return pos;
  }

  /** Offset of the next byte from the start of the region; what error messages call "byte N". */
  public int position() {
    return pos - base;
  }

  /** True while the current message has bytes left. */
  public boolean hasMore() {
    return pos < limit;
  }

  /** Bytes left in the current message. */
  public int remaining() {
    return limit - pos;
  }

  public FieldPath path() {
    return path;
  }

  // ---- tags and scalars ----

  /**
   * Reads a field tag and checks it: field number 1 to 2^29-1, wire type 0, 1, 2 or 5.
   */
  public int readTag() throws MalformedDataException {
    int p = pos;
    if (p < limit) {
      int b = buf[p];
      if (b > 7) {
        // one byte: fields 1 to 15
        if (VALID_WIRE_TYPES[b & 7]) {
          pos = p + 1;
          return b;
        }
      } else if (b < 0 && p + 1 < limit) {
        // two bytes: fields 16 to 2047
        int b1 = buf[p + 1];
        if (b1 > 0) {
          int tag = (b & 0x7F) | (b1 << 7);
          if (VALID_WIRE_TYPES[tag & 7]) {
            pos = p + 2;
            return tag;
          }
        }
      }
    }
    return readTagSlow();
  }

  private int readTagSlow() throws MalformedDataException {
    int start = pos;
    long t = readVarint64("tag");
    if (t > 0xFFFFFFFFL || t < 0) {
      throw errorAt(start, "invalid tag " + Long.toUnsignedString(t));
    }
    int tag = (int) t;
    int field = tag >>> 3;
    int wt = tag & 7;
    if (field == 0) {
      throw errorAt(start, "invalid field number 0");
    }
    if (wt == WireFormat.SGROUP || wt == WireFormat.EGROUP) {
      throw errorAt(start, "field " + field + " uses wire type " + wt + " (group), which is not supported");
    }
    if (wt > WireFormat.I32) {
      throw errorAt(start, "field " + field + " has invalid wire type " + wt);
    }
    return tag;
  }

  /** An unsigned varint of up to 10 bytes. */
  public long readVarint64() throws MalformedDataException {
    int p = pos;
    if (p < limit) {
      byte b = buf[p];
      if (b >= 0) {
        pos = p + 1;
        return b;
      }
    }
    return readVarint64("varint");
  }

  private long readVarint64(String what) throws MalformedDataException {
    int p = pos;
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= limit) {
        throw errorAt(pos, "truncated " + what);
      }
      byte b = buf[p++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        pos = p;
        return result;
      }
    }
    throw errorAt(pos, what + " longer than 10 bytes");
  }

  /** A varint truncated to its low 32 bits, as protobuf reads int32, uint32 and enum fields. */
  public int readVarint32() throws MalformedDataException {
    int p = pos;
    if (p < limit) {
      byte b = buf[p];
      if (b >= 0) {
        pos = p + 1;
        return b;
      }
    }
    return (int) readVarint64("varint");
  }

  public boolean readBool() throws MalformedDataException {
    return readVarint64() != 0;
  }

  public int readSInt32() throws MalformedDataException {
    return WireFormat.decodeZigZag32(readVarint32());
  }

  public long readSInt64() throws MalformedDataException {
    return WireFormat.decodeZigZag64(readVarint64());
  }

  public long readFixed64() throws MalformedDataException {
    int p = pos;
    if (limit - p < 8) {
      throw errorAt(p, "truncated fixed64");
    }
    pos = p + 8;
    return (long) LE_LONG.get(buf, p);
  }

  public int readFixed32() throws MalformedDataException {
    int p = pos;
    if (limit - p < 4) {
      throw errorAt(p, "truncated fixed32");
    }
    pos = p + 4;
    return (int) LE_INT.get(buf, p);
  }

  public double readDouble() throws MalformedDataException {
    return Double.longBitsToDouble(readFixed64());
  }

  public float readFloat() throws MalformedDataException {
    return Float.intBitsToFloat(readFixed32());
  }

  // ---- length-delimited ----

  /** Reads a length prefix and checks it fits in the current message. */
  public int readLength() throws MalformedDataException {
    int start = pos;
    long len = readVarint64();
    if (len > limit - pos || len < 0) {
      throw errorAt(start, "truncated field: length " + Long.toUnsignedString(len) + " exceeds the "
          + (limit - pos) + " bytes left");
    }
    return (int) len;
  }

  /** A UTF-8 string; malformed sequences become U+FFFD. */
  public String readString() throws MalformedDataException {
    int len = readLength();
    int p = pos;
    pos = p + len;
    return len == 0 ? "" : new String(buf, p, len, StandardCharsets.UTF_8);
  }

  /** A copy of a bytes field. */
  public byte[] readBytes() throws MalformedDataException {
    int len = readLength();
    int p = pos;
    pos = p + len;
    byte[] out = new byte[len];
    System.arraycopy(buf, p, out, 0, len);
    return out;
  }

  /**
   * Skips {@code len} bytes of the current message, e.g. a length-delimited value read in place
   * through {@link #array()} at {@link #arrayPosition()} after {@link #readLength()}.
   */
  public void skipBytes(int len) throws MalformedDataException {
    if (len < 0 || len > limit - pos) {
      throw errorAt(pos, "truncated field: " + len + " bytes expected, " + (limit - pos) + " left");
    }
    pos += len;
  }

  /** 8 bytes as a big-endian long (ids are big-endian byte strings, unlike fixed64). */
  public long readLongBigEndian() throws MalformedDataException {
    int p = pos;
    if (limit - p < 8) {
      throw errorAt(p, "truncated field");
    }
    pos = p + 8;
    return (long) BE_LONG.get(buf, p);
  }

  /**
   * Reads a length prefix, checks it, makes it the current message end and pushes {@code name}
   * ({@code index} for a repeated field's element, -1 otherwise) onto the path.
   *
   * @return the previous message end, to hand to {@link #exitMessage}
   */
  public int enterMessage(String name, int index) throws MalformedDataException {
    if (!path.push(name, index)) {
      throw errorAt(pos, "messages nested deeper than " + path.maxDepth() + " levels");
    }
    int len = readLength();
    int old = limit;
    limit = pos + len;
    return old;
  }

  /** Leaves the message entered by the matching {@link #enterMessage}; its bytes must be consumed. */
  public void exitMessage(int savedLimit) {
    pos = limit;
    limit = savedLimit;
    path.pop();
  }

  /**
   * Pushes a path element without reading anything: lets a decoder name an element in errors
   * (e.g. {@code trace_id} checks) without entering a message. Pair with {@link #popPath()}.
   */
  public void pushPath(String name, int index) throws MalformedDataException {
    if (!path.push(name, index)) {
      throw errorAt(pos, "messages nested deeper than " + path.maxDepth() + " levels");
    }
  }

  public void popPath() {
    path.pop();
  }

  // ---- skipping and checking ----

  /** Skips the value of a field whose tag was just read, by its wire type. */
  public void skipField(int tag) throws MalformedDataException {
    switch (tag & 7) {
      case WireFormat.VARINT -> readVarint64();
      case WireFormat.I64 -> skip(8, "fixed64");
      case WireFormat.LEN -> {
        int len = readLength(); // not "pos += readLength()": that would add to the pos before the length
        pos += len;
      }
      case WireFormat.I32 -> skip(4, "fixed32");
      default -> throw errorAt(pos, "invalid wire type " + (tag & 7));
    }
  }

  private void skip(int n, String what) throws MalformedDataException {
    if (limit - pos < n) {
      throw errorAt(pos, "truncated " + what);
    }
    pos += n;
  }

  /**
   * For a tag that matched no known (field, wire type) pair: throws if its field number is one of
   * the message's known fields (so the wire type is wrong), otherwise skips the unknown field.
   *
   */
  public void skipUnknown(int tag, KnownFields known) throws MalformedDataException {
    String name = known.name(tag >>> 3);
    if (name != null) {
      throw wrongWireType(tag, name, known.wireType(tag >>> 3));
    }
    skipField(tag);
  }

  /** Skips a length-delimited value (string, bytes, message) after its tag. */
  public void skipLengthDelimited() throws MalformedDataException {
    int len = readLength();
    pos += len;
  }

  /** The error for a known field that arrived with the wrong wire type. The tag was just read. */
  public MalformedDataException wrongWireType(int tag, String fieldName, int expectedWireType) {
    int field = tag >>> 3;
    return errorAt(pos - WireFormat.varintSize32(tag), "field " + field + " (" + fieldName + ") has wire type "
        + WireFormat.wireTypeName(tag & 7) + ", expected " + WireFormat.wireTypeName(expectedWireType));
  }

  /** An error at the current position with the current path. */
  public MalformedDataException error(String problem) {
    return errorAt(pos, problem);
  }

  /** An error at array index {@code arrayIndex} with the current path. */
  public MalformedDataException errorAt(int arrayIndex, String problem) {
    return new MalformedDataException(problem, "byte " + (arrayIndex - base), path.toString());
  }
}
